"""The engine's configuration: one frozen dataclass, with the engine's own defaults."""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from . import _presence
from ._records import _record

__all__ = ["Config"]

# The engine's defaults (pe_config_init), so they are written down once.
_DEFAULTS: dict[str, Any] = _presence.default_config()


@_record
class Config:
    """Every setting of an engine: given to :class:`Engine`, read back by :meth:`Engine.config`.

    Durations are ``int`` milliseconds (``_ms``); fractions are ``float`` in
    [0, 1]. Defaults are the engine's. The engine checks the values when it is
    created: a value out of range, or values that contradict each other, raise
    :class:`InvalidArgumentError` naming the field; a value of the wrong type
    raises :class:`TypeError`. Use :func:`dataclasses.replace` to derive one
    configuration from another.
    """

    idle_after_ms: int = _DEFAULTS["idle_after_ms"]
    """No interaction for this long: active -> idle."""
    away_after_ms: int = _DEFAULTS["away_after_ms"]
    """No interaction for this long: -> away. Must exceed ``idle_after_ms``."""
    blur_tolerance_ms: int = _DEFAULTS["blur_tolerance_ms"]
    """Hidden for less than this changes nothing; longer: away."""
    heartbeat_active_ms: int = _DEFAULTS["heartbeat_active_ms"]
    """Heartbeat interval told to an active, visible session."""
    heartbeat_idle_ms: int = _DEFAULTS["heartbeat_idle_ms"]
    """Interval told to an idle or away, visible session."""
    heartbeat_hidden_ms: int = _DEFAULTS["heartbeat_hidden_ms"]
    """Interval told to a hidden session (browsers throttle its timers)."""
    heartbeat_grace_ms: int = _DEFAULTS["heartbeat_grace_ms"]
    """Stale once silent for the told interval plus this."""
    reconnect_grace_ms: int = _DEFAULTS["reconnect_grace_ms"]
    """After a disconnect the state is held (reconnecting) this long."""
    session_ttl_ms: int = _DEFAULTS["session_ttl_ms"]
    """Offline once silent this long; the session then ends."""
    debounce_active_ms: int = _DEFAULTS["debounce_active_ms"]
    """A change to active is published once it held this long (anti-flap)."""
    debounce_idle_ms: int = _DEFAULTS["debounce_idle_ms"]
    """The same for changes to idle."""
    debounce_away_ms: int = _DEFAULTS["debounce_away_ms"]
    """The same for changes to away."""
    debounce_stale_ms: int = _DEFAULTS["debounce_stale_ms"]
    """The same for changes to stale."""
    debounce_offline_ms: int = _DEFAULTS["debounce_offline_ms"]
    """The same for changes to offline (member joins and leaves follow these too)."""
    last_seen_retention_ms: int = _DEFAULTS["last_seen_retention_ms"]
    """How long an offline user's last-seen is kept."""
    last_seen_max_users: int = _DEFAULTS["last_seen_max_users"]
    """At most this many offline users are remembered (oldest forgotten first)."""
    event_buffer_capacity: int = _DEFAULTS["event_buffer_capacity"]
    """Published events kept for :meth:`Engine.events_since`, 1..2**32."""
    max_id_bytes: int = _DEFAULTS["max_id_bytes"]
    """Longest accepted id (session, user, transport, room, ...), in UTF-8 bytes, 1..1024."""
    max_meta_bytes: int = _DEFAULTS["max_meta_bytes"]
    """Largest accepted session metadata, in UTF-8 bytes."""
    max_sessions_per_user: int = _DEFAULTS["max_sessions_per_user"]
    """Live sessions one user may hold, 1..65535."""
    max_sessions: int = _DEFAULTS["max_sessions"]
    """Live sessions in the engine; 0 = unlimited."""
    room_arriving_ms: int = _DEFAULTS["room_arriving_ms"]
    """A member who joined within this is *arriving*."""
    room_momentum_half_life_ms: int = _DEFAULTS["room_momentum_half_life_ms"]
    """Half-life of a room's arrivals and departures averages (momentum)."""
    max_rooms_per_session: int = _DEFAULTS["max_rooms_per_session"]
    """Rooms one session may be in; 0 = unlimited."""
    max_rooms: int = _DEFAULTS["max_rooms"]
    """Rooms in the engine; 0 = unlimited."""
    readiness_weight_state: float = _DEFAULTS["readiness_weight_state"]
    """Weight of the lifecycle state in a user's readiness."""
    readiness_weight_recency: float = _DEFAULTS["readiness_weight_recency"]
    """Weight of the recency of interaction in a user's readiness."""
    readiness_recency_window_ms: int = _DEFAULTS["readiness_recency_window_ms"]
    """Recency counts fully just after an interaction, nothing after this long."""
    readiness_busy_factor: float = _DEFAULTS["readiness_busy_factor"]
    """A busy user's readiness is scaled by this (available 1, do-not-disturb and invisible 0)."""
    readiness_room_weight_members: float = _DEFAULTS["readiness_room_weight_members"]
    """Weight of the members' mean presence in a room's readiness."""
    readiness_room_weight_density: float = _DEFAULTS["readiness_room_weight_density"]
    """Weight of density (active members against the quorum) in a room's readiness."""
    readiness_room_quorum: int = _DEFAULTS["readiness_room_quorum"]
    """Active members for full density, at least 1."""
    readiness_ready_threshold: float = _DEFAULTS["readiness_ready_threshold"]
    """Ready at this score or above."""
    readiness_unready_threshold: float = _DEFAULTS["readiness_unready_threshold"]
    """Not ready below this score (hysteresis); at most ``readiness_ready_threshold``."""
    max_intents_per_caller: int = _DEFAULTS["max_intents_per_caller"]
    """Pending intents one caller may hold; 0 = unlimited."""
    max_intent_ttl_ms: int = _DEFAULTS["max_intent_ttl_ms"]
    """Longest accepted intent time to live."""
    max_catch_up_steps: int = _DEFAULTS["max_catch_up_steps"]
    """Timer steps a call other than :meth:`Engine.advance` runs to catch up with its time;
    0 = all (every read exact). With a ticker, set it (e.g. 64) so that a storm of due
    transitions is worked off by the ticker while a signal, which holds the GIL, waits for a
    few steps only."""
    require_resume_token: bool = _DEFAULTS["require_resume_token"]
    """Continuing a live session from another transport (or after its transport dropped,
    heartbeats included) must present its resume token; :class:`DeniedError` otherwise."""
    node_id: Optional[str] = _DEFAULTS["node_id"]
    """Cluster mode: this engine's node id, under which its sessions are replicated;
    None for a standalone engine."""
    node_timeout_ms: int = _DEFAULTS["node_timeout_ms"]
    """Cluster mode: another node counts as alive this long after it was last seen."""
    replication_buffer: int = _DEFAULTS["replication_buffer"]
    """Cluster mode: replication records kept for :meth:`Engine.take_replicas`."""


# The fields above and the extension's (config.cpp) must be the same, in order.
if tuple(f.name for f in dataclasses.fields(Config)) != tuple(_DEFAULTS):
    raise ImportError("presence.Config does not match the configuration of the native engine")
