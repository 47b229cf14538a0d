"""Signals: open, heartbeat, activity, visibility, disconnect, leave, identify."""

from __future__ import annotations

import pytest
from conftest import t

import presence
from presence import Activity, State, Visibility


def test_open_starts_an_active_session_told_the_active_interval(engine: presence.Engine) -> None:
    result = engine.open("tab-1", user_id="ann", now_ms=t(0))
    assert result == presence.OpenResult(
        continued=False,
        heartbeat_interval_ms=15_000,
        state=State.ACTIVE,
        resume_token=result.resume_token,
    )
    assert len(result.resume_token) > 0
    session = engine.get_session("tab-1")
    assert session.user_id == "ann"
    assert session.state is State.ACTIVE
    assert session.last_signal_at_ms == t(0)
    assert session.last_activity_at_ms == t(0)
    assert not session.is_guest


def test_open_keeps_metadata_transport_and_initial_visibility(engine: presence.Engine) -> None:
    engine.open(
        "tab-1",
        user_id="ann",
        meta='{"device":"phone"}',
        transport_id="socket-9",
        visibility=Visibility.HIDDEN,
        now_ms=t(0),
    )
    session = engine.get_session("tab-1")
    assert session.meta == '{"device":"phone"}'
    assert session.transport_id == "socket-9"
    assert session.visible is False
    assert session.heartbeat_interval_ms == 60_000


