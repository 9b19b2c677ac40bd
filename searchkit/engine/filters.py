"""Which speeches a search or listing covers: by speaker, date range, title and source."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from ..text import normalize
from ..errors import QueryError

_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")  # ASCII digits: dates compare as strings
SORTS = ("relevance", "date", "-date")


def _folded(text: str | None) -> str:
    return re.sub(r"\s+", "", normalize(text or ""))


def _shown(value) -> str:
    return f"the {type(value).__name__} {value!r}"


def whole_number(value, name: str, *, minimum: int = 0, optional: bool = False) -> int | None:
    """``value`` when it is an int of at least ``minimum`` (or None, if ``optional``); else a
    ``QueryError`` naming the parameter (``limit="3"`` is not taken for 3, nor ``True`` for 1)."""
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise QueryError(f"{name} must be a whole number ({minimum} or more{', or None' if optional else ''}), not {_shown(value)}")
    if value < minimum:
        raise QueryError(f"{name} must be {minimum} or more, not {value}")
    return value


def _check_text(value, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise QueryError(f"{name} must be a string, not {_shown(value)}")
    return value


def _check_date(value, option: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):  # a datetime too: its day
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        raise QueryError(f"{option.lstrip('-')} must be a date string as YYYY, YYYY-MM or YYYY-MM-DD (or a datetime.date), "
                         f"not {_shown(value)}")
    # NFKC first: ２０１４ (full-width, as a Chinese input method types it) is 2014, ／ is /.
    value = unicodedata.normalize("NFKC", value).strip().replace("/", "-").replace(".", "-")
    if not _DATE.match(value) or not _exists(value):
        raise QueryError(f"{option} takes a real date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _exists(value: str) -> bool:
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Filters:
    """All given conditions must hold. Text conditions are case-, width- and script-insensitive
    substring matches (``--speaker 李克強`` finds 李克强); dates compare at the precision given
    (``--until 2014`` includes all of 2014)."""

    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    title: str | None = None
    source: str | None = None

    @classmethod
    def of(cls, speaker=None, since=None, until=None, title=None, source=None) -> "Filters":
        return cls(_check_text(speaker, "speaker"), _check_date(since, "--since"), _check_date(until, "--until"),
                   _check_text(title, "title"), _check_text(source, "source"))

    def __bool__(self) -> bool:
        return any((self.speaker, self.since, self.until, self.title, self.source))

    def matches(self, speech: dict) -> bool:
        for wanted, field in ((self.speaker, "speaker"), (self.title, "title"), (self.source, "source")):
            if wanted and _folded(wanted) not in _folded(speech.get(field)):
                return False
        if self.since or self.until:
            when = speech.get("date") or (str(speech["year"]) if speech.get("year") else None)
            if when is None:
                return False
            if self.since and when[: len(self.since)] < self.since[: len(when)]:
                return False
            if self.until and when[: len(self.until)] > self.until[: len(when)]:
                return False
        return True
