// Coordination: rooms, members, availability, readiness, intents, fan-out,
// count-only rooms and room metrics.
#include <algorithm>
#include <numeric>

#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

class CoordinationTest : public EngineTest {
 protected:
  void join(const std::string& session, const std::string& room, Millis now) {
    Status status = e().join_room(session, room, now);
    ASSERT_TRUE(status.is_ok()) << status.message();
  }

  RoomView room(const std::string& id, Millis now) {
    RoomView view;
    Status status = e().get_room(id, now, &view);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return view;
  }

  std::vector<std::string> member_ids(const std::string& room_id, Millis now,
                                      State min_state = State::kStale) {
    MemberPage page;
    Status status = e().list_members(room_id, min_state, "", 100, now, &page);
    EXPECT_TRUE(status.is_ok()) << status.message();
    std::vector<std::string> ids;
    for (const MemberView& m : page.members) ids.push_back(m.id);
    return ids;
  }

  std::vector<EventRecord> events_of(EventKind kind) {
    std::vector<EventRecord> out;
    for (EventRecord& ev : new_events_of_any_kind()) {
      if (ev.kind == kind) out.push_back(std::move(ev));
    }
    return out;
  }

  ReadinessView readiness(TargetKind kind, const std::string& id, Millis now) {
    ReadinessView view;
    Status status = e().readiness(kind, id, now, &view);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return view;
  }
};

Config debounced() {
  Config c = test_config();
  c.debounce = {2'000, 2'000, 2'000, 2'000, 500};
  return c;
}

TEST_F(CoordinationTest, MembersDeriveFromSessionsAndAreAnnouncedOnce) {
  open("ann-laptop", "ann", t(0));
  open("ann-phone", "ann", t(0));
  open("bob-tab", "bob", t(0));
  new_events_of_any_kind();
  join("ann-laptop", "standup", t(1));
  join("ann-phone", "standup", t(1));
  join("bob-tab", "standup", t(2));
  const std::vector<EventRecord> joined = events_of(EventKind::kMember);
  ASSERT_EQ(joined.size(), 2U);  // one per person, not per session
  EXPECT_EQ(joined[0].id, "ann");
  EXPECT_EQ(*joined[0].room_id, "standup");
  EXPECT_EQ(joined[0].old_state, State::kOffline);
  EXPECT_EQ(joined[0].new_state, State::kActive);
  const RoomView view = room("standup", t(3));
  EXPECT_EQ(view.members[index_of(State::kActive)], 2U);
  EXPECT_EQ(view.sessions[index_of(State::kActive)], 3U);
  EXPECT_EQ(view.density, 2U);
  EXPECT_EQ(member_ids("standup", t(3)), (std::vector<std::string>{"ann", "bob"}));
  // One of ann's two sessions leaving the room is not ann leaving.
  ASSERT_TRUE(e().leave_room("ann-phone", "standup", t(4)).is_ok());
  EXPECT_TRUE(events_of(EventKind::kMember).empty());
  ASSERT_TRUE(e().leave_room("ann-laptop", "standup", t(5)).is_ok());
  const std::vector<EventRecord> left = events_of(EventKind::kMember);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].new_state, State::kOffline);
  EXPECT_EQ(left[0].old_state, State::kActive);
  EXPECT_EQ(member_ids("standup", t(5)), (std::vector<std::string>{"bob"}));
  // Joining twice is a no-op; leaving a room one is not in is NOT_FOUND.
  join("bob-tab", "standup", t(6));
  EXPECT_EQ(room("standup", t(6)).sessions[index_of(State::kActive)], 1U);
  EXPECT_EQ(e().leave_room("ann-laptop", "standup", t(6)).code(), Code::kNotFound);
}

TEST_F(CoordinationTest, AMemberStateIsItsBestSessionInTheRoom) {
  open("laptop", "ann", t(0));
  open("phone", "ann", t(0), Visibility::kHidden);
  join("phone", "r", t(0));
  EXPECT_EQ(room("r", t(20)).members[index_of(State::kAway)], 1U);  // hidden past the blur
  join("laptop", "r", t(20));
  const RoomView view = room("r", t(20));
  EXPECT_EQ(view.members[index_of(State::kActive)], 1U);
  EXPECT_EQ(view.members[index_of(State::kAway)], 0U);
  EXPECT_EQ(view.sessions[index_of(State::kAway)], 1U);
}

