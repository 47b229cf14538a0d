"""Published changes: one frozen dataclass per event kind, and what reads of events return.

Every event is an :class:`Event`: ``seq``, ``kind``, ``at_ms`` (when the
change happened), ``published_at_ms`` (after the debounce) and ``id``, whose
meaning depends on the kind; the subclass of each kind adds exactly the
fields the engine gives that kind. Match on the class::

    match event:
        case presence.UserEvent(id=user, new_state=state): ...
        case presence.MemberEvent(room_id=room) if event.joined: ...
"""

from __future__ import annotations

from typing import Optional, Union

from ._coordination import StateCounts
from ._enums import Availability, ConfidenceBucket, EventKind, IntentState, State, TargetKind
from ._records import _record

__all__ = [
    "AvailabilityEvent",
    "Delivery",
    "Event",
    "EventBatch",
    "Fanout",
    "IntentEvent",
    "MemberEvent",
    "OccupancyEvent",
    "ReadinessEvent",
    "SessionEvent",
    "UserEvent",
]


@_record
class Event:
    """A published change: each kind is a subclass; a plain Event is of a kind unknown here."""

    seq: int
    """Sequence number, increasing by one per event."""
    kind: Union[EventKind, int]
    """What the event is about (the subclass says it too)."""
    at_ms: int
    """When the change happened (the debounce only delays its publication)."""
    published_at_ms: int
    """When it was published."""
    id: str
    """What the event is about: see each kind."""


@_record
class SessionEvent(Event):
    """A session's published state changed. ``id`` is the session id."""

    user_id: Optional[str]
    """The owning user, or None for a guest."""
    old_state: State
    """The state published before."""
    new_state: State
    """The state published now."""
    confidence: float
    """Confidence at publication."""
    confidence_bucket: ConfidenceBucket
    """The confidence as a bucket."""
    last_seen_at_ms: int
    """The session's latest signal."""


@_record
class UserEvent(Event):
    """A user's published state changed. ``id`` is the user id."""

    old_state: State
    """The state published before."""
    new_state: State
    """The state published now."""
    session_count: int
    """Its alive sessions at publication."""
    confidence: float
    """Confidence at publication."""
    confidence_bucket: ConfidenceBucket
    """The confidence as a bucket."""
    last_seen_at_ms: int
    """The latest signal of its sessions."""
    availability: Availability
    """Its declared availability, as shown."""


@_record
class MemberEvent(Event):
    """A user or guest joined or left a room. ``id`` is the user id, or a guest's session id.

    A join has ``old_state`` OFFLINE, a leave ``new_state`` OFFLINE; both are
    published after the debounce, and a disconnect inside the reconnect grace
    window is neither.
    """

    room_id: str
    """The room."""
    guest: bool
    """The member is a guest session."""
    old_state: State
    """OFFLINE on a join."""
    new_state: State
    """OFFLINE on a leave."""
    availability: Availability
    """The member's declared availability, as shown."""

    @property
    def joined(self) -> bool:
        """True for a join, False for a leave."""
        return self.old_state is State.OFFLINE


@_record
class ReadinessEvent(Event):
    """A user or a room became ready, or stopped being ready. ``id`` is the user or room id."""

    target_kind: TargetKind
    """Whether ``id`` is a user or a room."""
    ready: bool
    """True: became ready; False: stopped being ready."""
    readiness: float
    """The score at publication."""


@_record
class IntentEvent(Event):
    """An intent became ready, expired or was cancelled, and is gone. ``id`` is the intent id."""

    intent_kind: str
    """The intent's application-defined kind, e.g. ``"call"``."""
    from_id: str
    """The caller."""
    target_kind: TargetKind
    """Whether ``target_id`` is a user or a room."""
    target_id: str
    """The intent's target."""
    state: IntentState
    """READY, EXPIRED or CANCELLED."""


@_record
class OccupancyEvent(Event):
    """A count-only room's occupancy, at most once per its interval. ``id`` is the room id."""

    members: StateCounts
    """Its visible members by state."""
    sessions: StateCounts
    """Its visible members' sessions in the room, by state."""
    readiness: float
    """The room's readiness at publication."""


@_record
class AvailabilityEvent(Event):
    """A user's declared availability changed; ``id`` is the user id.

    Going invisible is never announced.
    """

    availability: Availability
    """The availability now, as shown."""


@_record
class EventBatch:
    """Events read by :meth:`Engine.events_since` or :meth:`Reader.events_since`."""

    events: tuple[Event, ...]
    """The events, oldest first."""
    seq: int
    """Where to continue: the seq of the last event considered (a reader's filter may have
    left it out), or the ``after_seq`` given if none."""


@_record
class Delivery:
    """The events one subscriber must hear, from :meth:`Engine.fanout`."""

    subscriber_id: str
    """The subscriber (the application's id: a socket, a session, a consumer)."""
    events: tuple[Event, ...]
    """Its events, oldest first: the same objects as in :attr:`Fanout.events`."""


@_record
class Fanout:
    """Events after a seq and who must hear which (:meth:`Engine.fanout`)."""

    events: tuple[Event, ...]
    """Every event read, oldest first."""
    deliveries: tuple[Delivery, ...]
    """One per subscriber with something to hear, in the order of their first delivery."""
    seq: int
    """Where to continue: the seq of the last event read (``after_seq`` if none)."""
