"""The Engine: a presence engine in this process."""

from __future__ import annotations

import atexit
import weakref
from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from . import _presence
from ._enums import State
from ._events import EventCursor, EventStream, _WakeHub
from ._records import User

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Engine"]

# The engine's own defaults (pe_config_init), so they are written down once.
_DEFAULTS = _presence.default_config()


class Engine(_presence.NativeEngine):
    """An in-memory presence engine: sessions in, lifecycle states, users and events out.

    Configuration is keyword-only; every value is an ``int``, durations in
    milliseconds (``_ms``), with the engine's defaults. Times given to and
    returned by every method are ``int`` milliseconds since the Unix epoch;
    ``now_ms=None`` (the default everywhere) means the engine's clock, and a
    time older than the latest one seen is treated as the latest.

    Args:
        idle_after_ms: No interaction for this long: active -> idle.
        away_after_ms: No interaction for this long: -> away.
        blur_tolerance_ms: Hidden for less than this changes nothing; longer: away.
        heartbeat_active_ms: Heartbeat interval told to an active, visible session.
        heartbeat_idle_ms: Interval told to an idle or away, visible session.
        heartbeat_hidden_ms: Interval told to a hidden session.
        heartbeat_grace_ms: Stale once silent for the told interval plus this.
        reconnect_grace_ms: After a disconnect the state is held this long.
        session_ttl_ms: Offline once silent this long; the session then ends.
        debounce_active_ms: A change to active is published once it held this long.
        debounce_idle_ms: The same for changes to idle.
        debounce_away_ms: The same for changes to away.
        debounce_stale_ms: The same for changes to stale.
        debounce_offline_ms: The same for changes to offline.
        last_seen_retention_ms: How long an offline user's last-seen is kept.
        last_seen_max_users: At most this many offline users are remembered.
        event_buffer_capacity: Published events kept for :meth:`events_since`.
        max_id_bytes: Longest accepted session, user and transport id (UTF-8 bytes).
        max_meta_bytes: Largest accepted session metadata (UTF-8 bytes).
        max_sessions_per_user: Live sessions one user may hold, 1..65535.
        max_sessions: Live sessions in the engine; 0 = unlimited.
        max_catch_up_steps: Timer steps a call other than :meth:`advance` runs to catch
            up with its time; 0 = all (every read exact). With a ticker, set it (e.g. 64)
            so that a storm of due transitions is worked off by the ticker while a
            signal, which holds the GIL, waits for a few steps only.
        tick_interval_ms: If given, start the native ticker with this period
            (:meth:`start_ticker`), so transitions reached by time alone and
            debounced events happen without calls to :meth:`advance`.

    Raises:
        InvalidArgumentError: A value is out of range or the values contradict
            each other (the message names the field).
        TypeError: A value is not an ``int``.

    An Engine may be used from many threads. It is a context manager that
    closes it; after :meth:`close` every method raises :class:`ClosedError`.

    """

    def __init__(
        self,
        *,
        idle_after_ms: int = _DEFAULTS["idle_after_ms"],
        away_after_ms: int = _DEFAULTS["away_after_ms"],
        blur_tolerance_ms: int = _DEFAULTS["blur_tolerance_ms"],
        heartbeat_active_ms: int = _DEFAULTS["heartbeat_active_ms"],
        heartbeat_idle_ms: int = _DEFAULTS["heartbeat_idle_ms"],
        heartbeat_hidden_ms: int = _DEFAULTS["heartbeat_hidden_ms"],
        heartbeat_grace_ms: int = _DEFAULTS["heartbeat_grace_ms"],
        reconnect_grace_ms: int = _DEFAULTS["reconnect_grace_ms"],
        session_ttl_ms: int = _DEFAULTS["session_ttl_ms"],
        debounce_active_ms: int = _DEFAULTS["debounce_active_ms"],
        debounce_idle_ms: int = _DEFAULTS["debounce_idle_ms"],
        debounce_away_ms: int = _DEFAULTS["debounce_away_ms"],
        debounce_stale_ms: int = _DEFAULTS["debounce_stale_ms"],
        debounce_offline_ms: int = _DEFAULTS["debounce_offline_ms"],
        last_seen_retention_ms: int = _DEFAULTS["last_seen_retention_ms"],
        last_seen_max_users: int = _DEFAULTS["last_seen_max_users"],
        event_buffer_capacity: int = _DEFAULTS["event_buffer_capacity"],
        max_id_bytes: int = _DEFAULTS["max_id_bytes"],
        max_meta_bytes: int = _DEFAULTS["max_meta_bytes"],
        max_sessions_per_user: int = _DEFAULTS["max_sessions_per_user"],
        max_sessions: int = _DEFAULTS["max_sessions"],
        max_catch_up_steps: int = _DEFAULTS["max_catch_up_steps"],
        tick_interval_ms: int | None = None,
    ) -> None:
        # Every keyword but the ticker's is a pe_config field of the same name.
        arguments = locals()
        config = {name: arguments[name] for name in _DEFAULTS}
        super().__init__(config)
        self._hub = _WakeHub(self)
        _open_engines.add(self)
        if tick_interval_ms is not None:
            try:
                self.start_ticker(tick_interval_ms)
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        """Close the engine: stop its ticker and free its state.

        Later calls raise :class:`ClosedError`; streams waiting for events end.
        Idempotent, and safe while other threads use the engine.
        """
        super().close()
        self._hub.engine_closed()
        _open_engines.discard(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        if self.closed:
            return "<presence.Engine closed>"
        counts = self.counts()
        return (
            f"<presence.Engine sessions_alive={counts.sessions_alive} "
            f"users_alive={counts.users_alive}>"
        )

    def iter_users(
        self, min_state: State = State.STALE, *, page_size: int = 500, now_ms: int | None = None
    ) -> Iterator[User]:
        """Yield every user at least ``min_state``, ordered by user id, page by page.

        Each page is one :meth:`list_users` call, so the walk is consistent
        within a page and stable across pages while users come and go.
        """
        cursor: str | None = None
        while True:
            page = self.list_users(min_state, cursor=cursor, limit=page_size, now_ms=now_ms)
            yield from page.users
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

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
        the running loop as they are published, waiting on the engine's event
        file descriptor without busy polling. It raises
        :class:`TooFarBehindError` if events it had not read yet were dropped
        (it does not resynchronise by itself: take a new :meth:`snapshot` and
        open a new stream from its seq), and ends when the engine is closed.
        Events reached by time alone need the ticker (``tick_interval_ms``) or
        calls to :meth:`advance`.
        """
        self._check_open()
        return EventStream(self, self._hub, after_seq, batch_size)

    def _check_open(self) -> None:
        # now() raises ClosedError with the engine's own message.
        self.now()


# Engines still open at exit are closed first, so that no ticker thread calls
# into a finalising interpreter.
_open_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


@atexit.register
def _close_open_engines() -> None:
    for engine in list(_open_engines):
        engine.close()
