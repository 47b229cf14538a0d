"""Coordination records: rooms, members, metrics, readiness and intents.

Built by the extension as the presence records are (see ``_records.py``):
frozen dataclasses, times in ``int`` ms since the epoch (``_at_ms``),
durations in ``int`` ms, collections as tuples.
"""

from __future__ import annotations

from typing import Optional

from ._enums import Availability, ConfidenceBucket, GateReason, IntentState, State, TargetKind
from ._records import _record

__all__ = [
    "CurvePoint",
    "Intent",
    "Member",
    "MemberPage",
    "Readiness",
    "Room",
    "RoomMetrics",
    "RoomPage",
    "StateCounts",
]


@_record
class StateCounts:
    """How many (sessions or members) are in each alive state."""

    active: int
    """Active ones."""
    idle: int
    """Idle ones."""
    away: int
    """Away ones."""
    stale: int
    """Stale ones."""

    @property
    def alive(self) -> int:
        """All of them: every alive state."""
        return self.active + self.idle + self.away + self.stale


@_record
class Room:
    """A room as read (:meth:`Engine.get_room`); its counts are kept up to date in O(1).

    Invisible users and their sessions are not counted.
    """

    room_id: str
    """The room's id."""
    created_at_ms: int
    """When the room was created (first joined or configured)."""
    sessions: StateCounts
    """Sessions in the room, by state."""
    members: StateCounts
    """Members (users and guests), by the best state of their sessions in the room."""
    guests: int
    """Members that are guest sessions."""
    arriving: int
    """Members who joined within ``room_arriving_ms``."""
    density: int
    """Active members."""
    arrivals_per_minute: float
    """Momentum: exponentially weighted arrivals per minute."""
    departures_per_minute: float
    """Momentum: exponentially weighted departures per minute."""
    readiness: float
    """The room's readiness score, in [0, 1] (kept in single precision)."""
    ready: bool
    """Whether the room counts as ready (with hysteresis)."""
    count_only: bool
    """Whether the room publishes occupancy instead of member events."""
    occupancy_interval_ms: int
    """Count-only rooms: the occupancy publication interval."""


@_record
class RoomPage:
    """A page of :meth:`Engine.list_rooms`."""

    rooms: tuple[Room, ...]
    """Rooms ordered by id."""
    next_cursor: Optional[str]
    """Pass as ``cursor`` for the next page; None on the last page."""
    seq: int
    """The event seq the page reflects."""


@_record
class Member:
    """A member of a room: a user (through any of its sessions in the room) or a guest session."""

    member_id: str
    """The user id, or the session id of a guest."""
    guest: bool
    """True for a guest session."""
    state: State
    """The best state among its sessions in the room."""
    joined_at_ms: int
    """When it joined the room."""
    arriving: bool
    """Joined within ``room_arriving_ms``."""
    session_count: int
    """Its sessions in the room."""
    last_seen_at_ms: int
    """The latest signal of those sessions."""
    confidence: float
    """Confidence in [0, 1] that it is there."""
    confidence_bucket: ConfidenceBucket
    """The confidence as a bucket."""
    availability: Availability
    """Its declared availability as shown."""


@_record
class MemberPage:
    """A page of :meth:`Engine.list_members` or :meth:`RoomReader.list_members`."""

    members: tuple[Member, ...]
    """Members ordered by id."""
    next_cursor: Optional[str]
    """Pass as ``cursor`` for the next page; None on the last page."""
    seq: int
    """The event seq the page reflects."""


@_record
class CurvePoint:
    """A point of a room's readiness curve."""

    at_ms: int
    """When the score changed (whole seconds after the room was created)."""
    score: float
    """The room's readiness from then on (single precision)."""


@_record
class RoomMetrics:
    """A room's coordination metrics (:meth:`Engine.room_metrics`), for dashboards.

    The histograms ``dwell`` and ``attention`` have 8 buckets: bucket ``k`` counts
    durations up to ``bucket_upper_ms[k]`` (and above the previous bound); the last
    bucket is open.
    """

    joins: int
    """Members who joined."""
    leaves: int
    """Members who left explicitly."""
    drop_offs: int
    """Members whose sessions ended without leaving (expired)."""
    peak_members: int
    """Most members at once."""
    peak_sessions: int
    """Most sessions at once."""
    bucket_upper_ms: tuple[int, ...]
    """Upper bounds of the first 7 histogram buckets (4**k seconds)."""
    dwell: tuple[int, ...]
    """Dwell time: how long members stayed, 8 buckets."""
    attention: tuple[int, ...]
    """Attention decay: how long sessions stayed active before going idle, 8 buckets."""
    curve: tuple[CurvePoint, ...]
    """The readiness curve: the last points where the score changed, oldest first."""


@_record
class Readiness:
    """The call gate (:meth:`Engine.readiness`): can X be called now, and if not, why."""

    score: float
    """Readiness in [0, 1]."""
    ready: bool
    """Ready now (with hysteresis)."""
    can_call: bool
    """A call may be placed now (``reason`` is READY)."""
    reason: GateReason
    """Why a call can or cannot be placed."""
    state: State
    """A user: its state as shown; a room: the best state among its members."""
    availability: Availability
    """A user: its availability as shown (AVAILABLE for a room)."""


@_record
class Intent:
    """An intent to connect to a user or a room (:meth:`Engine.open_intent`)."""

    intent_id: str
    """The intent's id, made by the engine."""
    from_id: str
    """The caller: any id (a user, a session, a service)."""
    target_kind: TargetKind
    """Whether ``target_id`` is a user or a room."""
    target_id: str
    """Who or what it wants to reach."""
    kind: str
    """Application-defined, e.g. ``"call"``."""
    created_at_ms: int
    """When it was opened."""
    expires_at_ms: int
    """When it expires unless its target became ready first."""
    state: IntentState
    """Where it stands (READY at once if the target already was)."""
