// Cluster mode, the engine side: two or three engines exchange replication
// records by hand (the Redis transport is tested in tests/cluster/).
#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

class ReplicationTest : public ::testing::Test {
 protected:
  std::unique_ptr<Engine> node(const std::string& id) {
    Config config = test_config();
    config.node_id = id;
    std::unique_ptr<Engine> engine;
    Status status = Engine::create(config, &engine);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return engine;
  }

  // Carries every pending record from one engine to the others.
  static void carry(Engine& from, std::initializer_list<Engine*> to, Millis now) {
    std::vector<Replica> records;
    ASSERT_TRUE(from.take_replicas(0, &records).is_ok());
    for (Engine* engine : to) {
      for (const Replica& r : records) {
        Status status = engine->apply_replica(r, now);
        ASSERT_TRUE(status.is_ok()) << status.message();
      }
    }
  }

  static void open(Engine& e, const std::string& id, const std::string& user, Millis now) {
    OpenParams params;
    params.user_id = user;
    OpenResult result;
    Status status = e.open(id, params, now, &result);
    ASSERT_TRUE(status.is_ok()) << status.message();
  }

  static SessionView session(Engine& e, const std::string& id, Millis now) {
    SessionView view;
    EXPECT_TRUE(e.get_session(id, now, &view).is_ok());
    return view;
  }

  static Counts counts(Engine& e, Millis now) {
    Counts c;
    EXPECT_TRUE(e.counts(now, &c).is_ok());
    return c;
  }
};

TEST_F(ReplicationTest, EveryNodeAnswersForTheWholeCluster) {
  auto a = node("node-a");
  auto b = node("node-b");
  auto c = node("node-c");
  open(*a, "ann-tab", "ann", t(0));
  open(*b, "bob-tab", "bob", t(0));
  ASSERT_TRUE(a->join_room("ann-tab", "standup", t(0)).is_ok());
  carry(*a, {b.get(), c.get()}, t(1));
  carry(*b, {a.get(), c.get()}, t(1));
  for (Engine* e : {a.get(), b.get(), c.get()}) {
    const Counts counts_now = counts(*e, t(2));
    EXPECT_EQ(counts_now.users_alive, 2U);
    EXPECT_EQ(counts_now.sessions_alive, 2U);
    RoomView room;
    ASSERT_TRUE(e->get_room("standup", t(2), &room).is_ok());
    EXPECT_EQ(room.members[index_of(State::kActive)], 1U);
  }
  EXPECT_EQ(session(*c, "ann-tab", t(2)).node_id, "node-a");
  EXPECT_EQ(session(*a, "ann-tab", t(2)).node_id, "node-a");
}

TEST_F(ReplicationTest, TransitionsReplicateButHeartbeatsDoNot) {
  auto a = node("node-a");
  auto b = node("node-b");
  open(*a, "tab", "ann", t(0));
  carry(*a, {b.get()}, t(0));
  for (int s = 5; s <= 55; s += 5) {
    ASSERT_TRUE(b->node_seen("node-a", t(s)).is_ok());  // node-a renews its liveness
    if (s % 15 == 0) {
      ASSERT_TRUE(
          a->heartbeat("tab", Activity::kIdle, Visibility::kUnknown, t(s), nullptr).is_ok());
    }
  }
  std::vector<Replica> records;
  ASSERT_TRUE(a->take_replicas(0, &records).is_ok());
  EXPECT_TRUE(records.empty());                        // heartbeats only
  ASSERT_TRUE(a->advance(t(61), 0, nullptr).is_ok());  // idle at 60 s
  ASSERT_TRUE(a->take_replicas(0, &records).is_ok());
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].state, State::kIdle);
  EXPECT_EQ(records[0].since, t(60));
  ASSERT_TRUE(b->node_seen("node-a", t(61)).is_ok());
  ASSERT_TRUE(b->apply_replica(records[0], t(61)).is_ok());
  const SessionView mirrored = session(*b, "tab", t(61));
  EXPECT_EQ(mirrored.state, State::kIdle);
  EXPECT_EQ(mirrored.since, t(60));
  // The remote session's own timers do not run on b: still idle at 70 s
  // while its node is seen (its owner would have replicated a change).
  ASSERT_TRUE(b->node_seen("node-a", t(69)).is_ok());
  EXPECT_EQ(session(*b, "tab", t(70)).state, State::kIdle);
}

