"""Presence Engine: who is really there, as a time-varying signal.

Sessions send signals (open, heartbeat, activity, visibility, disconnect,
leave); the engine derives each session's lifecycle state (active > idle >
away > stale > offline) from elapsed time, derives users from their sessions,
and publishes debounced state changes as events. On top of presence it
coordinates: rooms and their members, declared availability, readiness and a
call gate, intents to connect, interest-based fan-out, metrics, redacted
readers and cluster replication.

Times are ``int`` milliseconds since the Unix epoch and durations ``int``
milliseconds (``_ms``) everywhere; ``now_ms=None`` means the engine's clock.

>>> import presence
>>> with presence.Engine() as engine:
...     engine.open("tab-1", user_id="ann").state
<State.ACTIVE: 4>
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import _presence
from ._cluster import Replica, ReplicaPage
from ._config import Config
from ._coordination import (
    CurvePoint,
    Intent,
    Member,
    MemberPage,
    Readiness,
    Room,
    RoomMetrics,
    RoomPage,
    StateCounts,
)
from ._engine import Engine
from ._enums import (
    Activity,
    Availability,
    ConfidenceBucket,
    EventKind,
    Evidence,
    GateReason,
    IntentState,
    State,
    Status,
    TargetKind,
    Visibility,
)
from ._errors import (
    ClosedError,
    ConflictError,
    CorruptSnapshotError,
    DeniedError,
    InternalError,
    InvalidArgumentError,
    LimitExceededError,
    NotFoundError,
    OutOfMemoryError,
    PresenceError,
    PresenceIOError,
    TooFarBehindError,
    UnsupportedError,
)
from ._event_records import (
    AvailabilityEvent,
    Delivery,
    Event,
    EventBatch,
    Fanout,
    IntentEvent,
    MemberEvent,
    OccupancyEvent,
    ReadinessEvent,
    SessionEvent,
    UserEvent,
)
from ._events import EventCursor, EventSource, EventStream
from ._reader import EngineReader, Reader, RoomReader
from ._records import (
    Counts,
    HeartbeatBatch,
    OpenResult,
    Session,
    Snapshot,
    Stats,
    User,
    UserDetail,
    UserPage,
)

__version__ = "0.1.0"
"""The version of this package."""

ENGINE_VERSION: str = _presence.version()
"""The version of the native engine inside this package."""

ABI_VERSION: int = _presence.abi_version()
"""The C ABI version of the native engine."""

DEFAULT_CONFIG: dict[str, Any] = dataclasses.asdict(Config())
"""The engine's default configuration as a dict, ``{Config field: default}``."""

__all__ = [
    "ABI_VERSION",
    "DEFAULT_CONFIG",
    "ENGINE_VERSION",
    "Activity",
    "Availability",
    "AvailabilityEvent",
    "ClosedError",
    "ConfidenceBucket",
    "Config",
    "ConflictError",
    "CorruptSnapshotError",
    "Counts",
    "CurvePoint",
    "Delivery",
    "DeniedError",
    "Engine",
    "EngineReader",
    "Event",
    "EventBatch",
    "EventCursor",
    "EventKind",
    "EventSource",
    "EventStream",
    "Evidence",
    "Fanout",
    "GateReason",
    "HeartbeatBatch",
    "Intent",
    "IntentEvent",
    "IntentState",
    "InternalError",
    "InvalidArgumentError",
    "LimitExceededError",
    "Member",
    "MemberEvent",
    "MemberPage",
    "NotFoundError",
    "OccupancyEvent",
    "OpenResult",
    "OutOfMemoryError",
    "PresenceError",
    "PresenceIOError",
    "Reader",
    "Readiness",
    "ReadinessEvent",
    "Replica",
    "ReplicaPage",
    "Room",
    "RoomMetrics",
    "RoomPage",
    "RoomReader",
    "Session",
    "SessionEvent",
    "Snapshot",
    "State",
    "StateCounts",
    "Stats",
    "Status",
    "TargetKind",
    "TooFarBehindError",
    "UnsupportedError",
    "User",
    "UserDetail",
    "UserEvent",
    "UserPage",
    "Visibility",
]
