"""Events: polling, cursors, falling behind, debounce, the event callback and the ticker."""

from __future__ import annotations

import os
import threading
import time

import pytest
from conftest import NO_DEBOUNCE, declared, t

import presence
from presence import EventKind, State


def test_events_since_reads_published_changes_in_order(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    batch = engine.events_since(0)
    assert batch.seq == batch.events[-1].seq == engine.stats().last_seq
    session_event, user_event = declared(batch.events)
    assert session_event == presence.SessionEvent(
        seq=1,
        kind=EventKind.SESSION,
        at_ms=t(0),
        published_at_ms=t(0),
        id="tab-1",
        user_id="ann",
        old_state=State.OFFLINE,
        new_state=State.ACTIVE,
        confidence=1.0,
        confidence_bucket=presence.ConfidenceBucket.HIGH,
        last_seen_at_ms=t(0),
    )
    assert isinstance(user_event, presence.UserEvent)
    assert (user_event.kind, user_event.id) == (EventKind.USER, "ann")
    assert user_event.session_count == 1
    assert engine.events_since(batch.seq) == presence.EventBatch(events=(), seq=batch.seq)


def test_events_since_limit_and_positions(engine: presence.Engine) -> None:
    engine.open("a", user_id="ann", now_ms=t(0))
    engine.open("b", user_id="bob", now_ms=t(0))
    first = engine.events_since(0, limit=3)
    assert [e.seq for e in first.events] == [1, 2, 3]
    rest = engine.events_since(first.seq)
    assert [e.seq for e in rest.events] == list(range(4, engine.stats().last_seq + 1))
    assert rest.seq == engine.stats().last_seq
    with pytest.raises(presence.InvalidArgumentError):
        engine.events_since(99)  # ahead of the newest event


def test_heartbeats_publish_nothing(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    seq = engine.events_since(0).seq
    for second in range(1, 30):
        engine.heartbeat("tab-1", presence.Activity.ACTIVE, now_ms=t(second))
    assert engine.events_since(seq).events == ()


def test_a_change_reverted_inside_the_debounce_publishes_nothing(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(debounce_away_ms=2_000, debounce_active_ms=500)
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.advance(t(1))
    seq = engine.events_since(0).seq
    engine.visibility("tab-1", presence.Visibility.HIDDEN, now_ms=t(2))
    engine.advance(t(12.5))  # away at 12 s, not yet published
    engine.visibility("tab-1", presence.Visibility.VISIBLE, now_ms=t(13))
    engine.advance(t(30))
    assert engine.events_since(seq).events == ()


def test_falling_behind_raises_too_far_behind(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(event_buffer_capacity=4, **NO_DEBOUNCE)
    for i in range(5):
        engine.open(f"s{i}", user_id=f"u{i}", now_ms=t(0))
    with pytest.raises(presence.TooFarBehindError) as caught:
        engine.events_since(0)
    assert caught.value.status is presence.Status.TOO_FAR_BEHIND
    snapshot = engine.snapshot()
    assert len(snapshot.users) == 5
    assert engine.events_since(snapshot.seq).events == ()


def test_cursor_keeps_its_own_place(engine: presence.Engine) -> None:
    first, second = engine.cursor(), engine.cursor()
    engine.open("a", user_id="ann", now_ms=t(0))
    assert [e.id for e in declared(first)] == ["a", "ann"]
    assert list(first) == []  # caught up
    engine.open("b", user_id="bob", now_ms=t(1))
    assert [e.id for e in declared(first)] == ["b", "bob"]
    assert [e.id for e in second.poll(limit=1)] == ["a"]
    assert second.seq == 1
    assert [e.id for e in declared(second)] == ["ann", "b", "bob"]
    assert first.seq == second.seq == engine.stats().last_seq


def test_cursor_breaking_out_loses_nothing(engine: presence.Engine) -> None:
    cursor = engine.cursor()
    engine.open("a", user_id="ann", now_ms=t(0))
    for event in cursor:
        assert event.id == "a"
        break
    assert [e.id for e in declared(cursor)] == ["ann"]


def test_callback_runs_after_publication_with_the_last_seq(engine: presence.Engine) -> None:
    calls: list[tuple[int, int]] = []
    engine.set_event_callback(lambda seq: calls.append((seq, threading.get_ident())))
    engine.heartbeat_many([], now_ms=t(0))
    assert calls == []
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    assert calls == [(engine.stats().last_seq, threading.get_ident())]
    engine.heartbeat("tab-1", now_ms=t(1))
    assert len(calls) == 1  # heartbeats publish nothing
    assert engine.event_callback is not None
    engine.set_event_callback(None)
    assert engine.event_callback is None
    engine.leave("tab-1", now_ms=t(2))
    assert len(calls) == 1


def test_callback_exceptions_go_to_the_unraisable_hook(engine: presence.Engine) -> None:
    def fail(seq: int) -> None:
        raise ValueError(f"boom {seq}")

    engine.set_event_callback(fail)
    from test.support import catch_unraisable_exception  # type: ignore[import-not-found]

    with catch_unraisable_exception() as caught:
        engine.open("tab-1", now_ms=t(0))
        assert isinstance(caught.unraisable.exc_value, ValueError)
        assert str(caught.unraisable.exc_value) == "boom 1"
    assert engine.get_session("tab-1").state is State.ACTIVE  # the signal still applied


def test_callback_may_call_the_engine_but_not_close_it(engine: presence.Engine) -> None:
    seen: list[object] = []

    def on_events(seq: int) -> None:
        seen.append(engine.events_since(seq - 1).events[0].id)
        for forbidden in (engine.close, engine.stop_ticker, lambda: engine.start_ticker(10)):
            try:
                forbidden()
            except RuntimeError as error:
                seen.append(str(error))

    engine.set_event_callback(on_events)
    engine.open("tab-1", now_ms=t(0))
    assert seen == [
        "tab-1",
        "close() cannot be called from the engine's own event callback",
        "stop_ticker() cannot be called from the engine's own event callback",
        "start_ticker() cannot be called from the engine's own event callback",
    ]
    assert not engine.closed


def test_callback_must_be_callable(engine: presence.Engine) -> None:
    with pytest.raises(TypeError):
        engine.set_event_callback(42)  # type: ignore[arg-type]


def test_ticker_publishes_time_driven_events_on_its_own_thread(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(debounce_active_ms=50, tick_interval_ms=5)
    published = threading.Event()
    threads: list[int] = []

    def on_events(seq: int) -> None:
        threads.append(threading.get_ident())
        published.set()

    engine.set_event_callback(on_events)
    engine.open("tab-1", user_id="ann")  # published by the ticker once debounced
    assert published.wait(5)
    assert threads[0] != threading.get_ident()
    events = declared(engine.events_since(0).events)
    assert [e.new_state for e in events] == [State.ACTIVE, State.ACTIVE]
    engine.stop_ticker()
    engine.stop_ticker()  # idempotent


def test_start_ticker_validates_its_period(engine: presence.Engine) -> None:
    for bad in (0, 60_001, -5):
        with pytest.raises(presence.InvalidArgumentError):
            engine.start_ticker(bad)
    with pytest.raises(TypeError):
        engine.start_ticker(1.5)  # type: ignore[arg-type]
    engine.start_ticker(60_000)
    engine.start_ticker(1_000)  # replaces the running one


def test_event_fd_becomes_readable_on_publication(engine: presence.Engine) -> None:
    fd, other = engine.event_fd(), engine.event_fd()
    assert fd != other  # one per consumer: reading one consumes only its wake-up
    for each in (fd, other):
        os.set_blocking(each, False)
        with pytest.raises(BlockingIOError):
            os.read(each, 8)
    engine.open("tab-1", now_ms=t(0))
    assert int.from_bytes(os.read(fd, 8), "little") >= 1
    assert int.from_bytes(os.read(other, 8), "little") >= 1
    engine.release_event_fd(other)
    with pytest.raises(presence.InvalidArgumentError):
        engine.release_event_fd(other)  # no longer the engine's
    with pytest.raises(presence.InvalidArgumentError):
        engine.release_event_fd(0)
    with pytest.raises(TypeError):
        engine.release_event_fd("3")  # type: ignore[arg-type]


def test_engine_collected_inside_its_own_callback_on_the_ticker_thread() -> None:
    # The garbage collector may free an engine from inside its own callback on
    # the ticker thread; destroying it there would join the running thread.
    done = threading.Event()

    class Holder:
        def __init__(self) -> None:
            self.engine = presence.Engine(debounce_active_ms=20, tick_interval_ms=2)
            self.engine.set_event_callback(self.on_events)  # a reference cycle

        def on_events(self, seq: int) -> None:
            holder = self
            holder.engine = None  # type: ignore[assignment]
            done.set()

    holder = Holder()
    holder.engine.open("tab-1")
    del holder
    assert done.wait(5)
    time.sleep(0.05)  # the engine is destroyed on a thread of its own
