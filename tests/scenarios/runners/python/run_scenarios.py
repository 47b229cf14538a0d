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
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import jsonschema
from jsonschema.exceptions import best_match

import presence

SCENARIOS = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((SCENARIOS / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
DEFAULT_T0 = 1_700_000_000_000
# Python strings cannot hold invalid UTF-8, and the binding refuses undefined
# enum values before the C call (a whole batch, not one item), so files that
# need either are skipped, as the format allows.
SUPPORTED: frozenset[str] = frozenset()
ENUM_ARGUMENTS = {
    "activity": presence.Activity,
    "visibility": presence.Visibility,
    "min_state": presence.State,
}
_FORMAT_KINDS = (presence.EventKind.SESSION, presence.EventKind.USER)


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
    requires = set(doc.get("requires", []))
    for i, step in enumerate(doc.get("steps", [])):
        place = f"$.steps[{i}]"
        for reference, allowed in (
            ("cursor_from", {"list_users"}),
            ("after_seq_from", {"snapshot", "poll_events"}),
        ):
            name = step.get(reference)
            if name is not None and kinds.get(name) not in allowed:
                raise InvalidScenarioError(
                    f"{place}.{reference}",
                    f"'{name}' names no earlier {' or '.join(sorted(allowed))} step",
                )
        if "as" in step:
            if step["as"] in kinds:
                raise InvalidScenarioError(f"{place}.as", f"the name '{step['as']}' is given twice")
            kinds[step["as"]] = step["do"]
        for key, value in _texts_of(step, place):
            if isinstance(value, dict) and "hex" in value and "byte_strings" not in requires:
                raise InvalidScenarioError(key, "raw bytes need 'byte_strings' in requires")
        for name in ENUM_ARGUMENTS:
            value = step.get(name)
            if isinstance(value, int) and "raw_enum_values" not in requires:
                raise InvalidScenarioError(
                    f"{place}.{name}", "a raw enum value needs 'raw_enum_values'"
                )
        for j, item in enumerate(step.get("items", [])):
            for name in ("activity", "visibility"):
                if isinstance(item.get(name), int) and "raw_enum_values" not in requires:
                    raise InvalidScenarioError(
                        f"{place}.items[{j}].{name}", "a raw enum value needs 'raw_enum_values'"
                    )


def _texts_of(step: dict[str, Any], place: str) -> list[tuple[str, Any]]:
    out = [
        (f"{place}.{k}", step[k])
        for k in ("session", "user", "meta", "transport", "cursor")
        if k in step
    ]
    for j, item in enumerate(step.get("items", [])):
        out.append((f"{place}.items[{j}].session", item.get("session")))
    return out


# --- running -------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value["repeat"]) * int(value["count"])
    return str(value)


def _enum(kind: str, value: Any) -> Any:
    return ENUM_ARGUMENTS[kind][str(value).upper()]


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

    def session(self, s: presence.Session) -> dict[str, Any]:
        """A session in the file's vocabulary."""
        return {
            "id": s.session_id,
            "user": s.user_id,
            "state": str(s.state),
            "reconnecting": s.reconnecting,
            "visible": s.visible,
            "connected": s.connected,
            "confidence": s.confidence,
            "confidence_bucket": str(s.confidence_bucket),
            "last_signal_at": self.rel(s.last_signal_at_ms),
            "last_activity_at": self.rel(s.last_activity_at_ms),
            "since": self.rel(s.since_ms),
            "heartbeat_interval_ms": s.heartbeat_interval_ms,
            "meta": s.meta,
            "transport": s.transport_id,
        }

    def user(self, u: presence.User) -> dict[str, Any]:
        """A user in the file's vocabulary."""
        return {
            "id": u.user_id,
            "state": str(u.state),
            "since": self.rel(u.since_ms),
            "last_seen_at": self.rel(u.last_seen_at_ms),
            "evidence": str(u.last_evidence),
            "session_count": u.session_count,
            "confidence": u.confidence,
            "confidence_bucket": str(u.confidence_bucket),
        }

    def event(self, e: presence.Event) -> dict[str, Any]:
        """An event in the file's vocabulary."""
        return {
            "seq": e.seq,
            # The format names session and user events only (as the native runner does).
            "kind": str(e.kind) if e.kind in _FORMAT_KINDS else "unknown",
            "id": e.id,
            "user": e.user_id,
            "old": str(e.old_state),
            "new": str(e.new_state),
            "at": self.rel(e.at_ms),
            "published_at": self.rel(e.published_at_ms),
            "session_count": e.session_count,
            "confidence": e.confidence,
            "confidence_bucket": str(e.confidence_bucket),
            "last_seen_at": self.rel(e.last_seen_at_ms),
        }

    def run(self, step: dict[str, Any]) -> Outcome:
        """Make the call of one step; a PresenceError becomes its status."""
        outcome = Outcome()
        try:
            outcome.actual = getattr(self, "do_" + step["do"])(step, outcome)
        except presence.PresenceError as error:
            outcome.status = presence.Status(error.status).name
            outcome.message = error.message
        return outcome

    def do_open(self, step: dict[str, Any], _: Outcome) -> dict[str, Any]:
        """The `open` step."""
        result = self.engine.open(
            _text(step["session"]),
            user_id=_text(step["user"]) if "user" in step else None,
            meta=_text(step["meta"]) if "meta" in step else None,
            transport_id=_text(step["transport"]) if "transport" in step else None,
            visibility=_enum("visibility", step.get("visibility", "unknown")),
            now_ms=self.now(step),
        )
        return {
            "continued": result.continued,
            "heartbeat_interval_ms": result.heartbeat_interval_ms,
            "state": str(result.state),
        }

    def do_heartbeat(self, step: dict[str, Any], _: Outcome) -> dict[str, Any]:
        """The `heartbeat` step."""
        interval = self.engine.heartbeat(
            _text(step["session"]),
            _enum("activity", step.get("activity", "unknown")),
            _enum("visibility", step.get("visibility", "unknown")),
            now_ms=self.now(step),
        )
        return {"heartbeat_interval_ms": interval}

    def do_heartbeat_batch(self, step: dict[str, Any], _: Outcome) -> dict[str, Any]:
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

    def do_activity(self, step: dict[str, Any], o: Outcome) -> None:
        """The `activity` step."""
        self.engine.activity(_text(step["session"]), now_ms=self.now(step))

    def do_visibility(self, step: dict[str, Any], o: Outcome) -> None:
        """The `visibility` step."""
        self.engine.visibility(
            _text(step["session"]), _enum("visibility", step["visibility"]), now_ms=self.now(step)
        )

    def do_disconnect(self, step: dict[str, Any], o: Outcome) -> None:
        """The `disconnect` step."""
        self.engine.disconnect(_text(step["session"]), now_ms=self.now(step))

    def do_disconnect_transport(self, step: dict[str, Any], o: Outcome) -> None:
        """The `disconnect_transport` step."""
        self.engine.disconnect_transport(_text(step["transport"]), now_ms=self.now(step))

    def do_leave(self, step: dict[str, Any], o: Outcome) -> None:
        """The `leave` step."""
        self.engine.leave(_text(step["session"]), now_ms=self.now(step))

    def do_identify(self, step: dict[str, Any], o: Outcome) -> None:
        """The `identify` step."""
        self.engine.identify(_text(step["session"]), _text(step["user"]), now_ms=self.now(step))

    def do_advance(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `advance` step."""
        steps = step.get("max_steps", 0)
        return {"more": self.engine.advance(self.now(step), max_steps=steps or None)}

    def do_next_deadline(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `next_deadline` step."""
        return {"deadline": self.rel(self.engine.next_deadline())}

    def do_engine_now(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `engine_now` step."""
        return {"now": self.rel(self.engine.now())}

    def do_get_session(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `get_session` step."""
        return self.session(self.engine.get_session(_text(step["session"]), now_ms=self.now(step)))

    def do_get_user(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `get_user` step."""
        detail = self.engine.get_user(_text(step["user"]), now_ms=self.now(step))
        return {
            "user": self.user(detail.user),
            "sessions": [self.session(s) for s in detail.sessions],
        }

    def do_counts(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `counts` step."""
        counts = self.engine.counts(now_ms=self.now(step))
        return {name: getattr(counts, name) for name in counts.__dataclass_fields__}

    def do_count_seen(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `count_seen` step."""
        return {"users": self.engine.count_seen(step["window_ms"], now_ms=self.now(step))}

    def do_list_users(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `list_users` step."""
        if "cursor_from" in step:
            cursor = self.named[step["cursor_from"]]["cursor"]
        else:
            cursor = _text(step["cursor"]) if "cursor" in step else None
        page = self.engine.list_users(
            _enum("min_state", step["min_state"]),
            cursor=cursor,
            limit=step["limit"],
            now_ms=self.now(step),
        )
        self._save(step, {"cursor": page.next_cursor})
        return {"users": [self.user(u) for u in page.users], "more": page.next_cursor is not None}

    def do_snapshot(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `snapshot` step."""
        snapshot = self.engine.snapshot(now_ms=self.now(step))
        self._save(step, {"seq": snapshot.seq})
        return {
            "seq": snapshot.seq,
            "users": [self.user(u) for u in snapshot.users],
            "sessions": [self.session(s) for s in snapshot.sessions],
        }

    def do_poll_events(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `poll_events` step."""
        after = step.get("after_seq", 0)
        if "after_seq_from" in step:
            after = self.named[step["after_seq_from"]]["seq"]
        batch = self.engine.events_since(after, limit=step.get("max_events", 0) or None)
        self._save(step, {"seq": batch.seq})
        return {"seq": batch.seq, "events": [self.event(e) for e in batch.events]}

    def do_events(self, step: dict[str, Any], o: Outcome) -> list[dict[str, Any]]:
        """The `events` step."""
        batch = self.engine.events_since(self.checkpoint)
        self.checkpoint = batch.seq
        return [self.event(e) for e in batch.events]

    def do_stats(self, step: dict[str, Any], o: Outcome) -> dict[str, Any]:
        """The `stats` step."""
        stats = self.engine.stats()
        return {name: getattr(stats, name) for name in stats.__dataclass_fields__}

    def do_close(self, step: dict[str, Any], o: Outcome) -> None:
        """The `close` step."""
        self.engine.close()

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
        if not isinstance(actual, dict):
            out.append(Mismatch(path, expected, actual))
            return
        for key, value in expected.items():
            compare(value, actual.get(key), f"{path}.{key}", out)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            out.append(Mismatch(path, expected, actual, "lists differ in length"))
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, f"{path}[{i}]", out)
    elif _number(expected) and _number(actual) and not isinstance(expected, int):
        if abs(expected - actual) > 1e-9:
            out.append(Mismatch(path, expected, actual))
    elif (type(expected) is not type(actual) or expected != actual) and not (
        _number(expected) and _number(actual) and expected == actual
    ):
        out.append(Mismatch(path, expected, actual))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def judge(promise: dict[str, Any], fails_field: str, outcome: Outcome, path: str) -> list[Mismatch]:
    """What a step (or the creation) promised, against what happened."""
    fails_path = f"{path}.{fails_field}"
    if fails_field in promise:
        fails = promise[fails_field]
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
    if outcome.status != "OK":
        return [Mismatch(path, "OK", outcome.status, outcome.message)]
    if "expect" not in promise:
        return []
    expected = promise["expect"]
    if promise.get("do") == "counts":
        expected = {**dict.fromkeys(outcome.actual, 0), **expected}
    out: list[Mismatch] = []
    compare(expected, outcome.actual, f"{path}.expect", out)
    return out


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
            print(f"FAIL {file}\n  $.known_failure: the scenario passes, so the mark must go")
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
