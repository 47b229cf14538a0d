"""Bad input: a clear, typed error, never a crash, a leak or lost state."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

import pytest
from conftest import t

import presence
from presence import Activity, Availability, State, Status, TargetKind, Visibility

# Every public method of Engine called with valid arguments.
CALLS: dict[str, Callable[[presence.Engine], Any]] = {
    "open": lambda e: e.open("s", now_ms=t(0)),
    "heartbeat": lambda e: e.heartbeat("s", now_ms=t(0)),
    "heartbeat_many": lambda e: e.heartbeat_many(["s"], now_ms=t(0)),
    "activity": lambda e: e.activity("s", now_ms=t(0)),
    "visibility": lambda e: e.visibility("s", Visibility.HIDDEN, now_ms=t(0)),
    "disconnect": lambda e: e.disconnect("s", now_ms=t(0)),
    "disconnect_transport": lambda e: e.disconnect_transport("tr", now_ms=t(0)),
    "leave": lambda e: e.leave("s", now_ms=t(0)),
    "identify": lambda e: e.identify("s", "u", now_ms=t(0)),
    "now": lambda e: e.now(),
    "advance": lambda e: e.advance(t(0)),
    "next_deadline": lambda e: e.next_deadline(),
    "start_ticker": lambda e: e.start_ticker(100),
    "stop_ticker": lambda e: e.stop_ticker(),
    "counts": lambda e: e.counts(now_ms=t(0)),
    "count_seen": lambda e: e.count_seen(1000, now_ms=t(0)),
    "list_users": lambda e: e.list_users(now_ms=t(0)),
    "iter_users": lambda e: list(e.iter_users(now_ms=t(0))),
    "get_user": lambda e: e.get_user("u", now_ms=t(0)),
    "get_session": lambda e: e.get_session("s", now_ms=t(0)),
    "snapshot": lambda e: e.snapshot(now_ms=t(0)),
    "events_since": lambda e: e.events_since(0),
    "cursor": lambda e: e.cursor(),
    "stream": lambda e: e.stream(),
    "stats": lambda e: e.stats(),
    "event_fd": lambda e: e.event_fd(),
    "set_event_callback": lambda e: e.set_event_callback(print),
    "release_event_fd": lambda e: e.release_event_fd(3),
    "config": lambda e: e.config(),
    "reader": lambda e: e.reader(),
    "join_room": lambda e: e.join_room("s", "r", now_ms=t(0)),
    "leave_room": lambda e: e.leave_room("s", "r", now_ms=t(0)),
    "set_room_count_only": lambda e: e.set_room_count_only("r", True, 1000, now_ms=t(0)),
    "get_room": lambda e: e.get_room("r", now_ms=t(0)),
    "list_rooms": lambda e: e.list_rooms(now_ms=t(0)),
    "iter_rooms": lambda e: list(e.iter_rooms(now_ms=t(0))),
    "list_members": lambda e: e.list_members("r", now_ms=t(0)),
    "iter_members": lambda e: list(e.iter_members("r", now_ms=t(0))),
    "user_rooms": lambda e: e.user_rooms("u", now_ms=t(0)),
    "room_metrics": lambda e: e.room_metrics("r", now_ms=t(0)),
    "set_availability": lambda e: e.set_availability("u", Availability.BUSY, now_ms=t(0)),
    "readiness": lambda e: e.readiness(TargetKind.USER, "u", now_ms=t(0)),
    "open_intent": lambda e: e.open_intent(
        "u", TargetKind.USER, "v", kind="call", ttl_ms=1000, now_ms=t(0)
    ),
    "cancel_intent": lambda e: e.cancel_intent("i", now_ms=t(0)),
    "intents_to": lambda e: e.intents_to(TargetKind.USER, "u", now_ms=t(0)),
    "intents_from": lambda e: e.intents_from("u", now_ms=t(0)),
    "subscribe": lambda e: e.subscribe("sub", TargetKind.ROOM, "r"),
    "unsubscribe": lambda e: e.unsubscribe("sub", TargetKind.ROOM, "r"),
    "unsubscribe_all": lambda e: e.unsubscribe_all("sub"),
    "fanout": lambda e: e.fanout(0),
    "prometheus": lambda e: e.prometheus(now_ms=t(0)),
    "take_replicas": lambda e: e.take_replicas(),
    "export_replicas": lambda e: e.export_replicas(now_ms=t(0)),
    "iter_replicas": lambda e: list(e.iter_replicas(now_ms=t(0))),
    "apply_replicas": lambda e: e.apply_replicas([], now_ms=t(0)),
    "node_seen": lambda e: e.node_seen("n2", t(0)),
    "save": lambda e: e.save("/nonexistent-presence-dir/presence.snapshot", now_ms=t(0)),
}
# Not engine calls: they work on a closed engine too (restore() makes a new engine).
LIFETIME = {"close", "closed", "event_callback", "restore"}


def test_the_table_covers_every_public_method() -> None:
    public = {name for name in dir(presence.Engine) if not name.startswith("_")}
    assert public - LIFETIME == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_method_raises_closed_error_after_close(engine: presence.Engine, name: str) -> None:
    engine.open("s", user_id="u", transport_id="tr", now_ms=t(0))
    engine.close()
    assert engine.closed
    with pytest.raises(presence.ClosedError) as caught:
        CALLS[name](engine)
    assert caught.value.status is Status.CLOSED
    assert "closed" in caught.value.message


def test_close_is_idempotent_and_the_context_manager_closes(engine: presence.Engine) -> None:
    engine.close()
    engine.close()
    with presence.Engine() as other:
        other.open("s")
    assert other.closed
    assert repr(other) == "<presence.Engine closed>"


# --- text arguments -----------------------------------------------------------

# (call with the text argument `x`, whether None is allowed)
TEXT_ARGUMENTS: dict[str, tuple[Callable[[presence.Engine, Any], Any], bool]] = {
    "open.session_id": (lambda e, x: e.open(x, now_ms=t(1)), False),
    "open.user_id": (lambda e, x: e.open("new", user_id=x, now_ms=t(1)), True),
    "open.transport_id": (lambda e, x: e.open("new", transport_id=x, now_ms=t(1)), True),
    "heartbeat.session_id": (lambda e, x: e.heartbeat(x, now_ms=t(1)), False),
    "activity.session_id": (lambda e, x: e.activity(x, now_ms=t(1)), False),
    "visibility.session_id": (lambda e, x: e.visibility(x, 1, now_ms=t(1)), False),
    "disconnect.session_id": (lambda e, x: e.disconnect(x, now_ms=t(1)), False),
    "disconnect_transport.transport_id": (
        lambda e, x: e.disconnect_transport(x, now_ms=t(1)),
        False,
    ),
    "leave.session_id": (lambda e, x: e.leave(x, now_ms=t(1)), False),
    "identify.session_id": (lambda e, x: e.identify(x, "u", now_ms=t(1)), False),
    "identify.user_id": (lambda e, x: e.identify("s", x, now_ms=t(1)), False),
    "get_user.user_id": (lambda e, x: e.get_user(x, now_ms=t(1)), False),
    "get_session.session_id": (lambda e, x: e.get_session(x, now_ms=t(1)), False),
}
IDS = sorted(TEXT_ARGUMENTS)


def assert_unchanged(engine: presence.Engine, before: presence.Counts) -> None:
    assert engine.counts() == before
    assert engine.get_session("s").last_signal_at_ms == t(0)


@pytest.fixture
def populated(engine: presence.Engine) -> tuple[presence.Engine, presence.Counts]:
    engine.open("s", now_ms=t(0))
    return engine, engine.counts()


@pytest.mark.parametrize("argument", IDS)
@pytest.mark.parametrize("value", [42, b"s", 1.5, ["s"], object()])
def test_text_of_the_wrong_type_is_a_type_error(
    populated: tuple[presence.Engine, presence.Counts], argument: str, value: object
) -> None:
    engine, before = populated
    with pytest.raises(TypeError, match="must be str"):
        TEXT_ARGUMENTS[argument][0](engine, value)
    assert_unchanged(engine, before)


@pytest.mark.parametrize("argument", [a for a in IDS if not TEXT_ARGUMENTS[a][1]])
def test_none_for_required_text_is_a_type_error(
    populated: tuple[presence.Engine, presence.Counts], argument: str
) -> None:
    engine, before = populated
    with pytest.raises(TypeError, match="must be str, not NoneType"):
        TEXT_ARGUMENTS[argument][0](engine, None)
    assert_unchanged(engine, before)


@pytest.mark.parametrize("argument", IDS)
@pytest.mark.parametrize("value", ["bad\ud800", "\udfff", "ok\udc80ok"])
def test_lone_surrogates_are_invalid_arguments(
    populated: tuple[presence.Engine, presence.Counts], argument: str, value: str
) -> None:
    engine, before = populated
    with pytest.raises(presence.InvalidArgumentError, match="lone surrogate") as caught:
        TEXT_ARGUMENTS[argument][0](engine, value)
    assert isinstance(caught.value, ValueError)
    assert caught.value.status is Status.INVALID_ARGUMENT
    assert_unchanged(engine, before)


@pytest.mark.parametrize("argument", IDS)
@pytest.mark.parametrize("value", ["", "x" * 129, "é" * 65])
def test_empty_and_oversized_ids_are_invalid_arguments(
    populated: tuple[presence.Engine, presence.Counts], argument: str, value: str
) -> None:
    engine, before = populated
    with pytest.raises(presence.InvalidArgumentError, match=r"empty|limit is 128"):
        TEXT_ARGUMENTS[argument][0](engine, value)
    assert_unchanged(engine, before)


def test_ids_are_any_unicode_text(engine: presence.Engine) -> None:
    engine.open("tab-🙂-é", user_id="Ünïcødé 用户", meta="{}", now_ms=t(0))
    assert engine.get_session("tab-🙂-é").user_id == "Ünïcødé 用户"
    assert engine.open("x" * 128, now_ms=t(0)).continued is False  # the limit itself is fine


def test_metadata_text_and_limits(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(max_meta_bytes=8)
    engine.open("s", meta="", now_ms=t(0))
    assert engine.get_session("s").meta == ""
    engine.open("s", meta="12345678", now_ms=t(0))
    for bad, error in [
        ("123456789", presence.InvalidArgumentError),
        ("\ud800", presence.InvalidArgumentError),
        (b"{}", TypeError),
        (7, TypeError),
    ]:
        with pytest.raises(error):
            engine.open("s", meta=bad, now_ms=t(0))
    assert engine.get_session("s").meta == "12345678"


def test_list_users_cursor_is_checked(engine: presence.Engine) -> None:
    for bad, error in [
        (7, TypeError),
        ("\ud800", presence.InvalidArgumentError),
        ("x" * 129, presence.InvalidArgumentError),
    ]:
        with pytest.raises(error):
            engine.list_users(cursor=bad)
    assert engine.list_users(cursor="").users == ()


# --- times and numbers -------------------------------------------------------

TIMED: dict[str, Callable[[presence.Engine, Any], Any]] = {
    "open": lambda e, x: e.open("s", now_ms=x),
    "heartbeat": lambda e, x: e.heartbeat("s", now_ms=x),
    "heartbeat_many": lambda e, x: e.heartbeat_many(["s"], now_ms=x),
    "activity": lambda e, x: e.activity("s", now_ms=x),
    "visibility": lambda e, x: e.visibility("s", Visibility.HIDDEN, now_ms=x),
    "disconnect": lambda e, x: e.disconnect("s", now_ms=x),
    "disconnect_transport": lambda e, x: e.disconnect_transport("tr", now_ms=x),
    "leave": lambda e, x: e.leave("s", now_ms=x),
    "identify": lambda e, x: e.identify("s", "u", now_ms=x),
    "advance": lambda e, x: e.advance(x),
    "counts": lambda e, x: e.counts(now_ms=x),
    "count_seen": lambda e, x: e.count_seen(1000, now_ms=x),
    "list_users": lambda e, x: e.list_users(now_ms=x),
    "get_user": lambda e, x: e.get_user("u", now_ms=x),
    "get_session": lambda e, x: e.get_session("s", now_ms=x),
    "snapshot": lambda e, x: e.snapshot(now_ms=x),
}


@pytest.fixture
def timed(engine: presence.Engine) -> presence.Engine:
    engine.open("s", user_id="u", transport_id="tr", now_ms=t(0))
    return engine


@pytest.mark.parametrize("name", sorted(TIMED))
@pytest.mark.parametrize("value", [-1, -(2**70), 2**53 + 1, 2**63, 2**100])
def test_negative_and_huge_times_are_invalid(timed: presence.Engine, name: str, value: int) -> None:
    with pytest.raises(presence.InvalidArgumentError, match="now_ms"):
        TIMED[name](timed, value)
    assert timed.now() == t(0)
    assert timed.get_session("s").state is State.ACTIVE


@pytest.mark.parametrize("name", sorted(TIMED))
@pytest.mark.parametrize("value", [1.5, "1700000000000", True, [1]])
def test_times_of_the_wrong_type_are_type_errors(
    timed: presence.Engine, name: str, value: object
) -> None:
    with pytest.raises(TypeError, match="now_ms must be int"):
        TIMED[name](timed, value)


class Millis:
    """An int-like (as numpy integers are): accepted through __index__."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_int_like_times_are_accepted(timed: presence.Engine) -> None:
    timed.heartbeat("s", now_ms=Millis(t(1)))  # type: ignore[arg-type]
    assert timed.now() == t(1)