TEST_F(ReplicationTest, ADeadNodesSessionsAgeLikeSilentSessions) {
  auto a = node("node-a");
  auto b = node("node-b");
  open(*a, "tab", "ann", t(0));
  carry(*a, {b.get()}, t(0));
  ASSERT_TRUE(b->node_seen("node-a", t(5)).is_ok());
  // node-a is killed after t(5): b stops seeing it. node_timeout 10 s.
  EXPECT_EQ(session(*b, "tab", t(14)).state, State::kActive);
  // Silent since 5 s: stale at 5 + 15 + 10 = 30 s, offline at 5 + 120 = 125 s.
  EXPECT_EQ(session(*b, "tab", t(29.999)).state, State::kActive);
  EXPECT_EQ(session(*b, "tab", t(30)).state, State::kStale);
  SessionView view;
  EXPECT_TRUE(b->get_session("tab", t(124.999), &view).is_ok());
  EXPECT_EQ(b->get_session("tab", t(125), &view).code(), Code::kNotFound);
  UserDetail ann;
  ASSERT_TRUE(b->get_user("ann", t(125), &ann).is_ok());
  EXPECT_EQ(ann.user.state, State::kOffline);
}

TEST_F(ReplicationTest, ASessionMovesBetweenNodesWithoutALeaveAndAJoin) {
  auto a = node("node-a");
  auto b = node("node-b");
  open(*a, "tab", "ann", t(0));
  ASSERT_TRUE(a->join_room("tab", "lobby", t(0)).is_ok());
  carry(*a, {b.get()}, t(0));
  std::vector<EventRecord> before;
  ASSERT_TRUE(a->events_after(0, 0, &before).is_ok());
  const std::uint64_t a_seq = a->last_seq();
  const std::uint64_t b_seq = b->last_seq();
  // The tab reconnects to node-b: open there continues the mirrored session.
  OpenParams params;
  params.user_id = std::string_view("ann");
  OpenResult result;
  ASSERT_TRUE(b->open("tab", params, t(10), &result).is_ok());
  EXPECT_TRUE(result.continued);
  carry(*b, {a.get()}, t(10));
  // node-a hands the session over: one record naming its new owner, so that
  // node-a's transport drops it from node-a's mirror.
  std::vector<Replica> handover;
  ASSERT_TRUE(a->take_replicas(0, &handover).is_ok());
  ASSERT_EQ(handover.size(), 1U);
  EXPECT_EQ(handover[0].session_id, "tab");
  EXPECT_EQ(handover[0].node_id, "node-b");
  EXPECT_FALSE(handover[0].ended);
  ASSERT_TRUE(b->apply_replica(handover[0], t(10)).is_ok());  // news to nobody
  EXPECT_EQ(session(*a, "tab", t(11)).node_id, "node-b");
  EXPECT_EQ(session(*b, "tab", t(11)).node_id, "node-b");
  // Neither node published an end or a new start of the session, or of ann.
  for (Engine* e : {a.get(), b.get()}) {
    std::vector<EventRecord> events;
    ASSERT_TRUE(e->events_after(e == a.get() ? a_seq : b_seq, 0, &events).is_ok());
    for (const EventRecord& ev : events) {
      EXPECT_FALSE((ev.kind == EventKind::kSession || ev.kind == EventKind::kUser ||
                    ev.kind == EventKind::kMember) &&
                   ev.new_state == State::kOffline)
          << ev.id;
    }
  }
  // Signals now belong to node-b: node-a refuses them, and old records lose.
  EXPECT_EQ(a->heartbeat("tab", Activity::kActive, Visibility::kUnknown, t(12), nullptr).code(),
            Code::kNotFound);
  Replica stale = Replica{};
  stale.session_id = "tab";
  stale.node_id = "node-c";
  stale.version = 1;
  stale.state = State::kIdle;
  ASSERT_TRUE(a->apply_replica(stale, t(12)).is_ok());
  EXPECT_EQ(session(*a, "tab", t(12)).node_id, "node-b");
  // The room membership moved along.
  RoomView lobby;
  ASSERT_TRUE(a->get_room("lobby", t(12), &lobby).is_ok());
  EXPECT_EQ(lobby.members[index_of(State::kActive)], 1U);
}

