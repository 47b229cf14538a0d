"""The JSON shapes of the service: engine records in, wire dictionaries out.

Names follow the reference wire contract of the presence model (camelCase,
``status`` for a state, times in milliseconds since the epoch), so a client
written against the Socket.IO example reads these unchanged.
"""

from __future__ import annotations

import json
from typing import Any, TypeGuard

import presence

# The wire spellings of the hints a client may send. The engine takes enums;
# these are the only strings the service turns into them.
ACTIVITIES = {"active": presence.Activity.ACTIVE, "idle": presence.Activity.IDLE}
VISIBILITIES = {"visible": presence.Visibility.VISIBLE, "hidden": presence.Visibility.HIDDEN}
STATES = {str(state): state for state in presence.State}


class BadRequestError(Exception):
    """A request the service refuses before it reaches the engine (answered with 400)."""


def encode_meta(meta: object) -> str | None:
    """Session metadata travels as a JSON object and is stored as its compact text."""
    if meta is None:
        return None
    if not isinstance(meta, dict):
        raise BadRequestError("meta must be a JSON object")
    return json.dumps(meta, separators=(",", ":"), ensure_ascii=False)


def enum_field(body: dict[str, Any], name: str, choices: dict[str, Any], default: Any) -> Any:
    """Read an optional enumerated string field (absent or null gives ``default``)."""
    value = body.get(name)
    if value is None:
        return default
    if value not in choices:
        raise BadRequestError(f"{name} must be one of {', '.join(sorted(choices))}")
    return choices[value]


def string_field(body: dict[str, Any], name: str, *, required: bool) -> str | None:
    """Read a string field; its content (length, encoding) is the engine's to judge."""
    value = body.get(name)
    if value is None:
        if required:
            raise BadRequestError(f"{name} is required")
        return None
    if not isinstance(value, str):
        raise BadRequestError(f"{name} must be a string")
    return value


def session(s: presence.Session) -> dict[str, Any]:
    return {
        "sessionId": s.session_id,
        "userId": s.user_id,
        "status": str(s.state),
        "reconnecting": s.reconnecting,
        "visible": s.visible,
        "connected": s.connected,
        "confidence": s.confidence,
        "confidenceBucket": str(s.confidence_bucket),
        "lastHeartbeatAt": s.last_signal_at_ms,
        "lastActivityAt": s.last_activity_at_ms,
        "since": s.since_ms,
        "heartbeatIntervalMs": s.heartbeat_interval_ms,
        "meta": None if s.meta is None else json.loads(s.meta),
    }


def user(u: presence.User) -> dict[str, Any]:
    return {
        "userId": u.user_id,
        "status": str(u.state),
        "confidence": u.confidence,
        "confidenceBucket": str(u.confidence_bucket),
        "sessionCount": u.session_count,
        "lastSeenAt": u.last_seen_at_ms,
        "since": u.since_ms,
    }


def counts(c: presence.Counts) -> dict[str, Any]:
    return {
        "sessions": {
            "active": c.sessions_active,
            "idle": c.sessions_idle,
            "away": c.sessions_away,
            "stale": c.sessions_stale,
            "reconnecting": c.sessions_reconnecting,
            "guests": c.guest_sessions,
            "alive": c.sessions_alive,
        },
        "users": {
            "active": c.users_active,
            "idle": c.users_idle,
            "away": c.users_away,
            "stale": c.users_stale,
            "offline": c.users_offline,
            "alive": c.users_alive,
        },
    }


def event(e: presence.SessionEvent | presence.UserEvent) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seq": e.seq,
        "kind": str(e.kind),
        "at": e.at_ms,
        "publishedAt": e.published_at_ms,
        "id": e.id,
        "oldStatus": str(e.old_state),
        "newStatus": str(e.new_state),
        "confidence": e.confidence,
        "confidenceBucket": str(e.confidence_bucket),
        "lastSeenAt": e.last_seen_at_ms,
    }
    if isinstance(e, presence.UserEvent):
        out["userId"] = e.id
        out["sessionCount"] = e.session_count
    else:
        out["userId"] = e.user_id
    return out


def is_presence_event(
    e: presence.Event,
) -> TypeGuard[presence.SessionEvent | presence.UserEvent]:
    """Session and user changes: the service opens no rooms and records no intents."""
    return isinstance(e, (presence.SessionEvent, presence.UserEvent))