def test_time_going_backwards_is_treated_as_the_latest(timed: presence.Engine) -> None:
    timed.advance(t(10))
    timed.heartbeat("s", now_ms=t(5))
    assert timed.now() == t(10)
    assert timed.get_session("s").last_signal_at_ms == t(10)
    timed.heartbeat("s", now_ms=0)  # the epoch itself: far in the past, still fine
    assert timed.get_session("s").last_signal_at_ms == t(10)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda e: e.count_seen(-1), presence.InvalidArgumentError),
        (lambda e: e.count_seen(1.0), TypeError),
        (lambda e: e.list_users(limit=0), presence.InvalidArgumentError),
        (lambda e: e.list_users(limit=10_001), presence.InvalidArgumentError),
        (lambda e: e.list_users(limit="5"), TypeError),
        (lambda e: e.events_since(-1), presence.InvalidArgumentError),
        (lambda e: e.events_since(2**64), presence.InvalidArgumentError),
        (lambda e: e.events_since(None), TypeError),
        (lambda e: e.events_since(0, limit=0), presence.InvalidArgumentError),
        (lambda e: e.advance(max_steps=0), presence.InvalidArgumentError),
        (lambda e: e.advance(max_steps=True), TypeError),
        (lambda e: e.start_ticker(None), TypeError),
        (lambda e: e.cursor(5), presence.InvalidArgumentError),
        (lambda e: e.cursor("0"), TypeError),
    ],
)
def test_bad_numbers(
    engine: presence.Engine, call: Callable[[presence.Engine], Any], error: type
) -> None:
    with pytest.raises(error):
        call(engine)


