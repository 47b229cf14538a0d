"""The records the engine returns: frozen dataclasses, built by the extension.

Times are ``int`` milliseconds since the Unix epoch (fields ending in
``_at_ms``, and ``since_ms``); durations are ``int`` milliseconds (other
fields ending in ``_ms``). Collections are tuples, so records are immutable
and hashable.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union

from ._enums import Availability, ConfidenceBucket, Evidence, State, Status

__all__ = [
    "Counts",
    "HeartbeatBatch",
    "OpenResult",
    "Session",
    "Snapshot",
    "Stats",
    "User",
    "UserDetail",
    "UserPage",
]

_T = TypeVar("_T")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_options: Any) -> Callable[[_T], _T]:
        """Typing only: tells type checkers that a decorator makes dataclasses."""
        return lambda decorator: decorator


@dataclass_transform(frozen_default=True, kw_only_default=True)
def _record(cls: type[_T]) -> type[_T]:
    # Slots (Python 3.10+) make records smaller and their fields faster to set;
    # records have many fields, so they are built by name only (also 3.10+).
    options: dict[str, Any] = {"frozen": True}
    if sys.version_info >= (3, 10):
        options["slots"] = True
        options["kw_only"] = True
    decorate: Callable[[type[_T]], type[_T]] = dataclass(**options)
    return decorate(cls)


@_record
class OpenResult:
    """What :meth:`Engine.open` did."""

    continued: bool
    """True if a live session with this id was continued (a reconnect)."""
    heartbeat_interval_ms: int
    """The heartbeat interval the client should use from now on."""
    state: State
    """The session's state after the call."""
    resume_token: str
    """The session's resume token (32 hex digits), the same for every open of this id.
    Give it only to the session's own client: with ``require_resume_token`` on,
    continuing the session from another transport needs it (``open(...,
    resume_token=...)``)."""


@_record
class Session:
    """A session (a tab, an app process, an SDK client) as read at a point in time."""

    session_id: str
    """The application's id of the session, stable across reconnects."""
    user_id: Optional[str]
    """The owning user, or None for a guest."""
    state: State
    """Its lifecycle state (in a snapshot: the last published one)."""
    reconnecting: bool
    """Inside the reconnect grace window after a disconnect (the state is held)."""
    visible: bool
    """Whether the client is in the foreground."""
    connected: bool
    """Whether its transport is up."""
    confidence: float
    """Confidence in [0, 1] that someone is there."""
    confidence_bucket: ConfidenceBucket
    """The confidence as a bucket."""
    last_signal_at_ms: int
    """Its latest signal of any kind."""
    last_activity_at_ms: int
    """Its latest interaction."""
    since_ms: int
    """When it entered ``state``."""
    heartbeat_interval_ms: int
    """The heartbeat interval it was last told."""
    meta: Optional[str]
    """Application metadata given to :meth:`Engine.open`, or None."""
    transport_id: Optional[str]
    """The bound transport id, or None."""
    origin_node: int
    """Replication: the node that owns it (0 = this engine)."""
    version: int
    """Replication: incremented by every change of its record."""
    true_state: State
    """For the server's own use: the state behind ``state``, which shows an invisible
    user's sessions as offline. Never forward it to other readers."""
    node_id: Optional[str]
    """Cluster mode: the id of the node that owns it (this engine's own for local
    sessions); None for a standalone engine."""

    @property
    def is_guest(self) -> bool:
        """True if the session belongs to no user yet."""
        return self.user_id is None


