"""Reading events: a polling cursor, and an asyncio stream woken by the engine."""

from __future__ import annotations

import asyncio
import os
import threading
import weakref
from collections import deque
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Optional

from ._errors import ClosedError
from ._records import Event

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._engine import Engine

__all__ = ["EventCursor", "EventStream"]


class EventCursor:
    """A consumer's position in the event sequence, for polling.

    ``for event in cursor`` yields every event published after the cursor's
    position, oldest first, and stops when it has caught up; loop again later
    for newer ones. The position advances with each event yielded, so breaking
    out of the loop loses nothing. Raises :class:`TooFarBehindError` if events
    it had not read yet were dropped from the engine's buffer. One cursor is
    meant for one consumer; create as many as needed.
    """

    def __init__(self, engine: Engine, after_seq: int) -> None:
        self._engine = engine
        self._seq = after_seq
        engine.events_since(after_seq, limit=1)  # checks after_seq now rather than later

    @property
    def seq(self) -> int:
        """The seq of the last event consumed (where the next read continues)."""
        return self._seq

    def poll(self, limit: int | None = None) -> tuple[Event, ...]:
        """Return the events published since the last read (at most ``limit``), moving past them."""
        batch = self._engine.events_since(self._seq, limit=limit)
        self._seq = batch.seq
        return batch.events

    def __iter__(self) -> Iterator[Event]:
        while True:
            events = self._engine.events_since(self._seq, limit=1024).events
            if not events:
                return
            for event in events:
                self._seq = event.seq
                yield event


class _WakeHub:
    """Turns the engine's event file descriptor into wake-ups for waiting streams.

    The descriptor is level-triggered and shared: whoever drains it consumes the
    wake-up. So one hub per engine owns it (a duplicate, which stays valid after
    the engine closes its own) and wakes every waiting stream. Streams may run
    on one event loop at a time; the reader is registered only while one waits.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = weakref.ref(engine)
        self._lock = threading.Lock()  # close() may come from any thread
        self._fd: Optional[int] = None
        self._close_fd: Optional[weakref.finalize[[int], _WakeHub]] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._waiters: set[asyncio.Future[None]] = set()
        self._closed = False

    def wait(self) -> asyncio.Future[None]:
        """Return a future that completes at the next publication (or at close)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._closed:
                raise ClosedError("the engine is closed")
            if self._loop is not None and self._loop.is_closed():
                # A loop closed with streams still waiting: they never will again.
                self._waiters.clear()
                self._loop = None
            if self._waiters and loop is not self._loop:
                raise RuntimeError(
                    "this engine already delivers events to streams on another event loop; "
                    "streams of one engine must share a loop"
                )
            if not self._waiters:
                loop.add_reader(self._descriptor(), self._on_readable)
                self._loop = loop
            future: asyncio.Future[None] = loop.create_future()
            self._waiters.add(future)
        future.add_done_callback(self._forget)
        return future

    def engine_closed(self) -> None:
        """Wake every waiting stream and release the descriptor (from any thread)."""
        with self._lock:
            self._closed = True
            loop = self._loop
        if loop is None or loop.is_closed() or _running_loop() is loop:
            self._shutdown()
        else:
            try:
                loop.call_soon_threadsafe(self._shutdown)
            except RuntimeError:  # that loop is closed: nothing waits on it any more
                self._shutdown()

    def _descriptor(self) -> int:
        if self._fd is None:
            engine = self._engine()
            if engine is None:
                raise ClosedError("the engine is gone")
            self._fd = os.dup(engine.event_fd())
            self._close_fd = weakref.finalize(self, os.close, self._fd)
        return self._fd

    def _on_readable(self) -> None:
        assert self._fd is not None
        try:
            while os.read(self._fd, 8192):
                pass
        except BlockingIOError:
            pass
        self._wake_all()

    def _wake_all(self) -> None:
        for future in list(self._waiters):
            if not future.done():
                future.set_result(None)

    def _forget(self, future: asyncio.Future[None]) -> None:
        with self._lock:
            self._waiters.discard(future)
            if not self._waiters:
                self._release_reader()

    def _release_reader(self) -> None:
        # With the lock held. A closed loop has dropped its readers already.
        if self._loop is not None and self._fd is not None and not self._loop.is_closed():
            self._loop.remove_reader(self._fd)
        self._loop = None

    def _shutdown(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
            self._waiters.clear()
            self._release_reader()
            if self._close_fd is not None:
                self._close_fd()
        for future in waiters:
            if not future.done() and not future.get_loop().is_closed():
                future.set_result(None)


def _running_loop() -> Optional[asyncio.AbstractEventLoop]:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class EventStream(AsyncIterator[Event]):
    """Events delivered on the running asyncio loop as they are published.

    Made by :meth:`Engine.stream`. ``async for event in stream`` waits without
    busy polling (the loop watches the engine's event file descriptor), reads
    up to ``batch_size`` events per wake-up, and:

    * raises :class:`TooFarBehindError` if events it had not read yet were
      dropped from the engine's buffer (it does not resynchronise by itself:
      take a new :meth:`Engine.snapshot` and open a new stream from its seq);
    * ends when the engine is closed.

    It is also an async context manager; leaving it (or :meth:`aclose`) ends it.
    """

    def __init__(self, engine: Engine, hub: _WakeHub, after_seq: int, batch_size: int) -> None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise TypeError(f"batch_size must be int, not {type(batch_size).__name__}")
        engine.events_since(after_seq, limit=batch_size)  # checks both arguments now
        self._engine = engine
        self._hub = hub
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
                batch = self._engine.events_since(self._read_seq, limit=self._batch_size)
                if not batch.events:
                    await self._hub.wait()
                    continue
            except ClosedError:
                self._ended = True
                raise StopAsyncIteration from None
            self._pending.extend(batch.events)
            self._read_seq = batch.seq
        event = self._pending.popleft()
        self._seq = event.seq
        return event

    async def aclose(self) -> None:
        """End the stream: later iterations stop."""
        self._ended = True
        self._pending.clear()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
