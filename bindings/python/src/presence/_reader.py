"""Scoped readers: what a server may show to others, never the truth behind it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional, cast

from . import _presence
from ._closing import ClosesOnExit
from ._coordination import Member, MemberPage
from ._enums import State
from ._events import EventCursor, EventStream
from ._paging import walk
from ._records import User, UserPage

if TYPE_CHECKING:
    from ._engine import Engine

__all__ = ["EngineReader", "Reader", "RoomReader"]


class Reader(ClosesOnExit, _presence.NativeReader):
    """A read-only, redacted view of an engine; made by :meth:`Engine.reader`.

    What a server sends to browsers should come from a reader: its results
    never carry the truth behind what is shown (the ``true_*`` fields repeat
    the shown values) and never show invisible users as present. An
    :class:`EngineReader` reads the whole engine; a :class:`RoomReader` only
    one room's visible members and their sessions in it.

    A reader keeps its engine alive. Closing the engine does not close its
    readers, but their calls then raise :class:`ClosedError`; so do a closed
    reader's. Readers may be used from many threads. A reader is a context
    manager that closes it.
    """

    @property
    def engine(self) -> Engine:
        """The engine this reader reads."""
        return cast("Engine", super().engine)

    def cursor(self, after_seq: int = 0) -> EventCursor:
        """Return an :class:`EventCursor` over this reader's events after ``after_seq``."""
        return EventCursor(self, after_seq)

    def stream(self, after_seq: int = 0, *, batch_size: int = 1024) -> EventStream:
        """Return an asyncio :class:`EventStream` of this reader's events after ``after_seq``.

        As :meth:`Engine.stream`; it also ends when the reader is closed.
        """
        return self.engine._stream(self, after_seq, batch_size)

    def __repr__(self) -> str:
        scope = "the engine" if self.room_id is None else f"room {self.room_id!r}"
        return f"<presence.{type(self).__name__} of {scope}{' closed' if self.closed else ''}>"


class EngineReader(Reader):
    """A redacted view of the whole engine: ``engine.reader()``."""

    def list_users(
        self,
        min_state: State = State.STALE,
        *,
        cursor: Optional[str] = None,
        limit: int = 50,
        now_ms: Optional[int] = None,
    ) -> UserPage:
        """A page of users at least ``min_state``, as :meth:`Engine.list_users`, redacted.

        Invisible users are shown offline, so ``min_state`` above OFFLINE leaves them out.
        """
        return cast(UserPage, self._page(min_state, cursor, limit, now_ms))

    def iter_users(
        self, min_state: State = State.STALE, *, page_size: int = 500, now_ms: Optional[int] = None
    ) -> Iterator[User]:
        """Yield every user at least ``min_state``, ordered by id, page by page."""
        return walk(
            lambda cursor: self.list_users(
                min_state, cursor=cursor, limit=page_size, now_ms=now_ms
            ),
            lambda page: page.users,
            lambda page: page.next_cursor,
        )


class RoomReader(Reader):
    """A redacted view of one room: ``engine.reader(room_id)``.

    The room need not exist yet: reads raise :class:`NotFoundError` until it does.
    """

    @property
    def room_id(self) -> str:
        """The room this reader is scoped to."""
        return cast(str, super().room_id)

    def list_members(
        self,
        min_state: State = State.STALE,
        *,
        cursor: Optional[str] = None,
        limit: int = 50,
        now_ms: Optional[int] = None,
    ) -> MemberPage:
        """A page of the room's visible members at least ``min_state`` (as ``list_members``)."""
        return cast(MemberPage, self._page(min_state, cursor, limit, now_ms))

    def iter_members(
        self, min_state: State = State.STALE, *, page_size: int = 500, now_ms: Optional[int] = None
    ) -> Iterator[Member]:
        """Yield every visible member at least ``min_state``, ordered by id, page by page."""
        return walk(
            lambda cursor: self.list_members(
                min_state, cursor=cursor, limit=page_size, now_ms=now_ms
            ),
            lambda page: page.members,
            lambda page: page.next_cursor,
        )
