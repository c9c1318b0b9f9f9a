"""The exception tree: every error narrascope raises says what went wrong and what to do."""

from __future__ import annotations


class NarrascopeError(Exception):
    """Base class of every error raised by narrascope."""


class ConfigError(NarrascopeError):
    """A settings file or option is invalid; the message names the key."""


class InputError(NarrascopeError):
    """One input could not be read; carries the file name and a one-line reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class FetchError(InputError):
    """One web page could not be collected; ``kind`` says why (dns, timeout, http, robots, not_article...)."""

    def __init__(self, url: str, reason: str, kind: str, transient: bool = False) -> None:
        super().__init__(url, reason)
        self.kind = kind
        self.transient = transient  # worth trying again on a later run


class QueryError(NarrascopeError, ValueError):
    """A query parameter (page offset or size) is out of range; the message names it and the range."""


class AnnotationError(NarrascopeError, ValueError):
    """An annotation does not fit its article's text (bad offsets, empty slice)."""


class PipelineError(NarrascopeError):
    """The pipeline could not be built, or one of its components failed."""

    def __init__(self, message: str, component: str | None = None) -> None:
        super().__init__(f"component {component!r}: {message}" if component else message)
        self.component = component


class ModelError(NarrascopeError):
    """A model could not be loaded; the message says which package to install or command to run."""


class StoreError(NarrascopeError):
    """The database could not be opened, migrated or written."""


class NotFoundError(StoreError, KeyError):
    """An article, actor or job id is not in the store."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "not found"


class QueueFull(NarrascopeError):
    """Too many web submissions are waiting; the client should retry later (HTTP 429)."""