TEST_F(CoordinationTest, ADisconnectInsideTheGraceIsNeitherALeaveNorAJoin) {
  open("tab", "ann", t(0));
  join("tab", "r", t(0));
  new_events_of_any_kind();
  ASSERT_TRUE(e().disconnect("tab", t(5)).is_ok());
  open("tab", "ann", t(20));  // reconnects on a new transport: memberships continue
  beat("tab", t(21), Activity::kActive);
  EXPECT_TRUE(events_of(EventKind::kMember).empty());
  EXPECT_EQ(member_ids("r", t(22)), (std::vector<std::string>{"ann"}));
}

TEST_F(CoordinationTest, ASessionThatEndsDropsOffItsRooms) {
  open("tab", "ann", t(0));
  join("tab", "r", t(0));
  new_events_of_any_kind();
  ASSERT_TRUE(e().disconnect("tab", t(5)).is_ok());
  advance_to(t(200));  // past the TTL
  const std::vector<EventRecord> left = events_of(EventKind::kMember);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].at, t(120));
  EXPECT_EQ(left[0].old_state, State::kStale);
  RoomMetricsView metrics;
  ASSERT_TRUE(e().room_metrics("r", t(200), &metrics).is_ok());
  EXPECT_EQ(metrics.joins, 1U);
  EXPECT_EQ(metrics.drop_offs, 1U);
  EXPECT_EQ(metrics.leaves, 0U);
  EXPECT_EQ(std::accumulate(metrics.dwell.begin(), metrics.dwell.end(), 0U), 1U);
  // The room persists, empty.
  EXPECT_EQ(room("r", t(200)).members[index_of(State::kActive)], 0U);
}

TEST_F(CoordinationTest, LeavingAndRejoiningInsideTheDebounceAnnouncesNothing) {
  make(debounced());
  open("tab", "ann", t(0));
  join("tab", "r", t(0));
  advance_to(t(1));
  ASSERT_EQ(events_of(EventKind::kMember).size(), 1U);
  ASSERT_TRUE(e().leave_room("tab", "r", t(2)).is_ok());
  join("tab", "r", t(3));
  advance_to(t(10));
  EXPECT_TRUE(events_of(EventKind::kMember).empty());
  MemberPage page;
  ASSERT_TRUE(e().list_members("r", State::kStale, "", 10, t(10), &page).is_ok());
  ASSERT_EQ(page.members.size(), 1U);
  EXPECT_EQ(page.members[0].joined_at, t(0));  // the stay continues
}

TEST_F(CoordinationTest, GuestsTakePartAndKeepTheirHistoryWhenIdentified) {
  open("guest-tab", "", t(0));
  join("guest-tab", "lobby", t(10));
  RoomView view = room("lobby", t(11));
  EXPECT_EQ(view.guests, 1U);
  MemberPage page;
  ASSERT_TRUE(e().list_members("lobby", State::kStale, "", 10, t(11), &page).is_ok());
  ASSERT_EQ(page.members.size(), 1U);
  EXPECT_TRUE(page.members[0].guest);
  EXPECT_EQ(page.members[0].id, "guest-tab");
  new_events_of_any_kind();
  ASSERT_TRUE(e().identify("guest-tab", "ann", t(30)).is_ok());
  ASSERT_TRUE(e().list_members("lobby", State::kStale, "", 10, t(30), &page).is_ok());
  ASSERT_EQ(page.members.size(), 1U);
  EXPECT_FALSE(page.members[0].guest);
  EXPECT_EQ(page.members[0].id, "ann");
  EXPECT_EQ(page.members[0].joined_at, t(10));
  EXPECT_EQ(room("lobby", t(30)).guests, 0U);
  std::vector<RoomView> rooms;
  ASSERT_TRUE(e().user_rooms("ann", t(30), &rooms).is_ok());
  ASSERT_EQ(rooms.size(), 1U);
  EXPECT_EQ(rooms[0].id, "lobby");
  // Identification is not a leave and a join in the metrics.
  advance_to(t(40));
  RoomMetricsView metrics;
  ASSERT_TRUE(e().room_metrics("lobby", t(40), &metrics).is_ok());
  EXPECT_EQ(metrics.joins, 1U);
  EXPECT_EQ(metrics.leaves, 0U);
}

