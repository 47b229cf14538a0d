"""Coordination: rooms, members, metrics, availability, the call gate, intents, fan-out, readers."""

from __future__ import annotations

import pytest
from conftest import NO_DEBOUNCE, t

import presence
from presence import Availability, EventKind, GateReason, IntentState, State, TargetKind


@pytest.fixture
def room(make_engine) -> presence.Engine:  # type: ignore[no-untyped-def]
    """ann and bob, each with one tab, both in room 'standup' at t(0)."""
    engine: presence.Engine = make_engine(**NO_DEBOUNCE)
    for tab, user in (("tab-1", "ann"), ("tab-2", "bob")):
        engine.open(tab, user_id=user, now_ms=t(0))
        engine.join_room(tab, "standup", now_ms=t(0))
    return engine


def test_a_room_counts_its_members_and_pages_them_by_id(room: presence.Engine) -> None:
    info = room.get_room("standup", now_ms=t(0))
    assert (info.room_id, info.created_at_ms, info.guests, info.arriving) == ("standup", t(0), 0, 2)
    assert info.members == presence.StateCounts(active=2, idle=0, away=0, stale=0)
    assert (info.ready, info.readiness, info.count_only) == (True, 1.0, False)
    page = room.list_members("standup", limit=1, now_ms=t(0))
    assert [m.member_id for m in page.members] == ["ann"]
    assert [m.member_id for m in room.iter_members("standup", page_size=1, now_ms=t(0))] == [
        "ann",
        "bob",
    ]
    assert [r.room_id for r in room.user_rooms("ann", now_ms=t(0))] == ["standup"]
    assert [r.room_id for r in room.iter_rooms(now_ms=t(0))] == ["standup"]
    assert room.list_rooms(now_ms=t(0)).next_cursor is None


def test_leaving_a_room_publishes_a_member_event_and_feeds_the_metrics(
    room: presence.Engine,
) -> None:
    room.leave_room("tab-2", "standup", now_ms=t(1))
    events = [e for e in room.events_since(0).events if isinstance(e, presence.MemberEvent)]
    assert [(e.id, e.room_id, e.old_state, e.new_state) for e in events] == [
        ("ann", "standup", State.OFFLINE, State.ACTIVE),
        ("bob", "standup", State.OFFLINE, State.ACTIVE),
        ("bob", "standup", State.ACTIVE, State.OFFLINE),
    ]
    metrics = room.room_metrics("standup", now_ms=t(1))
    assert (metrics.joins, metrics.leaves, metrics.drop_offs, metrics.peak_members) == (2, 1, 0, 2)
    assert len(metrics.dwell) == len(metrics.bucket_upper_ms) + 1
    assert metrics.dwell[0] == 1  # bob stayed one second
    assert metrics.curve[-1] == presence.CurvePoint(at_ms=t(1), score=0.75)  # 1 of quorum 2
    with pytest.raises(presence.NotFoundError):
        room.leave_room("tab-2", "standup", now_ms=t(1))


def test_a_count_only_room_needs_an_interval(room: presence.Engine) -> None:
    with pytest.raises(presence.InvalidArgumentError, match="interval_ms"):
        room.set_room_count_only("standup", True, now_ms=t(0))
    room.set_room_count_only("standup", True, 1_000, now_ms=t(0))
    info = room.get_room("standup", now_ms=t(0))
    assert (info.count_only, info.occupancy_interval_ms) == (True, 1_000)


def test_the_call_gate_follows_availability(room: presence.Engine) -> None:
    gate = room.readiness(TargetKind.USER, "ann", now_ms=t(0))
    assert gate == presence.Readiness(
        score=1.0,
        ready=True,
        can_call=True,
        reason=GateReason.READY,
        state=State.ACTIVE,
        availability=Availability.AVAILABLE,
    )
    room.set_availability("ann", Availability.BUSY, now_ms=t(0))
    assert room.readiness(TargetKind.USER, "ann", now_ms=t(0)).score == 0.5
    room.set_availability("ann", Availability.DO_NOT_DISTURB, now_ms=t(0))
    gate = room.readiness(TargetKind.USER, "ann", now_ms=t(0))
    assert (gate.can_call, gate.availability) == (False, Availability.DO_NOT_DISTURB)
    assert gate.reason is not GateReason.READY
    kinds = {e.kind for e in room.events_since(0).events}
    assert EventKind.AVAILABILITY in kinds


def test_an_intent_to_a_reachable_user_is_ready_at_once(room: presence.Engine) -> None:
    intent = room.open_intent(
        "bob", TargetKind.USER, "ann", kind="call", ttl_ms=60_000, now_ms=t(0)
    )
    assert (intent.from_id, intent.target_id, intent.kind) == ("bob", "ann", "call")
    assert (intent.state, intent.expires_at_ms) == (IntentState.READY, t(60))
    assert room.intents_to(TargetKind.USER, "ann", now_ms=t(0)) == ()
    with pytest.raises(presence.NotFoundError):
        room.cancel_intent(intent.intent_id, now_ms=t(0))