# --- enums -------------------------------------------------------------------

ENUM_ARGUMENTS: dict[str, Callable[[presence.Engine, Any], Any]] = {
    "heartbeat.activity": lambda e, x: e.heartbeat("s", x, now_ms=t(1)),
    "heartbeat.visibility": lambda e, x: e.heartbeat("s", visibility=x, now_ms=t(1)),
    "heartbeat_many.activity": lambda e, x: e.heartbeat_many(["s"], x, now_ms=t(1)),
    "heartbeat_many.visibility": lambda e, x: e.heartbeat_many(["s"], visibility=x, now_ms=t(1)),
    "open.visibility": lambda e, x: e.open("s", visibility=x, now_ms=t(1)),
    "visibility.visibility": lambda e, x: e.visibility("s", x, now_ms=t(1)),
    "list_users.min_state": lambda e, x: e.list_users(x),
}


@pytest.mark.parametrize("argument", sorted(ENUM_ARGUMENTS))
@pytest.mark.parametrize("value", [-1, 5, 99, 2**40, 2**70])
def test_unknown_enum_values_are_invalid_arguments(
    populated: tuple[presence.Engine, presence.Counts], argument: str, value: int
) -> None:
    engine, before = populated
    with pytest.raises(presence.InvalidArgumentError, match="is not a valid"):
        ENUM_ARGUMENTS[argument](engine, value)
    assert_unchanged(engine, before)


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        (argument, value)
        for argument in sorted(ENUM_ARGUMENTS)
        for value in ["active", 1.0, True, None, State.ACTIVE, Status.OK]
        if not (argument == "list_users.min_state" and value is State.ACTIVE)
    ],
)
def test_enum_arguments_of_the_wrong_type_are_type_errors(
    populated: tuple[presence.Engine, presence.Counts], argument: str, value: object
) -> None:
    engine, before = populated
    with pytest.raises(TypeError):
        ENUM_ARGUMENTS[argument](engine, value)
    assert_unchanged(engine, before)