def test_open_again_while_alive_continues_the_session(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.advance(t(70))  # idle after 60 s without interaction
    result = engine.open("tab-1", user_id="ann", now_ms=t(71))
    assert result.continued is True
    assert result.state is State.IDLE  # a reconnect is not activity


def test_heartbeat_interval_adapts_to_activity_and_visibility(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    assert engine.heartbeat("tab-1", Activity.ACTIVE, now_ms=t(10)) == 15_000
    assert engine.heartbeat("tab-1", Activity.IDLE, Visibility.HIDDEN, now_ms=t(20)) == 60_000
    assert engine.heartbeat("tab-1", visibility=Visibility.VISIBLE, now_ms=t(30)) == 15_000
    for second in (45, 60, 75):
        assert engine.heartbeat("tab-1", now_ms=t(second)) == 15_000
    # Becoming visible at 30 s was the last interaction: idle from 90 s.
    assert engine.heartbeat("tab-1", now_ms=t(90)) == 30_000
    assert engine.get_session("tab-1").state is State.IDLE


def test_plain_ints_are_accepted_for_enum_arguments(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(0), visibility=2)
    assert engine.heartbeat("tab-1", 1, 2, now_ms=t(1)) == 60_000


def test_heartbeats_keep_a_session_alive_and_silence_makes_it_stale(
    engine: presence.Engine,
) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    for second in range(15, 120, 15):
        engine.heartbeat("tab-1", Activity.ACTIVE, now_ms=t(second))
    assert engine.get_session("tab-1", now_ms=t(120)).state is State.ACTIVE
    # Told 15 s, granted 10 s more: stale 25 s after the last heartbeat.
    assert engine.get_session("tab-1", now_ms=t(129)).state is State.ACTIVE
    assert engine.get_session("tab-1", now_ms=t(130)).state is State.STALE


def test_activity_resets_the_idle_timer(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(0))
    engine.heartbeat("tab-1", now_ms=t(15))
    engine.activity("tab-1", now_ms=t(50))
    engine.heartbeat("tab-1", now_ms=t(65))
    assert engine.get_session("tab-1", now_ms=t(70)).state is State.ACTIVE
    engine.heartbeat("tab-1", now_ms=t(80))
    engine.heartbeat("tab-1", now_ms=t(95))
    assert engine.get_session("tab-1", now_ms=t(109)).state is State.ACTIVE
    assert engine.get_session("tab-1", now_ms=t(110)).state is State.IDLE


def test_hidden_past_the_blur_tolerance_is_away(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(0))
    engine.visibility("tab-1", Visibility.HIDDEN, now_ms=t(1))
    assert engine.get_session("tab-1", now_ms=t(10)).state is State.ACTIVE  # blur tolerated
    assert engine.get_session("tab-1", now_ms=t(11)).state is State.AWAY
    engine.visibility("tab-1", Visibility.VISIBLE, now_ms=t(12))
    assert engine.get_session("tab-1").state is State.ACTIVE


def test_visibility_unknown_is_refused(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(0))
    with pytest.raises(presence.InvalidArgumentError):
        engine.visibility("tab-1", Visibility.UNKNOWN, now_ms=t(1))


def test_disconnect_holds_the_state_through_the_grace_window(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.disconnect("tab-1", now_ms=t(5))
    held = engine.get_session("tab-1", now_ms=t(20))
    assert (held.state, held.reconnecting, held.connected) == (State.ACTIVE, True, False)
    assert engine.get_session("tab-1", now_ms=t(36)).state is State.STALE
    assert engine.open("tab-1", user_id="ann", now_ms=t(40)).continued is True
    assert engine.get_session("tab-1").reconnecting is False


def test_silence_past_the_ttl_is_offline_and_the_id_starts_anew(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.advance(t(121))
    with pytest.raises(presence.NotFoundError):
        engine.get_session("tab-1")
    assert engine.open("tab-1", user_id="ann", now_ms=t(122)).continued is False


def test_disconnect_transport_finds_the_bound_session(engine: presence.Engine) -> None:
    engine.open("tab-1", transport_id="socket-1", now_ms=t(0))
    engine.open("tab-1", transport_id="socket-2", now_ms=t(1))  # reconnected on a new socket
    with pytest.raises(presence.NotFoundError):
        engine.disconnect_transport("socket-1", now_ms=t(2))  # a late close of the old one
    assert engine.get_session("tab-1").connected is True
    engine.disconnect_transport("socket-2", now_ms=t(3))
    assert engine.get_session("tab-1").connected is False


def test_leave_is_offline_now(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.leave("tab-1", now_ms=t(1))
    with pytest.raises(presence.NotFoundError):
        engine.heartbeat("tab-1", now_ms=t(2))
    assert engine.get_user("ann").user.state is State.OFFLINE


def test_identify_turns_a_guest_into_a_user(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(0))
    assert engine.get_session("tab-1").is_guest
    assert engine.counts().guest_sessions == 1
    engine.identify("tab-1", "ann", now_ms=t(1))
    assert engine.get_session("tab-1").user_id == "ann"
    assert engine.counts().guest_sessions == 0
    engine.identify("tab-1", "ann", now_ms=t(2))  # the same user: a no-op
    with pytest.raises(presence.ConflictError):
        engine.identify("tab-1", "bob", now_ms=t(3))


def test_a_live_session_cannot_change_user(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    with pytest.raises(presence.ConflictError) as caught:
        engine.open("tab-1", user_id="bob", now_ms=t(1))
    assert caught.value.status is presence.Status.CONFLICT
    assert engine.get_session("tab-1").user_id == "ann"


def test_limits_are_enforced_and_counted(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(max_sessions_per_user=2, max_sessions=3)
    engine.open("a", user_id="ann", now_ms=t(0))
    engine.open("b", user_id="ann", now_ms=t(0))
    with pytest.raises(presence.LimitExceededError):
        engine.open("c", user_id="ann", now_ms=t(0))
    engine.open("c", user_id="bob", now_ms=t(0))
    with pytest.raises(presence.LimitExceededError):
        engine.open("d", now_ms=t(0))
    assert engine.stats().limit_rejections == 2
    assert engine.counts().sessions_alive == 3


def test_times_older_than_the_latest_are_treated_as_the_latest(engine: presence.Engine) -> None:
    engine.open("tab-1", now_ms=t(100))
    engine.heartbeat("tab-1", now_ms=t(50))  # backwards: accepted as t(100)
    assert engine.now() == t(100)
    assert engine.get_session("tab-1").last_signal_at_ms == t(100)


def test_now_ms_none_uses_the_engine_clock(engine: presence.Engine) -> None:
    import time

    before = int(time.time() * 1000)
    engine.open("tab-1")
    after = int(time.time() * 1000)
    assert before <= engine.get_session("tab-1").last_signal_at_ms <= after