TEST_F(CoordinationTest, ArrivingMembersAndMomentum) {
  open("a", "ann", t(0));
  join("a", "r", t(0));
  open("b", "bob", t(50));
  join("b", "r", t(50));
  RoomView view = room("r", t(55));
  EXPECT_EQ(view.arriving, 2U);
  EXPECT_GT(view.arrivals_per_minute, 0.0);
  EXPECT_EQ(view.departures_per_minute, 0.0);
  view = room("r", t(61));  // ann joined 61 s ago: no longer arriving
  EXPECT_EQ(view.arriving, 1U);
  ASSERT_TRUE(e().leave_room("b", "r", t(62)).is_ok());
  view = room("r", t(62));
  EXPECT_EQ(view.arriving, 0U);
  EXPECT_GT(view.departures_per_minute, 0.0);
}

TEST_F(CoordinationTest, RoomPagesAndMemberPagesUseStableCursors) {
  for (const char* name : {"d", "b", "c", "a", "e"}) {
    open(name, name, t(0));
    join(name, "big", t(0));
    join(name, std::string("room-") + name, t(0));
  }
  MemberPage page;
  ASSERT_TRUE(e().list_members("big", State::kStale, "", 2, t(1), &page).is_ok());
  ASSERT_EQ(page.members.size(), 2U);
  EXPECT_EQ(page.members[1].id, "b");
  ASSERT_TRUE(e().list_members("big", State::kStale, page.next_cursor, 10, t(1), &page).is_ok());
  ASSERT_EQ(page.members.size(), 3U);
  EXPECT_EQ(page.members[0].id, "c");
  EXPECT_EQ(page.next_cursor, "");
  EXPECT_EQ(e().list_members("big", State::kStale, "x-bad", 10, t(1), &page).code(),
            Code::kInvalidArgument);
  RoomPage rooms;
  ASSERT_TRUE(e().list_rooms("", 3, t(1), &rooms).is_ok());
  ASSERT_EQ(rooms.rooms.size(), 3U);
  EXPECT_EQ(rooms.rooms[0].id, "big");
  ASSERT_TRUE(e().list_rooms(rooms.next_cursor, 10, t(1), &rooms).is_ok());
  EXPECT_EQ(rooms.rooms.size(), 3U);
  EXPECT_EQ(counts(t(1)).rooms, 6U);
}

TEST_F(CoordinationTest, InvisibleUsersAreShownOfflineButTheServerKnows) {
  open("tab", "ann", t(0));
  join("tab", "r", t(0));
  new_events_of_any_kind();
  ASSERT_TRUE(e().set_availability("ann", Availability::kInvisible, t(5)).is_ok());
  const UserView ann = user("ann", t(6));
  EXPECT_EQ(ann.state, State::kOffline);
  EXPECT_EQ(ann.session_count, 0U);
  EXPECT_EQ(ann.true_state, State::kActive);
  EXPECT_EQ(ann.true_availability, Availability::kInvisible);
  EXPECT_EQ(ann.availability, Availability::kAvailable);
  const Counts c = counts(t(6));
  EXPECT_EQ(c.users_alive, 0U);
  EXPECT_EQ(c.users_invisible, 1U);
  EXPECT_EQ(c.sessions_alive, 0U);
  EXPECT_TRUE(member_ids("r", t(6)).empty());
  EXPECT_EQ(room("r", t(6)).members[index_of(State::kActive)], 0U);
  UserPage page;
  ASSERT_TRUE(e().list_users(State::kStale, "", 10, t(6), &page).is_ok());
  EXPECT_TRUE(page.users.empty());
  // Readers were told ann went offline, and nothing about invisibility.
  std::vector<EventRecord> events = new_events_of_any_kind();
  bool user_offline = false;
  for (const EventRecord& ev : events) {
    EXPECT_NE(ev.kind, EventKind::kAvailability);
    if (ev.kind == EventKind::kUser) user_offline = ev.new_state == State::kOffline;
  }
  EXPECT_TRUE(user_offline);
  // Back to visible: everything reappears.
  ASSERT_TRUE(e().set_availability("ann", Availability::kAvailable, t(8)).is_ok());
  EXPECT_EQ(user_state("ann", t(8)), State::kActive);
  EXPECT_EQ(member_ids("r", t(8)), (std::vector<std::string>{"ann"}));
  EXPECT_EQ(counts(t(8)).users_invisible, 0U);
}

