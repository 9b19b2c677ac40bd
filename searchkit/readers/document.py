from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One speech's raw text as read from a file, before it is split into paragraphs."""

    speech_id: str
    source: str  # the file it came from (absolute path)
    text: str
    fields: dict = field(default_factory=dict)  # explicit metadata: wins over what the text suggests
    file_name: str = ""  # base name when the file holds this one speech (names carry year, speaker)
