"""Reads: counts, totals, user lists, one user, one session, snapshot, stats, time."""

from __future__ import annotations

import pytest
from conftest import NO_DEBOUNCE, t

import presence
from presence import Evidence, State, Visibility


def populate(engine: presence.Engine) -> None:
    """ann: two tabs, one hidden (away); bob: idle; a guest; cat left."""
    engine.open("ann-1", user_id="ann", now_ms=t(0))
    engine.open("ann-2", user_id="ann", visibility=Visibility.HIDDEN, now_ms=t(0))
    engine.open("bob-1", user_id="bob", now_ms=t(0))
    engine.open("guest-1", now_ms=t(0))
    engine.open("cat-1", user_id="cat", now_ms=t(0))
    engine.leave("cat-1", now_ms=t(1))
    for second in (15, 30, 45, 60):
        engine.heartbeat_many(["ann-2", "bob-1", "guest-1"], now_ms=t(second))
        engine.heartbeat("ann-1", presence.Activity.ACTIVE, now_ms=t(second))


def test_counts_by_state_and_concurrency(engine: presence.Engine) -> None:
    populate(engine)
    counts = engine.counts(now_ms=t(61))
    assert counts == presence.Counts(
        sessions_active=1,
        sessions_idle=2,  # bob-1 and guest-1: no interaction for 60 s
        sessions_away=1,
        sessions_stale=0,
        sessions_reconnecting=0,
        sessions_alive=4,
        guest_sessions=1,
        users_active=1,
        users_idle=1,
        users_away=0,
        users_stale=0,
        users_offline=1,
        users_alive=2,
        users_invisible=0,
        sessions_invisible=0,
        rooms=0,
    )


def test_count_seen_counts_distinct_users_within_a_window(engine: presence.Engine) -> None:
    populate(engine)
    assert engine.count_seen(60_000, now_ms=t(61)) == 3  # ann, bob and cat (left at 1 s)
    assert engine.count_seen(10_000, now_ms=t(61)) == 2
    assert engine.count_seen(0, now_ms=t(61)) == 0


def test_list_users_pages_in_id_order_with_a_cursor(engine: presence.Engine) -> None:
    for i in range(7):
        engine.open(f"s{i}", user_id=f"user-{i}", now_ms=t(0))
    first = engine.list_users(limit=3)
    assert [u.user_id for u in first.users] == ["user-0", "user-1", "user-2"]
    assert first.next_cursor == "user-2"
    second = engine.list_users(cursor=first.next_cursor, limit=3)
    assert [u.user_id for u in second.users] == ["user-3", "user-4", "user-5"]
    last = engine.list_users(cursor=second.next_cursor, limit=3)
    assert [u.user_id for u in last.users] == ["user-6"]
    assert last.next_cursor is None
    assert [u.user_id for u in engine.iter_users(page_size=2)] == [f"user-{i}" for i in range(7)]


def test_list_users_filters_by_minimum_state(engine: presence.Engine) -> None:
    populate(engine)
    at = t(61)
    assert [u.user_id for u in engine.list_users(State.ACTIVE, now_ms=at).users] == ["ann"]
    assert [u.user_id for u in engine.list_users(State.IDLE, now_ms=at).users] == ["ann", "bob"]
    everyone = engine.list_users(State.OFFLINE, now_ms=at).users
    assert [(u.user_id, u.state) for u in everyone] == [
        ("ann", State.ACTIVE),
        ("bob", State.IDLE),
        ("cat", State.OFFLINE),
    ]
    assert [u.user_id for u in engine.iter_users(State.OFFLINE, now_ms=at)] == ["ann", "bob", "cat"]


def test_get_user_derives_from_its_sessions(engine: presence.Engine) -> None:
    populate(engine)
    detail = engine.get_user("ann", now_ms=t(61))
    user = detail.user
    assert user.user_id == "ann"
    assert user.state is State.ACTIVE  # the active tab wins over the hidden one
    assert user.session_count == 2
    assert user.last_seen_at_ms == t(60)
    assert user.last_evidence in (Evidence.HEARTBEAT, Evidence.ACTIVITY)
    assert user.confidence_bucket is presence.ConfidenceBucket.HIGH
    assert [(s.session_id, s.state) for s in detail.sessions] == [
        ("ann-1", State.ACTIVE),
        ("ann-2", State.AWAY),
    ]