TEST_F(CoordinationTest, ReadinessAndTheCallGate) {
  open("tab", "ann", t(0));
  ReadinessView gate = readiness(TargetKind::kUser, "ann", t(1));
  EXPECT_TRUE(gate.ready);
  EXPECT_TRUE(gate.can_call);
  EXPECT_EQ(gate.reason, GateReason::kReady);
  ASSERT_TRUE(e().set_availability("ann", Availability::kDoNotDisturb, t(2)).is_ok());
  gate = readiness(TargetKind::kUser, "ann", t(2));
  EXPECT_FALSE(gate.can_call);
  EXPECT_EQ(gate.reason, GateReason::kDoNotDisturb);
  EXPECT_EQ(gate.score, 0.0);
  ASSERT_TRUE(e().set_availability("ann", Availability::kBusy, t(3)).is_ok());
  gate = readiness(TargetKind::kUser, "ann", t(3));
  EXPECT_EQ(gate.reason, GateReason::kNotReady);
  EXPECT_NEAR(gate.score, 0.5, 0.01);  // busy halves it
  EXPECT_EQ(readiness(TargetKind::kUser, "nobody", t(3)).reason, GateReason::kUnknown);
  ASSERT_TRUE(e().leave("tab", t(4)).is_ok());
  EXPECT_EQ(readiness(TargetKind::kUser, "ann", t(4)).reason, GateReason::kOffline);
}

TEST_F(CoordinationTest, UserReadinessDecaysWithoutInteractionAndFlipsOnceEachWay) {
  open("tab", "ann", t(0));
  new_events_of_any_kind();
  for (int s = 15; s <= 400; s += 15) beat("tab", t(s));  // alive, no interaction
  std::vector<EventRecord> flips = events_of(EventKind::kReadiness);
  ASSERT_EQ(flips.size(), 1U);
  EXPECT_FALSE(flips[0].ready);
  EXPECT_EQ(flips[0].target_kind, TargetKind::kUser);
  beat("tab", t(410), Activity::kActive);
  flips = events_of(EventKind::kReadiness);
  ASSERT_EQ(flips.size(), 1U);
  EXPECT_TRUE(flips[0].ready);
}

TEST_F(CoordinationTest, RoomReadinessFollowsMembersAndDensityWithHysteresis) {
  open("a", "ann", t(0));
  open("b", "bob", t(0));
  new_events_of_any_kind();
  // One active member: presence 1.0, density 1/2 -> 0.75, ready.
  join("a", "r", t(0));
  std::vector<EventRecord> flips = events_of(EventKind::kReadiness);
  ASSERT_EQ(flips.size(), 1U);
  EXPECT_EQ(flips[0].target_kind, TargetKind::kRoom);
  EXPECT_EQ(*flips[0].room_id, "r");
  EXPECT_TRUE(flips[0].ready);
  EXPECT_DOUBLE_EQ(readiness(TargetKind::kRoom, "r", t(0)).score, 0.75);
  join("b", "r", t(1));
  EXPECT_DOUBLE_EQ(readiness(TargetKind::kRoom, "r", t(1)).score, 1.0);
  EXPECT_TRUE(events_of(EventKind::kReadiness).empty());  // no flip, no event
  // Both in the background: away members, no density: 0.5 * 0.25 = 0.125.
  ASSERT_TRUE(e().visibility("a", Visibility::kHidden, t(2)).is_ok());
  ASSERT_TRUE(e().visibility("b", Visibility::kHidden, t(2)).is_ok());
  const ReadinessView away = readiness(TargetKind::kRoom, "r", t(13));
  EXPECT_DOUBLE_EQ(away.score, 0.125);
  EXPECT_FALSE(away.ready);
  EXPECT_EQ(away.reason, GateReason::kNotReady);
  flips = events_of(EventKind::kReadiness);
  ASSERT_FALSE(flips.empty());
  EXPECT_FALSE(flips.back().ready);
  ASSERT_TRUE(e().leave_room("a", "r", t(14)).is_ok());
  ASSERT_TRUE(e().leave_room("b", "r", t(14)).is_ok());
  EXPECT_EQ(readiness(TargetKind::kRoom, "r", t(14)).reason, GateReason::kEmpty);
}