# --- calls and configuration ---------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda e: e.heartbeat(), "missing required argument 'session_id'"),
        (lambda e: e.heartbeat("s", 1, 1, t(1)), "takes at most 3 positional arguments"),
        (lambda e: e.heartbeat("s", session_id="s"), "multiple values for argument 'session_id'"),
        (lambda e: e.heartbeat("s", when=1), "unexpected keyword argument 'when'"),
        (lambda e: e.open("s", "u"), "takes at most 1 positional arguments"),
        (lambda e: e.visibility("s"), "missing required argument 'visibility'"),
        (lambda e: e.identify("s"), "missing required argument 'user_id'"),
    ],
)
def test_bad_calls_are_type_errors_worded_as_python_does(
    engine: presence.Engine, call: Callable[[presence.Engine], Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        call(engine)


CONFIG_FIELDS = sorted(presence.DEFAULT_CONFIG)


def test_config_fields_are_the_engines_with_its_defaults() -> None:
    assert dataclasses.asdict(presence.Config()) == presence.DEFAULT_CONFIG
    assert presence.Engine().config() == presence.Config()
    assert presence.Engine(presence.Config(idle_after_ms=1_000), away_after_ms=5_000).config() == (
        presence.Config(idle_after_ms=1_000, away_after_ms=5_000)
    )
    with pytest.raises(TypeError, match=r"presence\.Config"):
        presence.Engine({"idle_after_ms": 1})  # type: ignore[arg-type]


def _fields_of(kind: type) -> list[str]:
    return sorted(n for n, v in presence.DEFAULT_CONFIG.items() if type(v) is kind)


INT_FIELDS = _fields_of(int)
FLOAT_FIELDS = _fields_of(float)


@pytest.mark.parametrize("field", INT_FIELDS)
@pytest.mark.parametrize("value", [1.5, "10", None, True])
def test_an_int_setting_of_the_wrong_type_is_a_type_error(field: str, value: object) -> None:
    with pytest.raises(TypeError, match=field):
        presence.Engine(**{field: value})


@pytest.mark.parametrize("field", FLOAT_FIELDS)
@pytest.mark.parametrize("value", ["0.5", None, True])
def test_a_fraction_of_the_wrong_type_is_a_type_error(field: str, value: object) -> None:
    with pytest.raises(TypeError, match=field):
        presence.Engine(**{field: value})


@pytest.mark.parametrize("field", FLOAT_FIELDS)
@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan"), float("inf")])
def test_a_fraction_out_of_range_is_invalid(field: str, value: float) -> None:
    with pytest.raises(presence.InvalidArgumentError, match=field):
        presence.Engine(**{field: value})


@pytest.mark.parametrize("field", INT_FIELDS)
@pytest.mark.parametrize("value", [-1, 2**64, -(2**64)])
def test_configuration_out_of_range_is_invalid(field: str, value: int) -> None:
    with pytest.raises(presence.InvalidArgumentError):
        presence.Engine(**{field: value})


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (1, TypeError),
        (b"n1", TypeError),
        ("", presence.InvalidArgumentError),
        ("n\ud800", presence.InvalidArgumentError),
        ("n" * 2000, presence.InvalidArgumentError),
    ],
)
def test_a_bad_node_id_is_refused(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="node_id"):
        presence.Engine(node_id=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1, None, "yes"])
