"""Type stubs for the private extension module presence._presence."""

from collections.abc import Callable, Iterable
from typing import Any, Optional, Union

from ._cluster import Replica, ReplicaPage
from ._config import Config
from ._coordination import Intent, MemberPage, Readiness, Room, RoomMetrics, RoomPage
from ._enums import Activity, Availability, State, Status, TargetKind, Visibility
from ._event_records import EventBatch, Fanout
from ._records import (
    Counts,
    HeartbeatBatch,
    OpenResult,
    Session,
    Snapshot,
    Stats,
    UserDetail,
    UserPage,
)

ABI_VERSION: int

_HeartbeatItem = Union[
    str, tuple[str, Union[Activity, int]], tuple[str, Union[Activity, int], Union[Visibility, int]]
]

def version() -> str:
    """Version of the native engine, e.g. '0.1.0'."""

def version_number() -> int:
    """The engine version as major * 10000 + minor * 100 + patch."""

def abi_version() -> int:
    """ABI version of the native engine."""

def default_config() -> dict[str, Any]:
    """The engine's default configuration (pe_config_init) as {field: default}."""

def state_name(state: Union[State, int]) -> str:
    """The engine's lower-case name of a State ('active', ...)."""

def status_name(status: Union[Status, int]) -> str:
    """The engine's upper-case name of a Status ('NOT_FOUND', ...)."""

