"""heartbeat_many: the batch hot path."""

from __future__ import annotations

from array import array

import pytest
from conftest import t

import presence
from presence import Activity, State, Status, Visibility


def open_sessions(engine: presence.Engine, count: int) -> list[str]:
    ids = [f"session-{i:04d}" for i in range(count)]
    for i, session_id in enumerate(ids):
        engine.open(session_id, user_id=f"user-{i // 2}", now_ms=t(0))
    return ids


def test_every_item_is_applied_with_its_interval(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 10)
    result = engine.heartbeat_many(ids, now_ms=t(10))
    assert result.ok
    assert result.failures == ()
    assert result.intervals_ms == array("q", [15_000] * 10)
    assert all(engine.get_session(i).last_signal_at_ms == t(10) for i in ids)


def test_items_carry_their_own_hints(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 3)
    result = engine.heartbeat_many(
        [ids[0], (ids[1], Activity.IDLE, Visibility.HIDDEN), (ids[2], Activity.ACTIVE)],
        Activity.ACTIVE,
        now_ms=t(10),
    )
    assert list(result.intervals_ms) == [15_000, 60_000, 15_000]
    assert engine.get_session(ids[1]).visible is False


def test_the_call_hints_apply_to_plain_ids(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 2)
    result = engine.heartbeat_many(ids, visibility=Visibility.HIDDEN, now_ms=t(10))
    assert list(result.intervals_ms) == [60_000, 60_000]


def test_a_bad_item_fails_alone(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 3)
    result = engine.heartbeat_many([ids[0], "ghost", "", "x" * 500, ids[2]], now_ms=t(10))
    assert not result.ok
    assert result.failures == (
        (1, Status.NOT_FOUND),
        (2, Status.INVALID_ARGUMENT),
        (3, Status.INVALID_ARGUMENT),
    )
    assert list(result.intervals_ms) == [15_000, 0, 0, 0, 15_000]
    assert engine.get_session(ids[2]).last_signal_at_ms == t(10)


def test_any_iterable_and_empty_batches(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 4)
    assert engine.heartbeat_many(iter(ids), now_ms=t(1)).ok
    assert engine.heartbeat_many(tuple(ids), now_ms=t(2)).ok
    assert engine.heartbeat_many((i for i in ids), now_ms=t(3)).ok
    empty = engine.heartbeat_many([], now_ms=t(4))
    assert (len(empty.intervals_ms), empty.failures) == (0, ())


@pytest.mark.parametrize(
    ("items", "error", "message"),
    [
        (["ok", 7], TypeError, "items[1]: session_id must be str, not int"),
        (["ok", None], TypeError, "items[1]: session_id must be str, not NoneType"),
        ([b"bytes"], TypeError, "items[0]: session_id must be str, not bytes"),
        ([("ok",)], TypeError, "items[0]: must be a session id or"),
        ([("ok", 1, 1, 1)], TypeError, "items[0]: must be a session id or"),
        ([("ok", "active")], TypeError, "items[0]: activity must be Activity or int, not str"),
        (["ok", "bad\ud800"], presence.InvalidArgumentError, "items[1]: session_id is not valid"),
        ("session-1", TypeError, "not a single str"),
        (None, TypeError, "not iterable"),
        (42, TypeError, "not iterable"),
    ],
)
def test_invalid_arguments_raise_before_anything_is_applied(
    engine: presence.Engine, items: object, error: type[Exception], message: str
) -> None:
    engine.open("ok", now_ms=t(0))
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        engine.heartbeat_many(items, now_ms=t(10))  # type: ignore[arg-type]
    assert engine.get_session("ok").last_signal_at_ms == t(0)


def test_an_unknown_enum_value_fails_its_item_alone(engine: presence.Engine) -> None:
    engine.open("ok", now_ms=t(0))
    engine.open("other", now_ms=t(0))
    batch = engine.heartbeat_many([("ok", 9), ("other", 1, 2**70)], now_ms=t(10))
    assert batch.failures == ((0, Status.INVALID_ARGUMENT), (1, Status.INVALID_ARGUMENT))
    assert engine.get_session("ok").last_signal_at_ms == t(0)
    batch = engine.heartbeat_many([("ok", 9), "other"], now_ms=t(10))
    assert batch.failures == ((0, Status.INVALID_ARGUMENT),)
    assert engine.get_session("other").last_signal_at_ms == t(10)


def test_a_bad_time_fails_the_whole_batch(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 2)
    with pytest.raises(presence.InvalidArgumentError):
        engine.heartbeat_many(ids, now_ms=-1)
    with pytest.raises(presence.InvalidArgumentError):
        engine.heartbeat_many(ids, now_ms=2**60)
    assert engine.get_session(ids[0]).last_signal_at_ms == t(0)


def test_batch_keeps_sessions_alive_like_single_heartbeats(engine: presence.Engine) -> None:
    ids = open_sessions(engine, 50)
    for second in range(15, 301, 15):
        assert engine.heartbeat_many(ids, now_ms=t(second)).ok
    counts = engine.counts()
    assert counts.sessions_alive == 50
    assert counts.sessions_away == 50  # no interaction for 5 minutes
    assert engine.get_session(ids[7]).state is State.AWAY