TEST_F(CoordinationTest, ARoomBetweenTheThresholdsKeepsItsReadiness) {
  Config config = test_config();
  config.readiness_room_quorum = 4;
  make(config);
  for (const char* name : {"a", "b"}) {
    open(name, name, t(0));
    join(name, "r", t(0));
  }
  // Two of four for density: 0.5 + 0.25 = 0.75, ready.
  EXPECT_TRUE(readiness(TargetKind::kRoom, "r", t(0)).ready);
  ASSERT_TRUE(e().leave_room("b", "r", t(1)).is_ok());
  // 0.5 + 0.125 = 0.625: below the ready threshold but above the unready one.
  const ReadinessView view = readiness(TargetKind::kRoom, "r", t(1));
  EXPECT_DOUBLE_EQ(view.score, 0.625);
  EXPECT_TRUE(view.ready);
}

TEST_F(CoordinationTest, IntentsBecomeReadyExpireOrAreCancelled) {
  open("caller", "carl", t(0));
  IntentView intent;
  ASSERT_TRUE(
      e().open_intent("carl", TargetKind::kUser, "ann", "call", 60'000, t(1), &intent).is_ok());
  EXPECT_EQ(intent.state, IntentState::kPending);
  EXPECT_EQ(intent.expires_at, t(61));
  std::vector<IntentView> pending;
  ASSERT_TRUE(e().list_intents(false, TargetKind::kUser, "ann", t(1), &pending).is_ok());
  ASSERT_EQ(pending.size(), 1U);
  ASSERT_TRUE(e().list_intents(true, TargetKind::kUser, "carl", t(1), &pending).is_ok());
  ASSERT_EQ(pending.size(), 1U);
  new_events_of_any_kind();
  open("ann-tab", "ann", t(5));  // ann arrives: ready, so the intent is ready
  std::vector<EventRecord> ends = events_of(EventKind::kIntent);
  ASSERT_EQ(ends.size(), 1U);
  EXPECT_EQ(*ends[0].intent_id, intent.id);
  EXPECT_EQ(ends[0].intent_state, IntentState::kReady);
  EXPECT_EQ(*ends[0].from_id, "carl");
  EXPECT_EQ(*ends[0].target_id, "ann");
  ASSERT_TRUE(e().list_intents(false, TargetKind::kUser, "ann", t(5), &pending).is_ok());
  EXPECT_TRUE(pending.empty());

  // Already ready: answered at once.
  ASSERT_TRUE(
      e().open_intent("carl", TargetKind::kUser, "ann", "call", 60'000, t(6), &intent).is_ok());
  EXPECT_EQ(intent.state, IntentState::kReady);

  // Never ready: expires at its deadline.
  ASSERT_TRUE(
      e().open_intent("carl", TargetKind::kRoom, "empty", "huddle", 10'000, t(7), &intent).is_ok());
  new_events_of_any_kind();
  advance_to(t(17));
  ends = events_of(EventKind::kIntent);
  ASSERT_EQ(ends.size(), 1U);
  EXPECT_EQ(ends[0].intent_state, IntentState::kExpired);
  EXPECT_EQ(ends[0].at, t(17));
  EXPECT_EQ(ends[0].target_kind, TargetKind::kRoom);

  // Cancelled.
  ASSERT_TRUE(
      e().open_intent("carl", TargetKind::kUser, "dan", "call", 10'000, t(20), &intent).is_ok());
  ASSERT_TRUE(e().cancel_intent(intent.id, t(21)).is_ok());
  ends = events_of(EventKind::kIntent);
  ASSERT_EQ(ends.size(), 1U);
  EXPECT_EQ(ends[0].intent_state, IntentState::kCancelled);
  EXPECT_EQ(e().cancel_intent(intent.id, t(22)).code(), Code::kNotFound);
  EXPECT_EQ(e().open_intent("carl", TargetKind::kUser, "dan", "call", 0, t(22), &intent).code(),
            Code::kInvalidArgument);
}

TEST_F(CoordinationTest, IntentsPerCallerAreLimited) {
  Config config = test_config();
  config.max_intents_per_caller = 2;
  make(config);
  IntentView intent;
  ASSERT_TRUE(
      e().open_intent("carl", TargetKind::kUser, "a", "call", 1'000, t(0), &intent).is_ok());
  ASSERT_TRUE(
      e().open_intent("carl", TargetKind::kUser, "b", "call", 1'000, t(0), &intent).is_ok());
  EXPECT_EQ(e().open_intent("carl", TargetKind::kUser, "c", "call", 1'000, t(0), &intent).code(),
            Code::kLimitExceeded);
  advance_to(t(2));  // both expired
  EXPECT_TRUE(
      e().open_intent("carl", TargetKind::kUser, "c", "call", 1'000, t(2), &intent).is_ok());
}

TEST_F(CoordinationTest, FanOutTellsEachSubscriberOnlyWhatItAskedFor) {
  open("a", "ann", t(0));
  open("b", "bob", t(0));
  const std::uint64_t from = e().last_seq();
  ASSERT_TRUE(e().subscribe("watcher-1", TargetKind::kUser, "ann").is_ok());
  ASSERT_TRUE(e().subscribe("watcher-2", TargetKind::kRoom, "r").is_ok());
  ASSERT_TRUE(e().subscribe("watcher-2", TargetKind::kRoom, "r").is_ok());  // idempotent
  join("a", "r", t(1));
  ASSERT_TRUE(e().leave("b", t(2)).is_ok());
  ASSERT_TRUE(e().visibility("a", Visibility::kHidden, t(3)).is_ok());
  advance_to(t(20));  // ann goes away
  FanoutBatch batch;
  ASSERT_TRUE(e().fanout(from, 0, &batch).is_ok());
  ASSERT_EQ(batch.deliveries.size(), 2U);
  for (const Delivery& d : batch.deliveries) {
    for (const std::uint32_t i : d.events) {
      const EventRecord& ev = batch.events[i];
      const bool about_ann = ev.id == "ann" || (ev.user_id && *ev.user_id == "ann");
      const bool about_room = ev.room_id && *ev.room_id == "r";
      if (d.subscriber == "watcher-1") {
        EXPECT_TRUE(about_ann) << ev.id;
      } else {
        EXPECT_TRUE(about_room || about_ann) << ev.id;
      }
      EXPECT_NE(ev.id, "bob");
    }
  }
  ASSERT_TRUE(e().unsubscribe_all("watcher-1").is_ok());
  ASSERT_TRUE(e().unsubscribe("watcher-2", TargetKind::kRoom, "r").is_ok());
  ASSERT_TRUE(e().fanout(from, 0, &batch).is_ok());
  EXPECT_TRUE(batch.deliveries.empty());
}

TEST_F(CoordinationTest, CountOnlyRoomsPublishOccupancyAtTheirInterval) {
  ASSERT_TRUE(e().set_room_count_only("arena", true, 5'000, t(0)).is_ok());
  std::vector<EventRecord> occupancy = events_of(EventKind::kOccupancy);
  ASSERT_EQ(occupancy.size(), 1U);  // a first picture at once
  for (int i = 0; i < 20; ++i) {
    const std::string id = "fan-" + std::to_string(i);
    open(id, id, t(1));
    join(id, "arena", t(1));
  }
  // The joins at 1 s are gathered for one interval.
  advance_to(t(5.9));
  EXPECT_TRUE(events_of(EventKind::kOccupancy).empty());
  EXPECT_TRUE(events_of(EventKind::kMember).empty());  // no per-member events
  advance_to(t(6));
  occupancy = events_of(EventKind::kOccupancy);
  ASSERT_EQ(occupancy.size(), 1U);
  EXPECT_EQ(occupancy[0].members[index_of(State::kActive)], 20U);
  EXPECT_EQ(occupancy[0].sessions[index_of(State::kActive)], 20U);
  advance_to(t(20));  // nothing changed: nothing published
  EXPECT_TRUE(events_of(EventKind::kOccupancy).empty());
  advance_to(t(31));  // everyone went stale at 26 s: published an interval later
  occupancy = events_of(EventKind::kOccupancy);
  ASSERT_EQ(occupancy.size(), 1U);
  EXPECT_EQ(occupancy[0].at, t(31));
  EXPECT_EQ(occupancy[0].members[index_of(State::kStale)], 20U);
  EXPECT_EQ(e().set_room_count_only("arena", true, 0, t(30)).code(), Code::kInvalidArgument);
}

TEST_F(CoordinationTest, AttentionDecayIsMeasuredPerRoom) {
  open("tab", "ann", t(0));
  join("tab", "r", t(0));
  beat("tab", t(15));
  beat("tab", t(30));
  beat("tab", t(45));
  advance_to(t(61));  // idle after 60 s of activity
  RoomMetricsView metrics;
  ASSERT_TRUE(e().room_metrics("r", t(61), &metrics).is_ok());
  // 60 s lands in the 16..64 s bucket.
  EXPECT_EQ(metrics.attention[2], 1U);
  EXPECT_EQ(metrics.bucket_bounds[2], 64'000);
  EXPECT_GE(metrics.readiness_curve.size(), 1U);
  EXPECT_EQ(metrics.peak_members, 1U);
}

TEST_F(CoordinationTest, PrometheusTextNamesEveryFamily) {
  open("tab", "ann", t(0));
  join("tab", "room \"1\"", t(0));
  std::string text;
  ASSERT_TRUE(e().prometheus("", t(1), &text).is_ok());
  for (const char* family :
       {"presence_sessions{state=\"active\"} 1", "presence_users{state=\"active\"} 1",
        "presence_rooms 1", "presence_room_members{room=\"room \\\"1\\\"\",state=\"active\"} 1",
        "presence_room_dwell_seconds_bucket{room=\"room \\\"1\\\"\",le=\"+Inf\"} 0",
        "# TYPE presence_room_attention_seconds histogram"}) {
    EXPECT_NE(text.find(family), std::string::npos) << family << "\n" << text;
  }
  EXPECT_EQ(e().prometheus("nope", t(1), &text).code(), Code::kNotFound);
}

TEST_F(CoordinationTest, HistogramBucketsIncludeTheirUpperBoundAsPrometheusLeSays) {
  open("tab", "ann", t(0));
  join("tab", "r", t(0));
  ASSERT_TRUE(e().leave_room("tab", "r", t(4)).is_ok());  // exactly 4 s: le="4"
  RoomMetricsView metrics;
  ASSERT_TRUE(e().room_metrics("r", t(4), &metrics).is_ok());
  EXPECT_EQ(metrics.dwell[0], 1U);
  std::string text;
  ASSERT_TRUE(e().prometheus("r", t(4), &text).is_ok());
  for (const char* line : {"presence_room_dwell_seconds_bucket{room=\"r\",le=\"4\"} 1\n",
                           "presence_room_dwell_seconds_sum{room=\"r\"} 4\n",
                           "presence_room_dwell_seconds_count{room=\"r\"} 1\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
}

TEST_F(CoordinationTest, RoomLimitsAndBadInput) {
  Config config = test_config();
  config.max_rooms_per_session = 2;
  config.max_rooms = 3;
  make(config);
  open("tab", "ann", t(0));
  join("tab", "a", t(0));
  join("tab", "b", t(0));
  EXPECT_EQ(e().join_room("tab", "c", t(0)).code(), Code::kLimitExceeded);
  open("tab-2", "bob", t(0));
  join("tab-2", "c", t(0));
  EXPECT_EQ(e().join_room("tab-2", "d", t(0)).code(), Code::kLimitExceeded);
  EXPECT_EQ(e().join_room("tab", "", t(0)).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().join_room("tab", "\xff", t(0)).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().join_room("nobody", "a", t(0)).code(), Code::kNotFound);
  EXPECT_EQ(e().set_availability("ann", static_cast<Availability>(9), t(0)).code(),
            Code::kInvalidArgument);
  ReadinessView view;
  EXPECT_EQ(e().readiness(static_cast<TargetKind>(7), "ann", t(0), &view).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(e().subscribe("", TargetKind::kUser, "ann").code(), Code::kInvalidArgument);
  RoomView room_view;
  EXPECT_EQ(e().get_room("nope", t(0), &room_view).code(), Code::kNotFound);
}

}  // namespace
}  // namespace presence::core::testing
