"""The exception hierarchy: one subclass of PresenceError per engine status."""

from __future__ import annotations

from typing import ClassVar

from ._enums import Status

__all__ = [
    "ClosedError",
    "ConflictError",
    "CorruptSnapshotError",
    "DeniedError",
    "InternalError",
    "InvalidArgumentError",
    "LimitExceededError",
    "NotFoundError",
    "OutOfMemoryError",
    "PresenceError",
    "PresenceIOError",
    "TooFarBehindError",
    "UnsupportedError",
]


class PresenceError(Exception):
    """Base class of every error the engine reports.

    Attributes:
        message: The engine's description of the failure.
        status: The engine's status code (a :class:`Status`; a plain ``int`` only
            for a status newer than this package).

    """

    default_status: ClassVar[Status] = Status.INTERNAL

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message: str = message
        self.status: Status | int = self.default_status
        if status is not None:
            try:
                self.status = Status(status)
            except ValueError:
                self.status = status


class InvalidArgumentError(PresenceError, ValueError):
    """A bad id (empty, too long, invalid UTF-8), text, enum value, time or configuration.

    Also a :class:`ValueError`. Nothing was changed.
    """

    default_status = Status.INVALID_ARGUMENT


class NotFoundError(PresenceError, LookupError):
    """No live session, user or transport with that id. Also a :class:`LookupError`."""

    default_status = Status.NOT_FOUND


class ConflictError(PresenceError):
    """The request contradicts the engine's state, e.g. a session of another user."""

    default_status = Status.CONFLICT


class LimitExceededError(PresenceError):
    """A configured limit would be exceeded (sessions, rooms, intents, ...). Nothing was changed.

    Every refusal is counted in :attr:`Stats.limit_rejections`.
    """

    default_status = Status.LIMIT_EXCEEDED


class TooFarBehindError(PresenceError):
    """The requested events were dropped: take a snapshot and continue from its seq."""

    default_status = Status.TOO_FAR_BEHIND


class ClosedError(PresenceError):
    """The engine was closed."""

    default_status = Status.CLOSED


class OutOfMemoryError(PresenceError, MemoryError):
    """The engine could not allocate memory; it remains usable. Also a MemoryError."""

    default_status = Status.OUT_OF_MEMORY


class UnsupportedError(PresenceError):
    """The operation is not available on this platform or build."""

    default_status = Status.UNSUPPORTED


class InternalError(PresenceError):
    """An unexpected failure inside the engine; please report it."""

    default_status = Status.INTERNAL


class DeniedError(PresenceError, PermissionError):
    """Not permitted: e.g. continuing a session from another transport without its resume token.

    Raised when ``require_resume_token`` is on. Also a :class:`PermissionError`.
    Nothing was changed.
    """

    default_status = Status.DENIED


class PresenceIOError(PresenceError, OSError):
    """A snapshot file could not be read or written (:meth:`Engine.save`, :meth:`Engine.restore`).

    Also an :class:`OSError`, so ``except OSError`` catches it with the
    system's own file errors; its ``errno`` and ``filename`` are None: the
    message names the file, the failed step and the system's reason. A failed
    save leaves no temporary file behind and the previous snapshot in place.
    """

    default_status = Status.IO_ERROR


class CorruptSnapshotError(PresenceError):
    """A snapshot file this library cannot load: foreign, truncated, damaged or inconsistent.

    The message says what is wrong. Nothing was loaded. A snapshot written by
    a newer library in a format this one does not read raises
    :class:`UnsupportedError` instead.
    """

    default_status = Status.CORRUPT


# The extension raises through this table.
_CLASS_BY_STATUS: dict[int, type[PresenceError]] = {
    cls.default_status: cls
    for cls in (
        InvalidArgumentError,
        NotFoundError,
        ConflictError,
        LimitExceededError,
        TooFarBehindError,
        ClosedError,
        OutOfMemoryError,
        UnsupportedError,
        InternalError,
        DeniedError,
        PresenceIOError,
        CorruptSnapshotError,
    )
}