def test_an_intent_to_an_unreachable_user_waits_and_can_be_cancelled(
    room: presence.Engine,
) -> None:
    room.set_availability("ann", Availability.DO_NOT_DISTURB, now_ms=t(0))
    intent = room.open_intent(
        "bob", TargetKind.USER, "ann", kind="call", ttl_ms=60_000, now_ms=t(0)
    )
    assert intent.state is IntentState.PENDING
    assert room.intents_to(TargetKind.USER, "ann", now_ms=t(0)) == (intent,)
    assert room.intents_from("bob", now_ms=t(0)) == (intent,)
    room.cancel_intent(intent.intent_id, now_ms=t(1))
    assert room.intents_from("bob", now_ms=t(1)) == ()
    last = room.events_since(0).events[-1]
    assert isinstance(last, presence.IntentEvent)
    assert (last.id, last.state, last.intent_kind) == (
        intent.intent_id,
        IntentState.CANCELLED,
        "call",
    )


def test_fanout_delivers_to_each_subscriber_what_it_asked_for(room: presence.Engine) -> None:
    room.subscribe("sock-1", TargetKind.ROOM, "standup")
    room.subscribe("sock-2", TargetKind.USER, "bob")
    fanout = room.fanout(0)
    assert fanout.seq == room.stats().last_seq
    delivered = {d.subscriber_id: [e.seq for e in d.events] for d in fanout.deliveries}
    assert set(delivered) == {"sock-1", "sock-2"}
    to_bob = next(d for d in fanout.deliveries if d.subscriber_id == "sock-2").events
    assert to_bob
    assert {e.id for e in to_bob} <= {"bob", "tab-2"}  # bob and his session only
    room.unsubscribe("sock-2", TargetKind.USER, "bob")
    room.unsubscribe_all("sock-1")
    assert room.fanout(0).deliveries == ()


def test_prometheus_is_text_with_the_rooms_lines(room: presence.Engine) -> None:
    text = room.prometheus(now_ms=t(0))
    assert 'presence_sessions{state="active"} 2' in text.splitlines()
    assert "standup" in room.prometheus("standup", now_ms=t(0))


def test_a_room_reader_shows_only_visible_members_and_keeps_its_engine(
    room: presence.Engine,
) -> None:
    room.set_availability("bob", Availability.INVISIBLE, now_ms=t(0))
    with room.reader("standup") as reader:
        assert [m.member_id for m in reader.list_members(now_ms=t(0)).members] == ["ann"]
        assert reader.counts(now_ms=t(0)).users_alive == 1
        assert reader.engine is room
    assert reader.closed
    with pytest.raises(presence.ClosedError):
        reader.counts(now_ms=t(0))
    engine_reader = room.reader()
    assert engine_reader.get_user("bob", now_ms=t(0)).user.state is State.OFFLINE
    room.close()
    with pytest.raises(presence.ClosedError):
        engine_reader.counts(now_ms=t(0))


def test_a_continuation_from_another_transport_needs_the_resume_token(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(require_resume_token=True)
    token = engine.open("tab-1", user_id="ann", transport_id="ws-1", now_ms=t(0)).resume_token
    assert engine.config().require_resume_token is True
    with pytest.raises(presence.DeniedError) as caught:
        engine.open("tab-1", user_id="ann", transport_id="ws-2", now_ms=t(1))
    assert caught.value.status is presence.Status.DENIED
    result = engine.open(
        "tab-1", user_id="ann", transport_id="ws-2", resume_token=token, now_ms=t(1)
    )
    assert result.continued


def test_replication_records_move_between_nodes(make_engine) -> None:  # type: ignore[no-untyped-def]
    first = make_engine(node_id="n1")
    second = make_engine(node_id="n2")
    first.open("tab-1", user_id="ann", now_ms=t(0))
    records = first.take_replicas()
    assert [(r.session_id, r.user_id, r.node_id) for r in records] == [("tab-1", "ann", "n1")]
    assert [r.session_id for r in first.iter_replicas(now_ms=t(0))] == ["tab-1"]
    assert second.apply_replicas(records, now_ms=t(0)) == ()
    assert second.get_session("tab-1", now_ms=t(0)).node_id == "n1"
    second.node_seen("n1", t(0))
    assert second.config().node_id == "n2"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda e: e.join_room("tab-1", ""), presence.InvalidArgumentError),
        (lambda e: e.join_room("tab-1", "r\ud800"), presence.InvalidArgumentError),
        (lambda e: e.join_room("tab-1", "r" * 2000), presence.InvalidArgumentError),
        (lambda e: e.join_room("tab-1", None), TypeError),
        (lambda e: e.join_room("nobody", "r"), presence.NotFoundError),
        (lambda e: e.get_room("missing"), presence.NotFoundError),
        (lambda e: e.readiness(9, "ann"), presence.InvalidArgumentError),
        (lambda e: e.readiness("user", "ann"), TypeError),
        (lambda e: e.set_availability("ann", 42), presence.InvalidArgumentError),
        (
            lambda e: e.set_availability("ann", Availability.BUSY, now_ms=-1),
            presence.InvalidArgumentError,
        ),
        (
            lambda e: e.open_intent("bob", TargetKind.USER, "ann", kind="", ttl_ms=1),
            presence.InvalidArgumentError,
        ),
        (
            lambda e: e.open_intent("bob", TargetKind.USER, "ann", kind="c", ttl_ms=2**70),
            presence.InvalidArgumentError,
        ),
        (lambda e: e.subscribe("s", TargetKind.ROOM, b"r"), TypeError),
        (lambda e: e.fanout(-1), presence.InvalidArgumentError),
        (lambda e: e.list_members("standup", limit=0), presence.InvalidArgumentError),
        (lambda e: e.apply_replicas([object()]), TypeError),
    ],
)
def test_bad_coordination_input_is_a_typed_error(room: presence.Engine, call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        call(room)
