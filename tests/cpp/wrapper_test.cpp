// The C++ wrapper (presence.hpp): every record copied whole, errors thrown
// with the C status, readers and replication round trips.
#include <gtest/gtest.h>

#include <cstring>

#include "presence/presence.hpp"

namespace {

constexpr int64_t kT0 = 1700000000000;

pe_config quiet_config() {
  pe_config config;
  pe_config_init(&config);
  config.debounce_active_ms = 0;
  config.debounce_idle_ms = 0;
  config.debounce_away_ms = 0;
  config.debounce_stale_ms = 0;
  config.debounce_offline_ms = 0;
  return config;
}

presence::OpenOptions as_user(const char* user) {
  presence::OpenOptions options;
  options.user_id = user;
  return options;
}

TEST(Wrapper, UsersCarryEveryField) {
  presence::Engine engine(quiet_config());
  engine.open("ann-1", as_user("ann"), kT0);
  engine.set_availability("ann", PE_AVAILABILITY_BUSY, kT0 + 1);
  const presence::UserInfo ann = engine.get_user("ann", kT0 + 2).user;
  EXPECT_EQ(ann.state, PE_STATE_ACTIVE);
  EXPECT_EQ(ann.availability, PE_AVAILABILITY_BUSY);
  EXPECT_EQ(ann.true_state, PE_STATE_ACTIVE);
  EXPECT_EQ(ann.true_availability, PE_AVAILABILITY_BUSY);
  EXPECT_GT(ann.readiness, 0.0);
  EXPECT_EQ(ann.session_count, 1U);
}

TEST(Wrapper, ErrorsCarryTheStatusAndMessage) {
  presence::Engine engine(quiet_config());
  try {
    engine.heartbeat("nobody", PE_ACTIVITY_UNKNOWN, PE_VISIBILITY_UNKNOWN, kT0);
    FAIL() << "no error";
  } catch (const presence::Error& e) {
    EXPECT_EQ(e.status(), PE_NOT_FOUND);
    EXPECT_NE(std::strlen(e.what()), 0U);
  }
  engine.close();
  EXPECT_THROW(engine.counts(kT0), presence::Error);
}

TEST(Wrapper, ConfigReadsBack) {
  pe_config config = quiet_config();
  config.idle_after_ms = 12345;
  presence::Engine engine(config);
  EXPECT_EQ(engine.config().idle_after_ms, 12345);
}

TEST(Wrapper, ReaderHidesTheTruthAndScopesToARoom) {
  presence::Engine engine(quiet_config());
  engine.open("ann-1", as_user("ann"), kT0);
  engine.open("bob-1", as_user("bob"), kT0);
  engine.open("cid-1", as_user("cid"), kT0);
  engine.join_room("ann-1", "standup", kT0);
  engine.join_room("bob-1", "standup", kT0);
  engine.set_availability("bob", PE_AVAILABILITY_INVISIBLE, kT0 + 1);

  presence::Reader everyone(engine);
  const presence::UserInfo bob = everyone.get_user("bob", kT0 + 2).user;
  EXPECT_EQ(bob.state, PE_STATE_OFFLINE);
  EXPECT_EQ(bob.true_state, PE_STATE_OFFLINE);
  EXPECT_EQ(everyone.counts(kT0 + 2).users_invisible, 0U);

  presence::Reader standup(engine, "standup");
  const presence::MemberPage members = standup.list_members(PE_STATE_STALE, {}, 10, kT0 + 2);
  ASSERT_EQ(members.members.size(), 1U);
  EXPECT_EQ(members.members[0].member_id, "ann");
  EXPECT_EQ(standup.counts(kT0 + 2).users_alive, 1U);
  try {
    standup.get_user("cid", kT0 + 2);
    FAIL() << "cid is not in the room";
  } catch (const presence::Error& e) {
    EXPECT_EQ(e.status(), PE_NOT_FOUND);
  }
}

TEST(Wrapper, ReplicasTravelBetweenNodes) {
  pe_config a_config = quiet_config();
  a_config.node_id = "node-a";
  a_config.node_id_len = 6;
  pe_config b_config = quiet_config();
  b_config.node_id = "node-b";
  b_config.node_id_len = 6;
  presence::Engine a(a_config);
  presence::Engine b(b_config);
  a.open("ann-1", as_user("ann"), kT0);
  a.join_room("ann-1", "standup", kT0);

  std::vector<presence::Replica> records = a.take_replicas();
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back().node_id, "node-a");
  std::vector<pe_status> statuses;
  b.apply_replicas(records, kT0 + 1, &statuses);
  for (pe_status status : statuses) EXPECT_EQ(status, PE_OK);
  const presence::SessionInfo seen = b.get_session("ann-1", kT0 + 1);
  EXPECT_EQ(seen.node_id, "node-a");
  EXPECT_EQ(seen.state, PE_STATE_ACTIVE);
  EXPECT_EQ(b.get_room("standup", kT0 + 1).room_id, "standup");

  const presence::ReplicaPage page = a.export_replicas(0, 10, kT0 + 1);
  ASSERT_EQ(page.records.size(), 1U);
  EXPECT_EQ(page.records[0].rooms, std::vector<std::string>{"standup"});
  EXPECT_EQ(page.next_cursor, 0U);
  b.node_seen("node-a", kT0 + 1);
}

}  // namespace