class NativeEngine:
    """The native engine; use presence.Engine, which subclasses it."""

    def __init__(
        self, config: Config, snapshot: Optional[str] = None, now_ms: Optional[int] = None
    ) -> None:
        """Create an engine from a presence.Config, or restore it from a snapshot file."""

    def _save(self, path: str, *, now_ms: Optional[int] = None) -> None:
        """Save a snapshot of the engine to path, atomically."""

    def _config(self) -> dict[str, Any]:
        """The engine's configuration as {field: value}."""

    @property
    def closed(self) -> bool:
        """True once close() was called on this engine."""

    def close(self) -> None:
        """Close the engine; later calls raise ClosedError. Idempotent."""

    # Signals
    def open(
        self,
        session_id: str,
        *,
        user_id: Optional[str] = None,
        meta: Optional[str] = None,
        transport_id: Optional[str] = None,
        visibility: Union[Visibility, int] = ...,
        resume_token: Optional[str] = None,
        now_ms: Optional[int] = None,
    ) -> OpenResult:
        """Open a session, or continue it if that id is still alive (a reconnect)."""

    def heartbeat(
        self,
        session_id: str,
        activity: Union[Activity, int] = ...,
        visibility: Union[Visibility, int] = ...,
        *,
        now_ms: Optional[int] = None,
    ) -> int:
        """Record a heartbeat; return the next heartbeat interval in ms."""

    def heartbeat_many(
        self,
        items: Iterable[_HeartbeatItem],
        activity: Union[Activity, int] = ...,
        visibility: Union[Visibility, int] = ...,
        *,
        now_ms: Optional[int] = None,
    ) -> HeartbeatBatch:
        """Apply many heartbeats at one time under one lock, without the GIL."""

    def activity(self, session_id: str, *, now_ms: Optional[int] = None) -> None:
        """Record a sampled human interaction."""

    def visibility(
        self, session_id: str, visibility: Union[Visibility, int], *, now_ms: Optional[int] = None
    ) -> None:
        """The document became visible or hidden."""

    def disconnect(self, session_id: str, *, now_ms: Optional[int] = None) -> None:
        """The session's transport dropped (not an exit)."""

    def disconnect_transport(self, transport_id: str, *, now_ms: Optional[int] = None) -> None:
        """Disconnect the session bound to this transport id."""

    def leave(self, session_id: str, *, now_ms: Optional[int] = None) -> None:
        """An explicit exit: the session is offline now."""

    def identify(self, session_id: str, user_id: str, *, now_ms: Optional[int] = None) -> None:
        """A guest session becomes user_id's."""

    # Time
    def now(self) -> int:
        """The engine's current time, in ms since the epoch."""

    def advance(self, now_ms: Optional[int] = None, *, max_steps: Optional[int] = None) -> bool:
        """Run the timers due at or before now_ms; True if more remain."""

    def next_deadline(self) -> Optional[int]:
        """When the next timer is due (ms since the epoch), or None."""

    def start_ticker(self, period_ms: int) -> None:
        """Start the native background ticker (period 1..60000 ms)."""

    def stop_ticker(self) -> None:
        """Stop the ticker and wait for its thread to end."""

    # Reads
    def counts(self, *, now_ms: Optional[int] = None) -> Counts:
        """Live counts of sessions and users by state."""

    def count_seen(self, window_ms: int, *, now_ms: Optional[int] = None) -> int:
        """Distinct users seen within the last window_ms."""

    def list_users(
        self,
        min_state: Union[State, int] = ...,
        *,
        cursor: Optional[str] = None,
        limit: int = 50,
        now_ms: Optional[int] = None,
    ) -> UserPage:
        """A page of users at least min_state, ordered by user id."""

    def get_user(self, user_id: str, *, now_ms: Optional[int] = None) -> UserDetail:
        """One user with its live sessions."""

    def get_session(self, session_id: str, *, now_ms: Optional[int] = None) -> Session:
        """One live session."""

    def snapshot(self, *, now_ms: Optional[int] = None) -> Snapshot:
        """The published view and the seq it reflects."""

    # Events
    def events_since(self, after_seq: int = 0, *, limit: Optional[int] = None) -> EventBatch:
        """Published events with seq > after_seq, oldest first."""

    def set_event_callback(self, callback: Optional[Callable[[int], object]]) -> None:
        """Register callback(last_seq), called after events are published (None removes it)."""

    @property
    def event_callback(self) -> Optional[Callable[[int], object]]:
        """The registered event callback, or None."""

    def event_fd(self) -> int:
        """Open a file descriptor of this consumer's own, readable when events are published."""

    def release_event_fd(self, fd: int) -> None:
        """Close a descriptor from event_fd()."""

    def stats(self) -> Stats:
        """Engine statistics for monitoring."""

    # Rooms
    def join_room(self, session_id: str, room_id: str, *, now_ms: Optional[int] = None) -> None:
        """The session joins a room (created on first use)."""

    def leave_room(self, session_id: str, room_id: str, *, now_ms: Optional[int] = None) -> None:
        """The session leaves a room."""

    def set_room_count_only(
        self,
        room_id: str,
        count_only: bool,
        interval_ms: Optional[int] = None,
        *,
        now_ms: Optional[int] = None,
    ) -> None:
        """Make a room count-only (occupancy events instead of member events), or not."""

    def get_room(self, room_id: str, *, now_ms: Optional[int] = None) -> Room:
        """One room."""

    def list_rooms(
        self, *, cursor: Optional[str] = None, limit: int = 50, now_ms: Optional[int] = None
    ) -> RoomPage:
        """A page of rooms ordered by id."""

    def list_members(
        self,
        room_id: str,
        min_state: Union[State, int] = ...,
        *,
        cursor: Optional[str] = None,
        limit: int = 50,
        now_ms: Optional[int] = None,
    ) -> MemberPage:
        """A page of a room's members at least min_state, ordered by member id."""

    def user_rooms(self, user_id: str, *, now_ms: Optional[int] = None) -> tuple[Room, ...]:
        """The rooms a user (or guest session) is a member of."""

    def room_metrics(self, room_id: str, *, now_ms: Optional[int] = None) -> RoomMetrics:
        """A room's metrics: joins, leaves, dwell histogram, readiness curve."""

    # Availability, readiness, intents
    def set_availability(
        self, user_id: str, availability: Union[Availability, int], *, now_ms: Optional[int] = None
    ) -> None:
        """Declare a user's availability."""

    def readiness(
        self,
        target_kind: Union[TargetKind, int],
        target_id: str,
        *,
        now_ms: Optional[int] = None,
    ) -> Readiness:
        """The call gate of a user or room."""

    def open_intent(
        self,
        from_id: str,
        target_kind: Union[TargetKind, int],
        target_id: str,
        *,
        kind: str,
        ttl_ms: int,
        now_ms: Optional[int] = None,
    ) -> Intent:
        """Open an intent to connect."""

    def cancel_intent(self, intent_id: str, *, now_ms: Optional[int] = None) -> None:
        """Cancel a pending intent."""

    def intents_to(
        self,
        target_kind: Union[TargetKind, int],
        target_id: str,
        *,
        now_ms: Optional[int] = None,
    ) -> tuple[Intent, ...]:
        """Pending intents to a target."""

    def intents_from(self, from_id: str, *, now_ms: Optional[int] = None) -> tuple[Intent, ...]:
        """Pending intents of a caller."""

    # Fan-out and metrics
    def subscribe(
        self, subscriber_id: str, target_kind: Union[TargetKind, int], target_id: str
    ) -> None:
        """Subscribe to the events of a user or room."""

    def unsubscribe(
        self, subscriber_id: str, target_kind: Union[TargetKind, int], target_id: str
    ) -> None:
        """Drop one subscription."""

    def unsubscribe_all(self, subscriber_id: str) -> None:
        """Drop every subscription of a subscriber."""

    def fanout(self, after_seq: int = 0, *, limit: Optional[int] = None) -> Fanout:
        """Events after after_seq and what each subscriber receives of them."""

    def prometheus(self, room_id: Optional[str] = None, *, now_ms: Optional[int] = None) -> str:
        """Metrics in the Prometheus text format."""

    # Replication
    def take_replicas(self, *, limit: Optional[int] = None) -> tuple[Replica, ...]:
        """Take the replication records buffered since the last take."""

    def export_replicas(
        self, cursor: int = 0, *, limit: int = 1000, now_ms: Optional[int] = None
    ) -> ReplicaPage:
        """A page of records of the live sessions this node owns."""

    def apply_replicas(
        self, records: Iterable[Replica], *, now_ms: Optional[int] = None
    ) -> tuple[tuple[int, Union[Status, int]], ...]:
        """Apply records from other nodes."""

    def node_seen(self, node_id: str, seen_at_ms: int) -> None:
        """Another node was heard from at seen_at_ms."""