def test_require_resume_token_must_be_a_bool(value: object) -> None:
    with pytest.raises(TypeError, match="require_resume_token"):
        presence.Engine(require_resume_token=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "config",
    [
        {"idle_after_ms": 300_000, "away_after_ms": 300_000},
        {"heartbeat_active_ms": 40_000},
        {"session_ttl_ms": 60_000},
        {"max_id_bytes": 0},
        {"max_id_bytes": 2_000},
        {"idle_after_ms": 0},
    ],
)
def test_inconsistent_configuration_is_invalid(config: dict[str, int]) -> None:
    with pytest.raises(presence.InvalidArgumentError):
        presence.Engine(**config)


def test_unknown_configuration_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        presence.Engine(idle_after=5)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        presence.Engine(60_000)  # type: ignore[misc]


def test_a_bad_tick_interval_leaves_no_engine_running() -> None:
    with pytest.raises(presence.InvalidArgumentError):
        presence.Engine(tick_interval_ms=0)


# --- the hierarchy -------------------------------------------------------------

ERRORS = {
    Status.INVALID_ARGUMENT: presence.InvalidArgumentError,
    Status.NOT_FOUND: presence.NotFoundError,
    Status.CONFLICT: presence.ConflictError,
    Status.LIMIT_EXCEEDED: presence.LimitExceededError,
    Status.TOO_FAR_BEHIND: presence.TooFarBehindError,
    Status.CLOSED: presence.ClosedError,
    Status.OUT_OF_MEMORY: presence.OutOfMemoryError,
    Status.UNSUPPORTED: presence.UnsupportedError,
    Status.INTERNAL: presence.InternalError,
}


@pytest.mark.parametrize(("status", "cls"), sorted(ERRORS.items()))
def test_one_exception_class_per_status(status: Status, cls: type[presence.PresenceError]) -> None:
    error = cls("what happened")
    assert isinstance(error, presence.PresenceError)
    assert (error.status, error.message, str(error)) == (status, "what happened", "what happened")
    assert cls.__doc__


def test_builtin_bases_and_unknown_statuses() -> None:
    assert issubclass(presence.InvalidArgumentError, ValueError)
    assert issubclass(presence.NotFoundError, LookupError)
    assert issubclass(presence.OutOfMemoryError, MemoryError)
    assert presence.PresenceError("newer", 42).status == 42
    assert presence.PresenceError("x", 2).status is Status.NOT_FOUND


def test_not_found_carries_the_engine_message(engine: presence.Engine) -> None:
    with pytest.raises(presence.NotFoundError) as caught:
        engine.heartbeat("ghost", now_ms=t(0))
    assert caught.value.message == "no live session 'ghost'"
    assert caught.value.status is Status.NOT_FOUND


def test_activity_hint_values_are_the_c_values() -> None:
    assert [int(a) for a in Activity] == [0, 1, 2]
