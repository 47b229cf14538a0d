"""Type stubs for the private extension module presence._presence."""

from collections.abc import Callable, Iterable, Mapping
from typing import Optional, Union

from ._enums import Activity, State, Status, Visibility
from ._records import (
    Counts,
    EventBatch,
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

def default_config() -> dict[str, int]:
    """The engine's default configuration: {field: default}, in ms for durations."""

def state_name(state: Union[State, int]) -> str:
    """The engine's lower-case name of a State ('active', ...)."""

def status_name(status: Union[Status, int]) -> str:
    """The engine's upper-case name of a Status ('NOT_FOUND', ...)."""

class NativeEngine:
    """The native engine; use presence.Engine, which subclasses it."""

    def __init__(self, config: Mapping[str, int]) -> None:
        """Create an engine from a dict of pe_config fields (the rest keep their defaults)."""

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
        """A file descriptor that becomes readable when events are published."""

    def stats(self) -> Stats:
        """Engine statistics for monitoring."""