class NativeReader:
    """The native scoped reader; use Engine.reader()."""

    def __init__(self, engine: NativeEngine, room_id: Optional[str]) -> None:
        """Create a reader of the engine, or of one room."""

    @property
    def closed(self) -> bool:
        """True once close() was called on this reader."""

    @property
    def room_id(self) -> Optional[str]:
        """The room this reader is scoped to, or None for the whole engine."""

    @property
    def engine(self) -> NativeEngine:
        """The engine this reader reads."""

    def close(self) -> None:
        """Close the reader. Idempotent."""

    def counts(self, *, now_ms: Optional[int] = None) -> Counts:
        """Counts as the reader shows them."""

    def _page(
        self,
        min_state: Union[State, int],
        cursor: Optional[str],
        limit: int,
        now_ms: Optional[int],
    ) -> Union[UserPage, MemberPage]:
        """One page of users (engine reader) or members (room reader)."""

    def get_user(self, user_id: str, *, now_ms: Optional[int] = None) -> UserDetail:
        """One user as the reader shows it."""

    def snapshot(self, *, now_ms: Optional[int] = None) -> Snapshot:
        """The reader's snapshot."""

    def events_since(self, after_seq: int = 0, *, limit: Optional[int] = None) -> EventBatch:
        """The reader's events with seq > after_seq."""