TEST_F(ReplicationTest, AnEndedSessionIsGoneEverywhere) {
  auto a = node("node-a");
  auto b = node("node-b");
  open(*a, "tab", "ann", t(0));
  carry(*a, {b.get()}, t(0));
  ASSERT_TRUE(a->leave("tab", t(5)).is_ok());
  carry(*a, {b.get()}, t(5));
  SessionView view;
  EXPECT_EQ(b->get_session("tab", t(6), &view).code(), Code::kNotFound);
  UserDetail ann;
  ASSERT_TRUE(b->get_user("ann", t(6), &ann).is_ok());
  EXPECT_EQ(ann.user.state, State::kOffline);
}

TEST_F(ReplicationTest, ExportGivesEveryLocalSessionAndOwnRecordsAreIgnored) {
  auto a = node("node-a");
  for (int i = 0; i < 25; ++i) open(*a, "tab-" + std::to_string(i), "u", t(0));
  std::vector<Replica> page;
  std::uint64_t cursor = 0;
  std::size_t total = 0;
  do {
    ASSERT_TRUE(a->export_replicas(cursor, 10, t(1), &page, &cursor).is_ok());
    total += page.size();
    for (const Replica& r : page) {
      ASSERT_TRUE(a->apply_replica(r, t(1)).is_ok());  // its own: ignored
    }
  } while (cursor != 0);
  EXPECT_EQ(total, 25U);
  EXPECT_EQ(session(*a, "tab-3", t(1)).node_id, "node-a");
}

TEST_F(ReplicationTest, AnOverflowingOutboxSaysExportAgain) {
  Config config = test_config();
  config.node_id = "node-a";
  config.replication_buffer = 3;
  std::unique_ptr<Engine> a;
  ASSERT_TRUE(Engine::create(config, &a).is_ok());
  for (int i = 0; i < 5; ++i) open(*a, "tab-" + std::to_string(i), "u", t(0));
  std::vector<Replica> records;
  EXPECT_EQ(a->take_replicas(0, &records).code(), Code::kTooFarBehind);
  EXPECT_TRUE(a->take_replicas(0, &records).is_ok());
}

TEST_F(ReplicationTest, BadRecordsAreRefusedAndChangeNothing) {
  auto b = node("node-b");
  Replica r;
  r.session_id = "tab";
  r.node_id = "node-a";
  r.version = 1;
  r.state = State::kActive;
  Replica bad = r;
  bad.session_id = "";
  EXPECT_EQ(b->apply_replica(bad, t(0)).code(), Code::kInvalidArgument);
  bad = r;
  bad.node_id = "\xff";
  EXPECT_EQ(b->apply_replica(bad, t(0)).code(), Code::kInvalidArgument);
  bad = r;
  bad.state = static_cast<State>(9);
  EXPECT_EQ(b->apply_replica(bad, t(0)).code(), Code::kInvalidArgument);
  bad = r;
  bad.since = -5;
  EXPECT_EQ(b->apply_replica(bad, t(0)).code(), Code::kInvalidArgument);
  bad = r;
  bad.rooms = {""};
  EXPECT_EQ(b->apply_replica(bad, t(0)).code(), Code::kInvalidArgument);
  EXPECT_EQ(b->node_seen("", t(0)).code(), Code::kInvalidArgument);
  EXPECT_EQ(counts(*b, t(0)).sessions_alive, 0U);
  ASSERT_TRUE(b->apply_replica(r, t(0)).is_ok());
  EXPECT_EQ(counts(*b, t(0)).sessions_alive, 1U);
}

}  // namespace
}  // namespace presence::core::testing
