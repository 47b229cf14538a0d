#!/usr/bin/env python3
"""Plays the cross-runtime scenarios through the Python package (tests/scenarios/README.md).

Usage: run_scenarios.py [--expect-failures LIST] [PATH...]

A PATH is a scenario file or a folder (every *.scenario.json below it, sorted);
without one the whole tests/scenarios folder runs. The runner holds no presence
logic: it validates each file, maps its vocabulary onto presence.Engine calls,
and compares what the engine answers with what the file expects. It needs the
presence package (as installed from the wheel) and jsonschema.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import jsonschema
from jsonschema.exceptions import best_match

import presence

SCENARIOS = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((SCENARIOS / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
DEFAULT_T0 = 1_700_000_000_000
# A Python str cannot hold invalid UTF-8: raw bytes become the str that
# surrogateescape makes of them, in which every byte that is not valid UTF-8 is
# a lone surrogate, the one thing a str has that UTF-8 cannot encode and the
# binding refuses as invalid text. Raw enum values go through as plain ints:
# the binding refuses them as the C ABI does (an item of a batch alone).
SUPPORTED: frozenset[str] = frozenset({"byte_strings", "raw_enum_values"})
ENUM_ARGUMENTS = {
    "activity": presence.Activity,
    "visibility": presence.Visibility,
    "min_state": presence.State,
    "availability": presence.Availability,
    "target_kind": presence.TargetKind,
}
# What a name given with "as" may be used for, by the kinds of step that can define it.
REFERENCES = {
    "after_seq_from": {"snapshot", "poll_events", "fanout"},
    "intent_from": {"open_intent"},
}


class InvalidScenarioError(Exception):
    """A file that is not a valid scenario: `place` is a JSON path or a line."""

    def __init__(self, place: str, why: str) -> None:
        super().__init__(f"{place}: {why}")
        self.place = place


@dataclass
class Mismatch:
    """A place where the engine's answer differs from the file's."""

    path: str
    expected: Any
    actual: Any
    note: str = ""


@dataclass
class Outcome:
    """What one call did: its status name, message and results in the file's vocabulary."""

    status: str = "OK"
    message: str = ""
    actual: Any = None
    saved: dict[str, Any] = field(default_factory=dict)


# --- loading -------------------------------------------------------------------


class _Duplicates(dict):  # type: ignore[type-arg]
    """An object whose source named a field twice (kept to report the place)."""

    duplicate: str = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = _Duplicates()
    for key, value in pairs:
        if key in out and not out.duplicate:
            out.duplicate = key
        out[key] = value
    return out


def _find_duplicate(value: Any, path: str) -> Optional[tuple[str, str]]:
    if isinstance(value, dict):
        if isinstance(value, _Duplicates) and value.duplicate:
            return path, value.duplicate
        children = [(f"{path}.{k}", v) for k, v in value.items()]
    elif isinstance(value, list):
        children = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
    else:
        return None
    for child_path, child in children:
        found = _find_duplicate(child, child_path)
        if found:
            return found
    return None