@_record
class User:
    """A user as read at a point in time, derived from its sessions."""

    user_id: str
    """The user's id."""
    state: State
    """The highest state among its sessions; OFFLINE when none is alive."""
    since_ms: int
    """When the user entered ``state``."""
    last_seen_at_ms: int
    """The latest signal of any of its sessions."""
    last_evidence: Evidence
    """The kind of that latest signal."""
    session_count: int
    """Its alive sessions."""
    confidence: float
    """Confidence of the session that gives the user its state."""
    confidence_bucket: ConfidenceBucket
    """The confidence as a bucket."""
    availability: Availability
    """Its declared availability as shown (never INVISIBLE: an invisible user is shown
    offline and available)."""
    true_state: State
    """For the server's own use: the state behind ``state`` (an invisible user is shown
    offline). Never forward it to other readers; a :class:`Reader` repeats ``state`` here."""
    true_availability: Availability
    """For the server's own use: the availability it declared, INVISIBLE included."""
    readiness: float
    """Its readiness score now, in [0, 1]."""
    ready: bool
    """Whether it counts as ready (with hysteresis)."""


@_record
class UserDetail:
    """One user with its live sessions (:meth:`Engine.get_user`)."""

    user: User
    """The user."""
    sessions: tuple[Session, ...]
    """Its live sessions, ordered by session id."""


@_record
class UserPage:
    """A page of :meth:`Engine.list_users`."""

    users: tuple[User, ...]
    """Users ordered by user id."""
    next_cursor: Optional[str]
    """Pass as ``cursor`` for the next page; None on the last page."""
    seq: int
    """The event seq the page reflects."""


@_record
class Counts:
    """Who's online, counted: sessions and users by state, and concurrency."""

    sessions_active: int
    """Sessions that are active."""
    sessions_idle: int
    """Sessions that are idle."""
    sessions_away: int
    """Sessions that are away."""
    sessions_stale: int
    """Sessions that are stale."""
    sessions_reconnecting: int
    """Sessions inside their reconnect grace window (any state)."""
    sessions_alive: int
    """Concurrency: alive (not offline) sessions, users' and guests'."""
    guest_sessions: int
    """Alive sessions that belong to no user yet."""
    users_active: int
    """Users that are active."""
    users_idle: int
    """Users that are idle."""
    users_away: int
    """Users that are away."""
    users_stale: int
    """Users that are stale."""
    users_offline: int
    """Offline users whose last-seen is still remembered."""
    users_alive: int
    """Concurrency: users with at least one alive session."""
    users_invisible: int
    """Alive but invisible users (shown offline, counted in ``users_offline``)."""
    sessions_invisible: int
    """Alive sessions of invisible users (not in the session counts above)."""
    rooms: int
    """Rooms in the engine."""


@_record
class Snapshot:
    """The published view at ``seq``: continue with ``events_since(snapshot.seq)``.

    From :meth:`Engine.snapshot` or :meth:`Reader.snapshot` (a room reader's
    holds the room's visible members and their sessions in it).
    """

    seq: int
    """The seq of the last event this view reflects."""
    users: tuple[User, ...]
    """Users whose published state is not offline, ordered by id."""
    sessions: tuple[Session, ...]
    """Sessions whose published state is not offline, ordered by id."""


@_record
class Stats:
    """Engine statistics for monitoring."""

    session_records: int
    """Session records held (alive, plus those awaiting their offline publication)."""
    user_records: int
    """User records held (alive, plus remembered offline)."""
    signals: int
    """Signals applied."""
    transitions: int
    """State transitions."""
    events_published: int
    """Events published."""
    last_seq: int
    """Seq of the newest event; 0 before the first."""
    oldest_seq: int
    """Seq of the oldest event still buffered; 0 when none is."""
    pending_timers: int
    """Timers waiting to run."""
    limit_rejections: int
    """Calls refused by a configured limit."""


@_record
class HeartbeatBatch:
    """The outcome of :meth:`Engine.heartbeat_many`, item by item."""

    intervals_ms: array[int]
    """``intervals_ms[i]``: the next heartbeat interval for item i (0 if it failed)."""
    failures: tuple[tuple[int, Union[Status, int]], ...]
    """``(index, status)`` of every item the engine refused, in item order."""

    @property
    def ok(self) -> bool:
        """True if every item was applied."""
        return not self.failures
