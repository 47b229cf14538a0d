"""The Engine: a presence engine in this process."""

from __future__ import annotations

import atexit
import dataclasses
import os
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Optional, Union, overload

from . import _presence
from ._closing import ClosesOnExit
from ._cluster import Replica
from ._config import Config
from ._coordination import Member, Room
from ._enums import State
from ._events import EventCursor, EventSource, EventStream
from ._paging import walk
from ._reader import EngineReader, RoomReader
from ._records import User

if TYPE_CHECKING:
    pass

__all__ = ["Engine"]


class Engine(ClosesOnExit, _presence.NativeEngine):
    """An in-memory presence engine: sessions in; states, users, rooms, readiness and events out.

    Configure it with a :class:`Config`, with keywords naming its fields, or
    both (keywords override the config's fields)::

        Engine(debounce_active_ms=0)
        Engine(Config(session_ttl_ms=60_000), reconnect_grace_ms=20_000)

    Times given to and returned by every method are ``int`` milliseconds since
    the Unix epoch; ``now_ms=None`` (the default everywhere) means the
    engine's clock, and a time older than the latest one seen is treated as
    the latest. Durations are ``int`` milliseconds (``_ms``).

    Args:
        config: The configuration; None for the engine's defaults.
        tick_interval_ms: If given, start the native ticker with this period
            (:meth:`start_ticker`), so that transitions reached by time alone
            and debounced events happen without calls to :meth:`advance`.
        **options: Fields of :class:`Config` by name, overriding ``config``'s.

    Raises:
        InvalidArgumentError: A value is out of range or the values contradict
            each other (the message names the field).
        TypeError: A value has the wrong type, or a keyword names no field.

    An Engine may be used from many threads. It is a context manager that
    closes it; after :meth:`close` every method raises :class:`ClosedError`.

    """

    def __init__(
        self,
        config: Optional[Config] = None,
        /,
        *,
        tick_interval_ms: Optional[int] = None,
        **options: Any,
    ) -> None:
        self._create(config, options, tick_interval_ms, None, None)

    @classmethod
    def restore(
        cls,
        path: Union[str, os.PathLike[str]],
        config: Optional[Config] = None,
        /,
        *,
        now_ms: Optional[int] = None,
        tick_interval_ms: Optional[int] = None,
        **options: Any,
    ) -> Engine:
        """Create an engine from a snapshot file written by :meth:`save`.

        Takes the same configuration as ``Engine()`` (it may differ from the
        saved engine's: thresholds apply from the restore). The restored
        engine continues where the saved one stopped, then lives through the
        time it was down as if nobody had called: sessions age from their
        last signal (stale, then offline past the TTL, with those events at
        their exact times). Sessions still alive at ``now_ms`` lost their
        transport in the restart: they are disconnected, and a reconnect
        inside the grace window continues them. Resume tokens stay valid;
        event seqs continue after the saved one.

        A first start has no snapshot yet::

            try:
                engine = Engine.restore(path, session_ttl_ms=60_000)
            except NotFoundError:
                engine = Engine(session_ttl_ms=60_000)

        Args:
            path: The snapshot file (``str`` or ``os.PathLike[str]``).
            config: As for ``Engine()``.
            now_ms: Time of the restore (None: the engine's clock); a time
                before the snapshot's is taken as the snapshot's.
            tick_interval_ms: As for ``Engine()``.
            **options: As for ``Engine()``.

        Raises:
            NotFoundError: No file at ``path`` (e.g. a first start).
            PresenceIOError: The file could not be read (also an OSError).
            CorruptSnapshotError: The file is foreign, truncated, damaged or
                inconsistent. Nothing was loaded.
            UnsupportedError: Written by a newer library in a format this one
                does not read, or the configuration names a ``node_id``.
            InvalidArgumentError: An empty path, a NUL byte or a lone
                surrogate in it, or a bad configuration.
            TypeError: ``path`` is not a str or os.PathLike of str.

        """
        engine = cls.__new__(cls)
        engine._create(config, options, tick_interval_ms, _path_arg(path), now_ms)
        return engine

    def _create(
        self,
        config: Optional[Config],
        options: dict[str, Any],
        tick_interval_ms: Optional[int],
        snapshot: Optional[str],
        now_ms: Optional[int],
    ) -> None:
        if config is None:
            config = Config(**options)
        elif not isinstance(config, Config):
            raise TypeError(f"config must be a presence.Config, not {type(config).__name__}")
        elif options:
            config = dataclasses.replace(config, **options)
        super().__init__(config, snapshot, now_ms)
        self._streams: weakref.WeakSet[EventStream] = weakref.WeakSet()
        _open_engines.add(self)
        if tick_interval_ms is not None:
            try:
                self.start_ticker(tick_interval_ms)
            except BaseException:
                self.close()
                raise

    def save(self, path: Union[str, os.PathLike[str]], *, now_ms: Optional[int] = None) -> None:
        """Save a snapshot of the whole engine to ``path``, for :meth:`restore` after a restart.

        Atomic: the file is written next to ``path``, flushed to disk and
        renamed over it, so after a crash ``path`` holds the previous snapshot
        or this one. The engine is brought up to ``now_ms`` first (None: its
        clock) and is locked only while its state is copied. Kept: sessions,
        users, rooms, pending intents, resume-token secrets, the last event
        seq. Not kept: buffered events, fan-out subscriptions, transport ids.
        The file holds secrets and is created readable by its owner only.

        Raises:
            PresenceIOError: The file could not be written (e.g. its directory
                does not exist); no temporary file is left behind.
            UnsupportedError: A cluster node (``node_id`` set), or no POSIX
                file system.
            InvalidArgumentError: An empty path, a NUL byte or a lone
                surrogate in it.
            TypeError: ``path`` is not a str or os.PathLike of str.
            ClosedError: The engine was closed.

        """
        self._save(_path_arg(path), now_ms=now_ms)

    def config(self) -> Config:
        """The engine's configuration, read back from the engine."""
        return Config(**self._config())

    def close(self) -> None:
        """Close the engine: stop its ticker and free its state.

        Later calls raise :class:`ClosedError`, its readers' too; streams end.
        Idempotent, and safe while other threads use the engine.
        """
        super().close()
        for stream in list(self._streams):
            stream._engine_closed()
        _open_engines.discard(self)

    def __repr__(self) -> str:
        if "_streams" not in self.__dict__:  # __init__ failed: there is no native engine
            return "<presence.Engine not created>"
        if self.closed:
            return "<presence.Engine closed>"
        counts = self.counts()
        return (
            f"<presence.Engine sessions_alive={counts.sessions_alive} "
            f"users_alive={counts.users_alive} rooms={counts.rooms}>"
        )

    @overload
    def reader(self, room_id: None = None) -> EngineReader: ...
    @overload
    def reader(self, room_id: str) -> RoomReader: ...
    def reader(self, room_id: Optional[str] = None) -> Union[EngineReader, RoomReader]:
        """Return a redacted :class:`Reader` of the whole engine, or of one room.

        Use readers for what a server sends to others: they never show the
        truth behind what is shown (invisible users are offline, ``true_*``
        fields repeat the shown values). The room need not exist yet.
        """
        if room_id is None:
            return EngineReader(self, None)
        return RoomReader(self, room_id)

    def iter_users(
        self, min_state: State = State.STALE, *, page_size: int = 500, now_ms: int | None = None
    ) -> Iterator[User]:
        """Yield every user at least ``min_state``, ordered by user id, page by page.

        Each page is one :meth:`list_users` call, so the walk is consistent
        within a page and stable across pages while users come and go.
        """
        return walk(
            lambda cursor: self.list_users(
                min_state, cursor=cursor, limit=page_size, now_ms=now_ms
            ),
            lambda page: page.users,
            lambda page: page.next_cursor,
        )

    def iter_rooms(self, *, page_size: int = 500, now_ms: int | None = None) -> Iterator[Room]:
        """Yield every room, ordered by id, page by page (:meth:`list_rooms`)."""
        return walk(
            lambda cursor: self.list_rooms(cursor=cursor, limit=page_size, now_ms=now_ms),
            lambda page: page.rooms,
            lambda page: page.next_cursor,
        )

    def iter_members(
        self,
        room_id: str,
        min_state: State = State.STALE,
        *,
        page_size: int = 500,
        now_ms: int | None = None,
    ) -> Iterator[Member]:
        """Yield every member of a room at least ``min_state``, by id (:meth:`list_members`)."""
        return walk(
            lambda cursor: self.list_members(
                room_id, min_state, cursor=cursor, limit=page_size, now_ms=now_ms
            ),
            lambda page: page.members,
            lambda page: page.next_cursor,
        )

    def iter_replicas(
        self, *, page_size: int = 1000, now_ms: int | None = None
    ) -> Iterator[Replica]:
        """Yield a record of every live session this node owns (:meth:`export_replicas`)."""
        return walk(
            lambda cursor: self.export_replicas(cursor or 0, limit=page_size, now_ms=now_ms),
            lambda page: page.replicas,
            lambda page: page.next_cursor,
        )

    def cursor(self, after_seq: int = 0) -> EventCursor:
        """Return an :class:`EventCursor` over events after ``after_seq`` that keeps its place.

        Use it to poll: ``for event in cursor`` yields what has been published
        since the last loop, then stops.
        """
        self._check_open()
        return EventCursor(self, after_seq)

    def stream(self, after_seq: int = 0, *, batch_size: int = 1024) -> EventStream:
        """Return an asyncio :class:`EventStream` of events after ``after_seq``.

        ``async for event in engine.stream(snapshot.seq)`` delivers events on
        the running loop as they are published, waiting on an event file
        descriptor of its own without busy polling. It raises
        :class:`TooFarBehindError` if events it had not read yet were dropped
        (it does not resynchronise by itself: take a new :meth:`snapshot` and
        open a new stream from its seq), and ends when the engine is closed.
        Events reached by time alone need the ticker (``tick_interval_ms``) or
        calls to :meth:`advance`.
        """
        return self._stream(self, after_seq, batch_size)

    def _stream(self, source: EventSource, after_seq: int, batch_size: int) -> EventStream:
        # Streams of the engine and of its readers: close() ends them all.
        self._check_open()
        stream = EventStream(self, source, after_seq, batch_size)
        self._streams.add(stream)
        return stream

    def _check_open(self) -> None:
        # now() raises ClosedError with the engine's own message.
        self.now()


def _path_arg(path: Union[str, os.PathLike[str]]) -> str:
    # The C ABI takes UTF-8 text: bytes paths are refused rather than guessed at.
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"path must be str or os.PathLike[str], not {type(text).__name__}")
    return text


# Engines still open at exit are closed first, so that no ticker thread calls
# into a finalising interpreter.
_open_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


@atexit.register
def _close_open_engines() -> None:
    for engine in list(_open_engines):
        engine.close()