def _json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def load(path: Path) -> dict[str, Any]:
    """Parse and validate one scenario file, or raise InvalidScenarioError."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_pairs)
    except json.JSONDecodeError as error:
        place = f"line {error.lineno}, column {error.colno}"
        raise InvalidScenarioError(place, error.msg) from None
    duplicate = _find_duplicate(doc, "$")
    if duplicate:
        raise InvalidScenarioError(duplicate[0], f"the field '{duplicate[1]}' is given twice")
    error = best_match(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc))
    if error is not None:
        raise InvalidScenarioError(_json_path(error.absolute_path), error.message)
    _check_names_and_capabilities(doc)
    return doc


def _check_names_and_capabilities(doc: dict[str, Any]) -> None:
    kinds: dict[str, str] = {}
    for i, step in enumerate(doc.get("steps", [])):
        place = f"$.steps[{i}]"
        # A cursor comes from a page of the same list.
        references = {**REFERENCES, "cursor_from": {step["do"]}}
        for reference, allowed in references.items():
            name = step.get(reference)
            if name is not None and kinds.get(name) not in allowed:
                raise InvalidScenarioError(
                    f"{place}.{reference}",
                    f"no earlier {' or '.join(sorted(allowed))} step is named '{name}'",
                )
        if "as" in step:
            if step["as"] in kinds:
                raise InvalidScenarioError(f"{place}.as", f"the name '{step['as']}' is given twice")
            kinds[step["as"]] = step["do"]
    requires = set(doc.get("requires", []))
    for path, value in _walk(doc.get("steps", []), "$.steps"):
        if isinstance(value, dict) and "hex" in value and "byte_strings" not in requires:
            raise InvalidScenarioError(path, "raw bytes need 'byte_strings' in requires")
        raw_enum = type(value) is int and path.rsplit(".", 1)[-1] in ENUM_ARGUMENTS
        if raw_enum and "raw_enum_values" not in requires:
            raise InvalidScenarioError(path, "a raw enum value needs 'raw_enum_values' in requires")


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every value below `value` with its JSON path, depth first."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, f"{path}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _walk(child, f"{path}[{i}]")


# --- running -------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, dict) and "hex" in value:
        return bytes.fromhex(value["hex"]).decode("utf-8", "surrogateescape")
    if isinstance(value, dict):
        return str(value["repeat"]) * int(value["count"])
    return str(value)


def _optional_text(step: dict[str, Any], name: str) -> Optional[str]:
    return _text(step[name]) if name in step else None


def _enum(kind: str, value: Any) -> Any:
    """An enum argument: the member a name stands for, or a raw int as it is."""
    if type(value) is int:
        return value
    return ENUM_ARGUMENTS[kind][str(value).upper()]


def _name(value: Any) -> Any:
    """An enum read back, by its name in the file's vocabulary."""
    return str(value) if isinstance(value, enum.Enum) else "unknown"


def _by_state(counts: presence.StateCounts) -> dict[str, int]:
    return {
        "active": counts.active,
        "idle": counts.idle,
        "away": counts.away,
        "stale": counts.stale,
    }


def _room_of(kind: presence.TargetKind, target: str) -> Optional[str]:
    # Readiness and intent events name their room when their target is one.
    return target if kind is presence.TargetKind.ROOM else None


