"""Presence Engine: who is really there, as a time-varying signal.

Sessions send signals (open, heartbeat, activity, visibility, disconnect,
leave); the engine derives each session's lifecycle state (active > idle >
away > stale > offline) from elapsed time, derives users from their sessions,
and publishes debounced state changes as events.

Times are ``int`` milliseconds since the Unix epoch and durations ``int``
milliseconds (``_ms``) everywhere; ``now_ms=None`` means the engine's clock.

>>> import presence
>>> with presence.Engine() as engine:
...     engine.open("tab-1", user_id="ann").state
<State.ACTIVE: 4>
"""

from __future__ import annotations

from . import _presence
from ._engine import Engine
from ._enums import Activity, ConfidenceBucket, EventKind, Evidence, State, Status, Visibility
from ._errors import (
    ClosedError,
    ConflictError,
    InternalError,
    InvalidArgumentError,
    LimitExceededError,
    NotFoundError,
    OutOfMemoryError,
    PresenceError,
    TooFarBehindError,
    UnsupportedError,
)
from ._events import EventCursor, EventStream
from ._records import (
    Counts,
    Event,
    EventBatch,
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

DEFAULT_CONFIG: dict[str, int] = dict(_presence.default_config())
"""The engine's default configuration, ``{Engine keyword: default}``."""

__all__ = [
    "ABI_VERSION",
    "DEFAULT_CONFIG",
    "ENGINE_VERSION",
    "Activity",
    "ClosedError",
    "ConfidenceBucket",
    "ConflictError",
    "Counts",
    "Engine",
    "Event",
    "EventBatch",
    "EventCursor",
    "EventKind",
    "EventStream",
    "Evidence",
    "HeartbeatBatch",
    "InternalError",
    "InvalidArgumentError",
    "LimitExceededError",
    "NotFoundError",
    "OpenResult",
    "OutOfMemoryError",
    "PresenceError",
    "Session",
    "Snapshot",
    "State",
    "Stats",
    "Status",
    "TooFarBehindError",
    "UnsupportedError",
    "User",
    "UserDetail",
    "UserPage",
    "Visibility",
]