def test_get_user_remembers_offline_users(engine: presence.Engine) -> None:
    populate(engine)
    cat = engine.get_user("cat", now_ms=t(61))
    assert (cat.user.state, cat.user.session_count, cat.sessions) == (State.OFFLINE, 0, ())
    assert cat.user.last_seen_at_ms == t(1)
    assert cat.user.last_evidence is Evidence.LEAVE
    with pytest.raises(presence.NotFoundError):
        engine.get_user("nobody")


def test_confidence_decays_with_silence(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(0))
    fresh = engine.get_session("tab-1", now_ms=t(1))
    late = engine.get_session("tab-1", now_ms=t(24))
    stale = engine.get_session("tab-1", now_ms=t(60))
    assert fresh.confidence == 1.0
    assert 0.0 < stale.confidence < late.confidence <= fresh.confidence
    assert stale.state is State.STALE
    assert stale.confidence_bucket is presence.ConfidenceBucket.LOW


def test_snapshot_shows_the_published_view_and_its_seq(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(**{**NO_DEBOUNCE, "debounce_active_ms": 1_000})
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    unpublished = engine.snapshot(now_ms=t(0.5))
    assert (unpublished.seq, unpublished.users, unpublished.sessions) == (0, (), ())
    published = engine.snapshot(now_ms=t(1))
    assert published.seq == engine.stats().last_seq > 0
    assert [u.user_id for u in published.users] == ["ann"]
    assert [s.session_id for s in published.sessions] == ["tab-1"]


def test_stats_count_records_signals_and_events(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.heartbeat("tab-1", now_ms=t(1))
    stats = engine.stats()
    assert (stats.session_records, stats.user_records, stats.signals) == (1, 1, 2)
    assert stats.events_published == stats.last_seq == len(engine.events_since(0).events) >= 2
    assert stats.oldest_seq == 1
    assert stats.transitions >= 1
    assert stats.pending_timers > 0
    assert stats.limit_rejections == 0


def test_time_now_advance_and_next_deadline(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine()
    assert engine.next_deadline() is None
    engine.open("tab-1", now_ms=t(0))
    deadline = engine.next_deadline()
    assert deadline is not None
    assert t(0) < deadline <= t(60)
    assert engine.now() == t(0)
    assert engine.advance(t(30)) is False
    assert engine.now() == t(30)


def test_advance_in_bounded_steps(engine: presence.Engine) -> None:
    for i in range(20):
        engine.open(f"s{i}", now_ms=t(0))
    assert engine.advance(t(200), max_steps=1) is True  # many timers due, one run
    while engine.advance(t(200), max_steps=5):
        pass
    assert engine.counts().sessions_alive == 0
    assert engine.now() == t(200)


def test_catch_up_per_call_can_be_bounded(make_engine) -> None:  # type: ignore[no-untyped-def]
    for bound, more_due in ((0, False), (1, True)):
        engine = make_engine(max_catch_up_steps=bound)
        for i in range(20):
            engine.open(f"s{i}", now_ms=t(0))
        engine.open("late", now_ms=t(200))  # every other session is past its TTL by then
        assert engine.advance(t(200), max_steps=1) is more_due
        assert engine.get_session("late").state is State.ACTIVE


def test_true_state_is_the_state_of_a_visible_user(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    for second in (15, 30, 45, 60):
        engine.heartbeat("tab-1", now_ms=t(second))
    session = engine.get_session("tab-1", now_ms=t(61))
    user = engine.get_user("ann").user
    assert (session.state, session.true_state) == (State.IDLE, State.IDLE)
    assert (user.state, user.true_state) == (State.IDLE, State.IDLE)