class Driver:
    """Plays steps on one engine, in the file's vocabulary."""

    def __init__(self, engine: presence.Engine, t0: int) -> None:
        self.engine = engine
        self.t0 = t0
        self.checkpoint = 0
        self.named: dict[str, dict[str, Any]] = {}

    def now(self, step: dict[str, Any]) -> Optional[int]:
        """The now_ms of a step: t0 + at, or its now_ms (-1, PE_NOW, is None here)."""
        if "at" in step:
            return self.t0 + int(step["at"])
        given = step.get("now_ms")
        return None if given == -1 else given

    def rel(self, ms: Optional[int]) -> Optional[int]:
        """A time read back, relative to t0."""
        return None if ms is None else ms - self.t0

    # --- records in the file's vocabulary

    def session(self, s: presence.Session) -> dict[str, Any]:
        """A session."""
        return {
            "id": s.session_id,
            "user": s.user_id,
            "state": _name(s.state),
            "reconnecting": s.reconnecting,
            "visible": s.visible,
            "connected": s.connected,
            "confidence": s.confidence,
            "confidence_bucket": _name(s.confidence_bucket),
            "last_signal_at": self.rel(s.last_signal_at_ms),
            "last_activity_at": self.rel(s.last_activity_at_ms),
            "since": self.rel(s.since_ms),
            "heartbeat_interval_ms": s.heartbeat_interval_ms,
            "meta": s.meta,
            "transport": s.transport_id,
            "true_state": _name(s.true_state),
        }

    def user(self, u: presence.User) -> dict[str, Any]:
        """A user."""
        return {
            "id": u.user_id,
            "state": _name(u.state),
            "since": self.rel(u.since_ms),
            "last_seen_at": self.rel(u.last_seen_at_ms),
            "evidence": _name(u.last_evidence),
            "session_count": u.session_count,
            "confidence": u.confidence,
            "confidence_bucket": _name(u.confidence_bucket),
            "availability": _name(u.availability),
            "true_state": _name(u.true_state),
            "true_availability": _name(u.true_availability),
            "readiness": u.readiness,
            "ready": u.ready,
        }

    def event(self, e: presence.Event) -> dict[str, Any]:
        """An event: seq, kind, id, the fields of its kind, then at and published_at."""
        out: dict[str, Any] = {"seq": e.seq, "kind": _name(e.kind), "id": e.id}
        if isinstance(e, presence.SessionEvent):
            out.update(
                user=e.user_id,
                old=_name(e.old_state),
                new=_name(e.new_state),
                session_count=0,  # the header's value for session events
                confidence=e.confidence,
                confidence_bucket=_name(e.confidence_bucket),
                last_seen_at=self.rel(e.last_seen_at_ms),
            )
        elif isinstance(e, presence.UserEvent):
            out.update(
                user=None,  # the header's value for user events
                old=_name(e.old_state),
                new=_name(e.new_state),
                session_count=e.session_count,
                confidence=e.confidence,
                confidence_bucket=_name(e.confidence_bucket),
                last_seen_at=self.rel(e.last_seen_at_ms),
                availability=_name(e.availability),
            )
        elif isinstance(e, presence.MemberEvent):
            out.update(
                room=e.room_id,
                guest=e.guest,
                old=_name(e.old_state),
                new=_name(e.new_state),
                availability=_name(e.availability),
            )
        elif isinstance(e, presence.ReadinessEvent):
            out.update(
                target_kind=_name(e.target_kind),
                room=_room_of(e.target_kind, e.id),
                ready=e.ready,
                readiness=e.readiness,
            )
        elif isinstance(e, presence.IntentEvent):
            out.update(
                intent_kind=e.intent_kind,
                target_kind=_name(e.target_kind),
                target=e.target_id,
                room=_room_of(e.target_kind, e.target_id),
                intent_state=_name(e.state),
            )
            out["from"] = e.from_id
        elif isinstance(e, presence.OccupancyEvent):
            out.update(
                room=e.id,
                members=_by_state(e.members),
                sessions=_by_state(e.sessions),
                readiness=e.readiness,
            )
        elif isinstance(e, presence.AvailabilityEvent):
            out.update(availability=_name(e.availability))
        out.update(at=self.rel(e.at_ms), published_at=self.rel(e.published_at_ms))
        return out

    def events(self, step: dict[str, Any], events: tuple[presence.Event, ...]) -> list[Any]:
        """Events of the kinds the step names in `kinds` (all without it)."""
        converted = [self.event(e) for e in events]
        if "kinds" not in step:
            return converted
        return [e for e in converted if e["kind"] in step["kinds"]]

    def room(self, r: presence.Room) -> dict[str, Any]:
        """A room."""
        return {
            "id": r.room_id,
            "created_at": self.rel(r.created_at_ms),
            "sessions": _by_state(r.sessions),
            "members": _by_state(r.members),
            "guests": r.guests,
            "arriving": r.arriving,
            "density": r.density,
            "arrivals_per_minute": r.arrivals_per_minute,
            "departures_per_minute": r.departures_per_minute,
            "readiness": r.readiness,
            "ready": r.ready,
            "count_only": r.count_only,
            "occupancy_interval_ms": r.occupancy_interval_ms,
        }

    def member(self, m: presence.Member) -> dict[str, Any]:
        """A member of a room."""
        return {
            "id": m.member_id,
            "guest": m.guest,
            "state": _name(m.state),
            "joined_at": self.rel(m.joined_at_ms),
            "arriving": m.arriving,
            "session_count": m.session_count,
            "last_seen_at": self.rel(m.last_seen_at_ms),
            "confidence": m.confidence,
            "confidence_bucket": _name(m.confidence_bucket),
            "availability": _name(m.availability),
        }

    def intent(self, i: presence.Intent) -> dict[str, Any]:
        """An intent."""
        return {
            "id": i.intent_id,
            "from": i.from_id,
            "target_kind": _name(i.target_kind),
            "target": i.target_id,
            "kind": i.kind,
            "created_at": self.rel(i.created_at_ms),
            "expires_at": self.rel(i.expires_at_ms),
            "state": _name(i.state),
        }

    # --- the steps

    def run(self, step: dict[str, Any]) -> Outcome:
        """Make the call of one step; a PresenceError becomes its status."""
        outcome = Outcome()
        try:
            outcome.actual = getattr(self, "do_" + step["do"])(step)
        except presence.PresenceError as error:
            outcome.status = presence.Status(error.status).name
            outcome.message = error.message
        return outcome

    def do_open(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `open` step."""
        result = self.engine.open(
            _text(step["session"]),
            user_id=_optional_text(step, "user"),
            meta=_optional_text(step, "meta"),
            transport_id=_optional_text(step, "transport"),
            visibility=_enum("visibility", step.get("visibility", "unknown")),
            now_ms=self.now(step),
        )
        return {
            "continued": result.continued,
            "heartbeat_interval_ms": result.heartbeat_interval_ms,
            "state": _name(result.state),
        }

    def do_heartbeat(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `heartbeat` step."""
        interval = self.engine.heartbeat(
            _text(step["session"]),
            _enum("activity", step.get("activity", "unknown")),
            _enum("visibility", step.get("visibility", "unknown")),
            now_ms=self.now(step),
        )
        return {"heartbeat_interval_ms": interval}

    def do_heartbeat_batch(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `heartbeat_batch` step."""
        items = [
            (
                _text(item["session"]),
                _enum("activity", item.get("activity", "unknown")),
                _enum("visibility", item.get("visibility", "unknown")),
            )
            for item in step["items"]
        ]
        result = self.engine.heartbeat_many(items, now_ms=self.now(step))
        statuses = ["OK"] * len(items)
        for index, status in result.failures:
            statuses[index] = presence.Status(status).name
        return {
            "statuses": statuses,
            "heartbeat_intervals_ms": list(result.intervals_ms),
            "failed": len(result.failures),
        }

    def do_activity(self, step: dict[str, Any]) -> None:
        """The `activity` step."""
        self.engine.activity(_text(step["session"]), now_ms=self.now(step))

    def do_visibility(self, step: dict[str, Any]) -> None:
        """The `visibility` step."""
        self.engine.visibility(
            _text(step["session"]), _enum("visibility", step["visibility"]), now_ms=self.now(step)
        )

    def do_disconnect(self, step: dict[str, Any]) -> None:
        """The `disconnect` step."""
        self.engine.disconnect(_text(step["session"]), now_ms=self.now(step))

    def do_disconnect_transport(self, step: dict[str, Any]) -> None:
        """The `disconnect_transport` step."""
        self.engine.disconnect_transport(_text(step["transport"]), now_ms=self.now(step))

    def do_leave(self, step: dict[str, Any]) -> None:
        """The `leave` step."""
        self.engine.leave(_text(step["session"]), now_ms=self.now(step))

    def do_identify(self, step: dict[str, Any]) -> None:
        """The `identify` step."""
        self.engine.identify(_text(step["session"]), _text(step["user"]), now_ms=self.now(step))

    def do_advance(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `advance` step."""
        steps = step.get("max_steps", 0)
        return {"more": self.engine.advance(self.now(step), max_steps=steps or None)}

    def do_next_deadline(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `next_deadline` step."""
        return {"deadline": self.rel(self.engine.next_deadline())}

    def do_engine_now(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `engine_now` step."""
        return {"now": self.rel(self.engine.now())}

    def do_get_session(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `get_session` step."""
        return self.session(self.engine.get_session(_text(step["session"]), now_ms=self.now(step)))

    def do_get_user(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `get_user` step."""
        detail = self.engine.get_user(_text(step["user"]), now_ms=self.now(step))
        return {
            "user": self.user(detail.user),
            "sessions": [self.session(s) for s in detail.sessions],
        }

    def do_counts(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `counts` step."""
        return dataclasses.asdict(self.engine.counts(now_ms=self.now(step)))

    def do_count_seen(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `count_seen` step."""
        return {"users": self.engine.count_seen(step["window_ms"], now_ms=self.now(step))}

    def cursor(self, step: dict[str, Any]) -> Optional[str]:
        """The cursor of a list step: given, or saved by an earlier page."""
        if "cursor_from" in step:
            saved: Optional[str] = self.named[step["cursor_from"]]["cursor"]
            return saved
        return _optional_text(step, "cursor")

    def after_seq(self, step: dict[str, Any]) -> int:
        """The after_seq of a step: given, or the seq of an earlier step."""
        if "after_seq_from" in step:
            seq: int = self.named[step["after_seq_from"]]["seq"]
            return seq
        given: int = step.get("after_seq", 0)
        return given

    def do_list_users(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `list_users` step."""
        page = self.engine.list_users(
            _enum("min_state", step["min_state"]),
            cursor=self.cursor(step),
            limit=step["limit"],
            now_ms=self.now(step),
        )
        self._save(step, {"cursor": page.next_cursor})
        return {"users": [self.user(u) for u in page.users], "more": page.next_cursor is not None}

    def do_snapshot(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `snapshot` step."""
        snapshot = self.engine.snapshot(now_ms=self.now(step))
        self._save(step, {"seq": snapshot.seq})
        return {
            "seq": snapshot.seq,
            "users": [self.user(u) for u in snapshot.users],
            "sessions": [self.session(s) for s in snapshot.sessions],
        }

    def do_poll_events(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `poll_events` step."""
        limit = step.get("max_events", 0) or None
        batch = self.engine.events_since(self.after_seq(step), limit=limit)
        self._save(step, {"seq": batch.seq})
        return {"seq": batch.seq, "events": self.events(step, batch.events)}

    def do_events(self, step: dict[str, Any]) -> list[Any]:
        """The `events` step."""
        batch = self.engine.events_since(self.checkpoint)
        self.checkpoint = batch.seq
        return self.events(step, batch.events)

    def do_stats(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `stats` step."""
        return dataclasses.asdict(self.engine.stats())

    def do_close(self, step: dict[str, Any]) -> None:
        """The `close` step."""
        self.engine.close()

    def do_join_room(self, step: dict[str, Any]) -> None:
        """The `join_room` step."""
        self.engine.join_room(_text(step["session"]), _text(step["room"]), now_ms=self.now(step))

    def do_leave_room(self, step: dict[str, Any]) -> None:
        """The `leave_room` step."""
        self.engine.leave_room(_text(step["session"]), _text(step["room"]), now_ms=self.now(step))

    def do_set_count_only(self, step: dict[str, Any]) -> None:
        """The `set_count_only` step."""
        self.engine.set_room_count_only(
            _text(step["room"]),
            step["count_only"],
            step.get("interval_ms"),
            now_ms=self.now(step),
        )

    def do_get_room(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `get_room` step."""
        return self.room(self.engine.get_room(_text(step["room"]), now_ms=self.now(step)))

    def do_list_rooms(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `list_rooms` step."""
        page = self.engine.list_rooms(
            cursor=self.cursor(step), limit=step["limit"], now_ms=self.now(step)
        )
        self._save(step, {"cursor": page.next_cursor})
        return {"rooms": [self.room(r) for r in page.rooms], "more": page.next_cursor is not None}

    def do_list_members(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `list_members` step."""
        page = self.engine.list_members(
            _text(step["room"]),
            _enum("min_state", step["min_state"]),
            cursor=self.cursor(step),
            limit=step["limit"],
            now_ms=self.now(step),
        )
        self._save(step, {"cursor": page.next_cursor})
        return {
            "members": [self.member(m) for m in page.members],
            "more": page.next_cursor is not None,
        }

    def do_user_rooms(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `user_rooms` step."""
        rooms = self.engine.user_rooms(_text(step["user"]), now_ms=self.now(step))
        return {"rooms": [self.room(r) for r in rooms]}

    def do_room_metrics(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `room_metrics` step."""
        m = self.engine.room_metrics(_text(step["room"]), now_ms=self.now(step))
        return {
            "joins": m.joins,
            "leaves": m.leaves,
            "drop_offs": m.drop_offs,
            "peak_members": m.peak_members,
            "peak_sessions": m.peak_sessions,
            "bucket_upper_ms": list(m.bucket_upper_ms),
            "dwell": list(m.dwell),
            "attention": list(m.attention),
            "curve": [{"at": self.rel(p.at_ms), "score": p.score} for p in m.curve],
        }

    def do_set_availability(self, step: dict[str, Any]) -> None:
        """The `set_availability` step."""
        self.engine.set_availability(
            _text(step["user"]),
            _enum("availability", step["availability"]),
            now_ms=self.now(step),
        )

    def do_readiness(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `readiness` step."""
        r = self.engine.readiness(
            _enum("target_kind", step["target_kind"]), _text(step["target"]), now_ms=self.now(step)
        )
        return {
            "score": r.score,
            "ready": r.ready,
            "can_call": r.can_call,
            "reason": _name(r.reason),
            "state": _name(r.state),
            "availability": _name(r.availability),
        }

    def do_open_intent(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `open_intent` step."""
        intent = self.engine.open_intent(
            _text(step["from"]),
            _enum("target_kind", step["target_kind"]),
            _text(step["target"]),
            kind=_text(step["kind"]),
            ttl_ms=step["ttl_ms"],
            now_ms=self.now(step),
        )
        self._save(step, {"id": intent.intent_id})
        return self.intent(intent)

    def do_cancel_intent(self, step: dict[str, Any]) -> None:
        """The `cancel_intent` step."""
        if "intent_from" in step:
            intent_id: str = self.named[step["intent_from"]]["id"]
        else:
            intent_id = _text(step["intent"])
        self.engine.cancel_intent(intent_id, now_ms=self.now(step))

    def do_list_intents(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `list_intents` step."""
        if "caller" in step:
            intents = self.engine.intents_from(_text(step["caller"]), now_ms=self.now(step))
        else:
            intents = self.engine.intents_to(
                _enum("target_kind", step["target_kind"]),
                _text(step["target"]),
                now_ms=self.now(step),
            )
        return {"intents": [self.intent(i) for i in intents]}

    def do_subscribe(self, step: dict[str, Any]) -> None:
        """The `subscribe` step."""
        self.engine.subscribe(
            _text(step["subscriber"]),
            _enum("target_kind", step["target_kind"]),
            _text(step["target"]),
        )

    def do_unsubscribe(self, step: dict[str, Any]) -> None:
        """The `unsubscribe` step."""
        self.engine.unsubscribe(
            _text(step["subscriber"]),
            _enum("target_kind", step["target_kind"]),
            _text(step["target"]),
        )

    def do_unsubscribe_all(self, step: dict[str, Any]) -> None:
        """The `unsubscribe_all` step."""
        self.engine.unsubscribe_all(_text(step["subscriber"]))

    def do_fanout(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `fanout` step: deliveries name the seqs of their events."""
        fanout = self.engine.fanout(self.after_seq(step), limit=step.get("max_events", 0) or None)
        self._save(step, {"seq": fanout.seq})
        return {
            "seq": fanout.seq,
            "events": self.events(step, fanout.events),
            "deliveries": [
                {"subscriber": d.subscriber_id, "seqs": [e.seq for e in d.events]}
                for d in fanout.deliveries
            ],
        }

    def do_prometheus(self, step: dict[str, Any]) -> dict[str, Any]:
        """The `prometheus` step: the text as its lines."""
        text = self.engine.prometheus(_optional_text(step, "room"), now_ms=self.now(step))
        return {"lines": text.splitlines()}

    def _save(self, step: dict[str, Any], value: dict[str, Any]) -> None:
        if "as" in step:
            self.named[step["as"]] = value


# --- judging -------------------------------------------------------------------


def compare(expected: Any, actual: Any, path: str, out: list[Mismatch]) -> None:
    """Partial objects, exact lists, exact integers, other numbers within 1e-9, ranges."""
    if isinstance(expected, dict) and set(expected) == {"min", "max"} and _number(actual):
        if not expected["min"] <= actual <= expected["max"]:
            out.append(Mismatch(path, expected, actual, "outside the range"))
    elif isinstance(expected, dict):
        _compare_object(expected, actual, path, out)
    elif isinstance(expected, list):
        _compare_list(expected, actual, path, out)
    elif _number(expected) and _number(actual) and not isinstance(expected, int):
        if abs(expected - actual) > 1e-9:
            out.append(Mismatch(path, expected, actual))
    elif (type(expected) is not type(actual) or expected != actual) and not (
        _number(expected) and _number(actual) and expected == actual
    ):
        out.append(Mismatch(path, expected, actual))


def _compare_object(expected: dict[str, Any], actual: Any, path: str, out: list[Mismatch]) -> None:
    if not isinstance(actual, dict):
        out.append(Mismatch(path, expected, actual))
        return
    for key, value in expected.items():
        if key in actual:
            compare(value, actual[key], f"{path}.{key}", out)
        else:
            out.append(Mismatch(f"{path}.{key}", value, None, "the runner reports no such field"))


def _compare_list(expected: list[Any], actual: Any, path: str, out: list[Mismatch]) -> None:
    if not isinstance(actual, list):
        out.append(Mismatch(path, expected, actual))
        return
    if len(actual) != len(expected):
        note = f"expected {len(expected)} items, got {len(actual)}"
        out.append(Mismatch(path, expected, actual, note))
        return
    for i, (e, a) in enumerate(zip(expected, actual)):
        compare(e, a, f"{path}[{i}]", out)


def compare_lines(expected: dict[str, Any], lines: list[str], path: str) -> list[Mismatch]:
    """Each expected line is a whole line of the text; no line starts with a refused prefix."""
    out: list[Mismatch] = []
    for i, line in enumerate(expected.get("lines", [])):
        if line not in lines:
            out.append(
                Mismatch(f"{path}.lines[{i}]", line, lines, "no line of the text is this one")
            )
    for i, prefix in enumerate(expected.get("no_line_starts_with", [])):
        out.extend(
            Mismatch(f"{path}.no_line_starts_with[{i}]", prefix, line, "a line starts with this")
            for line in lines
            if line.startswith(prefix)
        )
    return out


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def judge(promise: dict[str, Any], fails_field: str, outcome: Outcome, path: str) -> list[Mismatch]:
    """What a step (or the creation) promised, against what happened."""
    if fails_field in promise:
        return _judge_failure(promise[fails_field], outcome, f"{path}.{fails_field}")
    if outcome.status != "OK":
        return [Mismatch(path, "OK", outcome.status, outcome.message)]
    if "expect" not in promise:
        return []
    expected = promise["expect"]
    if promise.get("do") == "prometheus":
        return compare_lines(expected, outcome.actual["lines"], f"{path}.expect")
    if promise.get("do") == "counts":
        expected = {**dict.fromkeys(outcome.actual, 0), **expected}
    out: list[Mismatch] = []
    compare(expected, outcome.actual, f"{path}.expect", out)
    return out


def _judge_failure(fails: Any, outcome: Outcome, fails_path: str) -> list[Mismatch]:
    status = fails if isinstance(fails, str) else fails["status"]
    if outcome.status != status:
        return [Mismatch(fails_path, status, outcome.status, outcome.message)]
    if isinstance(fails, dict) and fails["message_contains"] not in outcome.message:
        return [
            Mismatch(
                f"{fails_path}.message_contains",
                fails["message_contains"],
                outcome.message,
                "the message does not contain the text",
            )
        ]
    return []


def _render(value: Any, indent: str) -> str:
    if not isinstance(value, list) or not value:
        return json.dumps(value, separators=(",", ":"))
    items = ",\n".join(f"{indent}  {json.dumps(v, separators=(',', ':'))}" for v in value)
    return f"[\n{items}\n{indent}]"


def report(file: str, doc: dict[str, Any], where: str, mismatches: list[Mismatch]) -> str:
    """The failure report of a file, as the README shows it."""
    lines = [file, f"  {doc['title']}", f"  {where}"]
    for m in mismatches:
        lines.append(f"    {m.path}" + (f"  -- {m.note}" if m.note else ""))
        lines.append(f"      expected: {_render(m.expected, '      ')}")
        lines.append(f"      actual:   {_render(m.actual, '      ')}")
    return "\n".join(lines) + "\n"


def first_failure(file: str, doc: dict[str, Any]) -> str:
    """The report of the first failing place, or '' if the scenario holds."""
    created = Outcome()
    engine: Optional[presence.Engine] = None
    try:
        engine = presence.Engine(**doc.get("config", {}))
    except presence.PresenceError as error:
        created.status = presence.Status(error.status).name
        created.message = error.message
    mismatches = judge(doc, "create_fails", created, "$")
    if mismatches:
        return report(file, doc, "creating the engine", mismatches)
    if engine is None:
        return ""
    with engine:
        driver = Driver(engine, int(doc.get("t0", DEFAULT_T0)))
        for i, step in enumerate(doc["steps"]):
            mismatches = judge(step, "fails", driver.run(step), f"$.steps[{i}]")
            if mismatches:
                call = {k: v for k, v in step.items() if k not in ("expect", "fails", "note")}
                where = f"step {i}: {json.dumps(call, separators=(',', ':'))}"
                return report(file, doc, where, mismatches)
    return ""


# --- the command line ------------------------------------------------------------


@dataclass
class Tally:
    """Verdicts of a run."""

    passed: int = 0
    failed: int = 0
    known: int = 0
    skipped: int = 0

    def close(self) -> int:
        """Print the closing lines; return the exit status."""
        if self.known:
            print(f"known failures: {self.known}")
        if self.skipped:
            print(f"skipped: {self.skipped}")
        print(f"scenarios: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def run_file(path: Path, tally: Tally) -> None:
    """Validate, run and judge one scenario file."""
    file = str(path)
    try:
        doc = load(path)
    except InvalidScenarioError as refused:
        tally.failed += 1
        print(f"FAIL {file}\n  {refused}")
        return
    missing = set(doc.get("requires", [])) - SUPPORTED
    if missing:
        tally.skipped += 1
        print(f"SKIP {file} (needs {', '.join(sorted(missing))})")
        return
    failure = first_failure(file, doc)
    if "known_failure" in doc:
        if failure:
            tally.known += 1
            print(f"KNOWN FAILURE {failure}  known failure: {doc['known_failure']}")
        else:
            tally.failed += 1
            print(
                f"FAIL {file}\n  $.known_failure: the scenario passes, so the mark must go "
                f"({doc['known_failure']})"
            )
    elif failure:
        tally.failed += 1
        print(f"FAIL {failure}", end="")
    else:
        tally.passed += 1
        print(f"PASS {file}")


def expect_failures(list_path: Path, tally: Tally) -> None:
    """Every listed file must be refused or fail where the list says; the list covers its folder."""
    listing = json.loads(list_path.read_text(encoding="utf-8"))
    folder = list_path.parent
    named = {entry["file"] for entry in listing["failures"]}
    unlisted = sorted(
        p.name for p in folder.glob("*.json") if p != list_path and p.name not in named
    )
    if unlisted:
        tally.failed += 1
        print(f"FAIL {list_path}\n  does not name {', '.join(unlisted)}")
    for entry in listing["failures"]:
        path = folder / entry["file"]
        stage, message = "run", ""
        try:
            doc = load(path)
            message = first_failure(str(path), doc)
            if "known_failure" in doc and not message:
                message = "$.known_failure: the scenario passes, so the mark must go"
        except InvalidScenarioError as refused:
            stage, message = "load", str(refused)
        wanted = [entry["place"], *entry["mentions"]]
        if stage == entry["stage"] and message and all(text in message for text in wanted):
            tally.passed += 1
            print(f"PASS {path} ({stage}: {entry['place']})")
        else:
            tally.failed += 1
            print(f"FAIL {path}\n  expected a {entry['stage']} failure naming {wanted}")
            print(f"  got {stage}: {message or 'no failure'}")


def main(argv: Optional[list[str]] = None) -> int:
    """Run the scenarios the command line names; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expect-failures", type=Path, metavar="LIST")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    tally = Tally()
    if args.expect_failures:
        if not args.expect_failures.is_file():
            print(f"run_scenarios: no such file {args.expect_failures}", file=sys.stderr)
            return 2
        expect_failures(args.expect_failures, tally)
    paths = args.paths or ([] if args.expect_failures else [SCENARIOS])
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            found = sorted(path.rglob("*.scenario.json"))
            if not found:
                print(f"run_scenarios: no scenarios in {path}", file=sys.stderr)
                return 2
            files.extend(found)
        else:
            print(f"run_scenarios: no such file or folder {path}", file=sys.stderr)
            return 2
    for file in files:
        run_file(file, tally)
    return tally.close()


if __name__ == "__main__":
    sys.exit(main())
