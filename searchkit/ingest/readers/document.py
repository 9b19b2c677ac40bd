import re
from dataclasses import dataclass, field

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value: str) -> str:
    """``value`` with each half of a surrogate pair standing alone replaced by U+FFFD, as a decoder
    replaces bytes it cannot read. JSON may escape one ("\\ud800"); no encoder downstream (UTF-8 for
    OpenCC and the stored fields, UTF-16 for the character index) accepts it."""
    return _LONE_SURROGATE.sub("\ufffd", value)


@dataclass(frozen=True)
class Document:
    """One speech's raw text as read from a file, before it is split into paragraphs."""

    speech_id: str
    source: str  # the file it came from (absolute path)
    text: str
    fields: dict = field(default_factory=dict)  # explicit metadata: wins over what the text suggests
    file_name: str = ""  # base name when the file holds this one speech (names carry year, speaker)
