class SearchkitError(Exception):
    """Base class: the message is one line a user can act on."""


class InputError(SearchkitError):
    """A file or path that cannot be read as speeches."""


class QueryError(SearchkitError):
    """A query that cannot be understood (a usage error: exit 2)."""


class SettingError(QueryError):
    """A setting outside what it can be, e.g. a build memory budget too small to run in (exit 2)."""


class IndexStateError(SearchkitError):
    """A missing, locked or incompatible index."""


class DamagedIndexError(IndexStateError):
    """A file of the live generation is missing, cut short or altered; ``file`` names it (relative to the
    index folder) and ``why`` says what is wrong with it."""

    def __init__(self, message: str, file: str = "", why: str = "") -> None:
        super().__init__(message)
        self.file, self.why = file, why
