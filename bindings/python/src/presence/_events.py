"""Reading events: a polling cursor, and an asyncio stream woken by the engine."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import weakref
from collections import deque
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Optional, Protocol

from ._errors import ClosedError, PresenceError
from ._event_records import Event, EventBatch

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._engine import Engine

__all__ = ["EventCursor", "EventSource", "EventStream"]


class EventSource(Protocol):
    """What events are read from: an :class:`Engine`, or a :class:`Reader` (redacted)."""

    def events_since(self, after_seq: int = 0, *, limit: Optional[int] = None) -> EventBatch:
        """Events with seq > after_seq, oldest first."""


class EventCursor:
    """A consumer's position in the event sequence, for polling.

    ``for event in cursor`` yields every event published after the cursor's
    position, oldest first, and stops when it has caught up; loop again later
    for newer ones. The position advances with each event yielded, so breaking
    out of the loop loses nothing. Raises :class:`TooFarBehindError` if events
    it had not read yet were dropped from the engine's buffer. One cursor is
    meant for one consumer; create as many as needed.
    """

    def __init__(self, source: EventSource, after_seq: int) -> None:
        self._source = source
        self._seq = after_seq
        source.events_since(after_seq, limit=1)  # checks after_seq now rather than later

    @property
    def seq(self) -> int:
        """The seq of the last event consumed (where the next read continues)."""
        return self._seq

    def poll(self, limit: int | None = None) -> tuple[Event, ...]:
        """Return the events published since the last read (at most ``limit``), moving past them."""
        batch = self._source.events_since(self._seq, limit=limit)
        self._seq = batch.seq
        return batch.events

    def __iter__(self) -> Iterator[Event]:
        while True:
            batch = self._source.events_since(self._seq, limit=1024)
            if not batch.events:
                # A reader may have considered events and kept none: move past them.
                self._seq = batch.seq
                return
            for event in batch.events:
                self._seq = event.seq
                yield event
            self._seq = batch.seq


class _Wakeup:
    """One stream's wake-ups: an event file descriptor of its own, watched by its loop.

    Each consumer needs a descriptor of its own, since reading one consumes the
    wake-up. The loop watches a duplicate, which stays valid (and silent) when
    the engine closes its own at :meth:`Engine.close`; the engine then calls
    :meth:`stop`, from any thread, to end a wait in progress.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()  # stop() may come from any thread
        self._waiting: Optional[asyncio.Future[None]] = None
        self._stopped = False
        self._watched: Optional[int] = None
        self._release: Optional[weakref.finalize[[weakref.ref[Engine], int, int], _Wakeup]] = None

    async def wait(self) -> None:
        """Return at the next publication, or once stopped.

        The first call only opens the descriptor and returns at once: whatever
        was published before it existed is read again by the caller.
        """
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._stopped:
                return
            if self._watched is None:
                self._open()
                return
            watched = self._watched
            future: asyncio.Future[None] = loop.create_future()
            self._waiting = future
        loop.add_reader(watched, self._on_readable, watched, future)
        try:
            await future
        finally:
            loop.remove_reader(watched)
            with self._lock:
                self._waiting = None
                release = self._release if self._stopped else None
            if release is not None:  # stopped meanwhile: the descriptor is no longer watched
                release()

    def stop(self) -> None:
        """End a wait in progress and give the descriptor back (idempotent, from any thread).

        A descriptor still watched by a loop is given back when that wait ends,
        so that its number cannot be reused while the loop still watches it.
        """
        with self._lock:
            self._stopped = True
            future = self._waiting
            release = self._release if future is None else None
        if future is not None:
            # RuntimeError: that loop is closed, nothing waits on it any more.
            with contextlib.suppress(RuntimeError):
                future.get_loop().call_soon_threadsafe(_settle, future)
        if release is not None:
            release()

    def _open(self) -> None:
        # With the lock held.
        try:
            own = self._engine.event_fd()
        except ClosedError:
            self._stopped = True
            return
        self._watched = os.dup(own)
        # Also when the stream is dropped without being closed.
        self._release = weakref.finalize(
            self, _release_descriptors, weakref.ref(self._engine), own, self._watched
        )

    @staticmethod
    def _on_readable(fd: int, future: asyncio.Future[None]) -> None:
        try:
            while os.read(fd, 8192):
                pass
        except BlockingIOError:
            pass
        _settle(future)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _release_descriptors(engine: weakref.ref[Engine], own: int, watched: int) -> None:
    os.close(watched)
    alive = engine()
    if alive is not None and not alive.closed:
        with contextlib.suppress(PresenceError):  # closed meanwhile: closing released it
            alive.release_event_fd(own)


class EventStream(AsyncIterator[Event]):
    """Events delivered on the running asyncio loop as they are published.

    Made by :meth:`Engine.stream` or :meth:`Reader.stream`. ``async for event
    in stream`` waits without busy polling (the loop watches an event file
    descriptor of the stream's own), reads up to ``batch_size`` events per
    wake-up, and:

    * raises :class:`TooFarBehindError` if events it had not read yet were
      dropped from the engine's buffer (it does not resynchronise by itself:
      take a new snapshot and open a new stream from its seq);
    * ends when the engine (or the reader) is closed.

    Streams of one engine may run on different loops. A stream is also an
    async context manager; leaving it (or :meth:`aclose`) ends it and gives its
    descriptor back.
    """

    def __init__(
        self, engine: Engine, source: EventSource, after_seq: int, batch_size: int
    ) -> None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise TypeError(f"batch_size must be int, not {type(batch_size).__name__}")
        source.events_since(after_seq, limit=batch_size)  # checks both arguments now
        self._source = source
        self._wakeup = _Wakeup(engine)
        self._read_seq = after_seq  # where the next read continues
        self._seq = after_seq  # the last event handed out
        self._batch_size = batch_size
        self._pending: deque[Event] = deque()
        self._ended = False

    @property
    def seq(self) -> int:
        """The seq of the last event delivered."""
        return self._seq

    async def __anext__(self) -> Event:
        while not self._pending:
            if self._ended:
                raise StopAsyncIteration
            try:
                batch = self._source.events_since(self._read_seq, limit=self._batch_size)
            except ClosedError:
                await self.aclose()
                raise StopAsyncIteration from None
            considered = batch.seq != self._read_seq
            self._pending.extend(batch.events)
            self._read_seq = batch.seq
            if not considered:
                await self._wakeup.wait()
        event = self._pending.popleft()
        self._seq = event.seq
        return event

    async def aclose(self) -> None:
        """End the stream: later iterations stop, and its descriptor goes back to the engine."""
        self._ended = True
        self._pending.clear()
        self._wakeup.stop()

    def _engine_closed(self) -> None:
        # Called by Engine.close(), from any thread.
        self._wakeup.stop()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
