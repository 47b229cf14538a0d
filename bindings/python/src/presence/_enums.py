"""Enumerations, with the values of the C ABI (``pe_state``, ``pe_status``, ...)."""

from __future__ import annotations

import enum

__all__ = [
    "Activity",
    "Availability",
    "ConfidenceBucket",
    "EventKind",
    "Evidence",
    "GateReason",
    "IntentState",
    "State",
    "Status",
    "TargetKind",
    "Visibility",
]


class _LowerNameIntEnum(enum.IntEnum):
    """An IntEnum whose ``str()`` is its lower-case name, the engine's wire spelling."""

    def __str__(self) -> str:
        return self.name.lower()


class State(_LowerNameIntEnum):
    """A session's or user's lifecycle state.

    The order is precedence: a higher state wins when a user's sessions disagree,
    so ``state >= State.IDLE`` reads "at least idle". ``str(state)`` is the
    lower-case name (``"active"``), as in the wire contract.
    """

    OFFLINE = 0
    """Expired (no signal for the TTL) or left."""
    STALE = 1
    """Heartbeats missed, or disconnected past the reconnect grace window."""
    AWAY = 2
    """Hidden past the blur tolerance, or no interaction for ``away_after_ms``."""
    IDLE = 3
    """Alive, but no interaction for ``idle_after_ms``."""
    ACTIVE = 4
    """Recent interaction, in the foreground."""


class ConfidenceBucket(_LowerNameIntEnum):
    """How sure the engine is that someone is there: high >= 0.75 > medium >= 0.4 > low."""

    LOW = 0
    """Below 0.4: silent for long, or stale."""
    MEDIUM = 1
    """From 0.4 to below 0.75."""
    HIGH = 2
    """0.75 or more: the last signal is fresh."""


class Activity(_LowerNameIntEnum):
    """The client's activity hint carried by a heartbeat."""

    UNKNOWN = 0
    """No hint."""
    ACTIVE = 1
    """The client saw interaction since its last heartbeat."""
    IDLE = 2
    """The client saw none: the idle timer keeps running."""


class Visibility(_LowerNameIntEnum):
    """Document visibility reported by a client."""

    UNKNOWN = 0
    """No hint: keep the current visibility."""
    VISIBLE = 1
    """In the foreground."""
    HIDDEN = 2
    """In the background (browsers throttle its timers)."""


class Evidence(_LowerNameIntEnum):
    """The kind of signal that last proved a user was there."""

    NONE = 0
    """No signal yet."""
    OPEN = 1
    """A session opened or reconnected."""
    HEARTBEAT = 2
    """A heartbeat."""
    ACTIVITY = 3
    """A sampled interaction."""
    VISIBILITY = 4
    """A visibility change."""
    LEAVE = 5
    """An explicit exit."""


class EventKind(_LowerNameIntEnum):
    """What an event is about."""

    SESSION = 1
    """A session's published state changed."""
    USER = 2
    """A user's published state changed."""
    MEMBER = 3
    """A user (or guest) joined (old state offline) or left (new state offline) a room."""
    READINESS = 4
    """A user or room became ready, or stopped being ready."""
    INTENT = 5
    """An intent became ready, expired or was cancelled."""
    OCCUPANCY = 6
    """A count-only room's occupancy, once per interval."""
    AVAILABILITY = 7
    """A user's declared availability changed."""


class Status(_LowerNameIntEnum):
    """The status of a failed engine call; each has its own PresenceError subclass."""

    OK = 0
    """Success (never raised)."""
    INVALID_ARGUMENT = 1
    """Bad id, text, enum value, time or configuration. Nothing was changed."""
    NOT_FOUND = 2
    """No live session, user or transport with that id."""
    CONFLICT = 3
    """The request contradicts the engine's state. Nothing was changed."""
    LIMIT_EXCEEDED = 4
    """A configured limit would be exceeded. Nothing was changed."""
    TOO_FAR_BEHIND = 5
    """Requested events were dropped from the buffer: snapshot again."""
    CLOSED = 6
    """The engine was closed."""
    OUT_OF_MEMORY = 7
    """Memory could not be allocated; the engine remains usable."""
    UNSUPPORTED = 8
    """Not available on this platform or build."""
    INTERNAL = 9
    """An unexpected internal failure; please report it."""
    DENIED = 10
    """Not permitted, e.g. continuing a session without its resume token. Nothing was changed."""
    IO_ERROR = 11
    """A snapshot file could not be read or written; the message names the file, step and reason."""
    CORRUPT = 12
    """A snapshot file is foreign, truncated, damaged or inconsistent. Nothing was loaded."""


class Availability(_LowerNameIntEnum):
    """The availability a user declares; it overlays the state derived from its sessions."""

    AVAILABLE = 0
    """The default: the derived state speaks for the user."""
    BUSY = 1
    """Present but busy: readiness is scaled by ``readiness_busy_factor``."""
    DO_NOT_DISTURB = 2
    """Present, but the call gate says no (``GateReason.DO_NOT_DISTURB``)."""
    INVISIBLE = 3
    """Present to the engine, shown offline to every reader; only ``true_*`` fields tell."""


class TargetKind(_LowerNameIntEnum):
    """What readiness, an intent or a subscription is about."""

    USER = 1
    """A user id."""
    ROOM = 2
    """A room id."""


class IntentState(_LowerNameIntEnum):
    """Where an intent to connect stands."""

    PENDING = 0
    """Waiting for its target to become ready."""
    READY = 1
    """The target became ready (or already was): connect now."""
    EXPIRED = 2
    """Its time to live passed first."""
    CANCELLED = 3
    """The caller cancelled it."""


class GateReason(_LowerNameIntEnum):
    """The call gate's answer: why a call can or cannot be placed now."""

    READY = 0
    """Go ahead."""
    UNKNOWN = 1
    """No such user or room."""
    OFFLINE = 2
    """The user is offline (or invisible)."""
    DO_NOT_DISTURB = 3
    """The user declared do-not-disturb."""
    NOT_READY = 4
    """Present, but readiness is below the threshold."""
    EMPTY = 5
    """A room with nobody in it."""
