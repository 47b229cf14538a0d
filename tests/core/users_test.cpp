// Users derived from sessions: multi-tab, multi-device, guests, transports,
// last seen, limits.
#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

using UsersTest = EngineTest;

TEST_F(UsersTest, ClosingOneTabOfSeveralNeverChangesTheUser) {
  open("tab-1", "ann", t(0));
  open("tab-2", "ann", t(1));
  new_events();
  ASSERT_TRUE(e().leave("tab-1", t(5)).is_ok());
  const UserView ann = user("ann", t(5));
  EXPECT_EQ(ann.state, State::kActive);
  EXPECT_EQ(ann.session_count, 1U);
  for (const EventRecord& ev : new_events()) EXPECT_NE(ev.kind, EventKind::kUser);
}

TEST_F(UsersTest, ABackgroundTabNeverOverridesAnActiveOne) {
  open("front", "ann", t(0));
  open("back", "ann", t(0), Visibility::kHidden);
  for (int s = 15; s <= 120; s += 15) {
    beat("front", t(s), Activity::kActive, Visibility::kVisible);
    beat("back", t(s), Activity::kUnknown, Visibility::kHidden);
  }
  EXPECT_EQ(session_state("back", t(120)), State::kAway);
  EXPECT_EQ(user_state("ann", t(120)), State::kActive);
}

TEST_F(UsersTest, UserStateIsTheHighestPrecedenceAmongSessions) {
  open("phone", "ann", t(0));
  open("laptop", "ann", t(0));
  beat("phone", t(15), Activity::kActive);
  beat("laptop", t(15));
  beat("phone", t(30), Activity::kActive);
  beat("laptop", t(30));
  beat("phone", t(45), Activity::kActive);
  beat("laptop", t(45));
  EXPECT_EQ(session_state("laptop", t(61)), State::kIdle);
  EXPECT_EQ(user_state("ann", t(61)), State::kActive);
  ASSERT_TRUE(e().leave("phone", t(62)).is_ok());
  EXPECT_EQ(user_state("ann", t(62)), State::kIdle);
  const UserView ann = user("ann", t(62));
  EXPECT_EQ(ann.since, t(62));
  EXPECT_EQ(ann.session_count, 1U);
}

TEST_F(UsersTest, OneDeviceReconnectingNeverFlapsTheUser) {
  open("phone", "ann", t(0));
  open("laptop", "ann", t(0));
  new_events();
  ASSERT_TRUE(e().disconnect("phone", t(10)).is_ok());
  beat("laptop", t(12), Activity::kActive);
  open("phone", "ann", t(20));
  beat("phone", t(21), Activity::kActive);
  EXPECT_TRUE(new_events().empty());
  EXPECT_EQ(user_state("ann", t(21)), State::kActive);
}

TEST_F(UsersTest, GuestsAreCountedApartAndIdentifiedWithoutLosingTheirSession) {
  open("g-1", "", t(0));
  Counts c = counts(t(1));
  EXPECT_EQ(c.guest_sessions, 1U);
  EXPECT_EQ(c.users_alive, 0U);
  beat("g-1", t(50));
  EXPECT_EQ(session_state("g-1", t(61)), State::kIdle);
  ASSERT_TRUE(e().identify("g-1", "ann", t(62)).is_ok());
  const SessionView view = session("g-1", t(62));
  ASSERT_TRUE(view.user_id.has_value());
  EXPECT_EQ(*view.user_id, "ann");
  EXPECT_EQ(view.state, State::kIdle);  // state and timers kept
  EXPECT_EQ(user_state("ann", t(62)), State::kIdle);
  c = counts(t(62));
  EXPECT_EQ(c.guest_sessions, 0U);
  EXPECT_EQ(c.users_alive, 1U);
  // Identifying again with the same user is a no-op; another user conflicts.
  EXPECT_TRUE(e().identify("g-1", "ann", t(63)).is_ok());
  EXPECT_EQ(e().identify("g-1", "bob", t(63)).code(), Code::kConflict);
}

TEST_F(UsersTest, OpeningAGuestIdWithAUserIdentifiesIt) {
  open("g-1", "", t(0));
  const OpenResult again = open("g-1", "ann", t(5));
  EXPECT_TRUE(again.continued);
  EXPECT_EQ(user_state("ann", t(5)), State::kActive);
}

TEST_F(UsersTest, ALiveSessionCannotBeTakenByAnotherUser) {
  open("tab-1", "ann", t(0));
  OpenParams params;
  params.user_id = std::string_view("bob");
  OpenResult result;
  EXPECT_EQ(e().open("tab-1", params, t(1), &result).code(), Code::kConflict);
  EXPECT_EQ(user_state("ann", t(1)), State::kActive);
}

TEST_F(UsersTest, DisconnectByTransportIdAndALateCloseOfAnOldSocketIsHarmless) {
  OpenParams params;
  params.user_id = std::string_view("ann");
  params.transport_id = std::string_view("socket-A");
  OpenResult result;
  ASSERT_TRUE(e().open("tab-1", params, t(0), &result).is_ok());
  ASSERT_TRUE(e().disconnect_transport("socket-A", t(5)).is_ok());
  EXPECT_TRUE(session("tab-1", t(5)).reconnecting);
  // The tab reconnects on a new socket before the old one's close arrives.
  params.transport_id = std::string_view("socket-B");
  ASSERT_TRUE(e().open("tab-1", params, t(6), &result).is_ok());
  EXPECT_TRUE(result.continued);
  EXPECT_EQ(e().disconnect_transport("socket-A", t(7)).code(), Code::kNotFound);
  EXPECT_TRUE(session("tab-1", t(7)).connected);
  EXPECT_EQ(*session("tab-1", t(7)).transport_id, "socket-B");
}

TEST_F(UsersTest, AnEndedSessionFreesItsTransportIdAtOnce) {
  Config config = test_config();
  config.debounce = {2'000, 2'000, 2'000, 2'000, 500};
  make(config);
  OpenParams params;
  params.transport_id = std::string_view("conn-7");
  OpenResult result;
  ASSERT_TRUE(e().open("tab-1", params, t(0), &result).is_ok());
  // Expired at 120 s; its end is published at 122 s, but the transport is free now.
  EXPECT_EQ(e().disconnect_transport("conn-7", t(121)).code(), Code::kNotFound);
  EXPECT_TRUE(e().open("tab-2", params, t(121), &result).is_ok());
}

TEST_F(UsersTest, ATransportIdBindsOneSession) {
  OpenParams params;
  params.transport_id = std::string_view("socket-A");
  OpenResult result;
  ASSERT_TRUE(e().open("tab-1", params, t(0), &result).is_ok());
  EXPECT_EQ(e().open("tab-2", params, t(0), &result).code(), Code::kConflict);
  EXPECT_EQ(e().get_session("tab-2", t(0), nullptr).code(), Code::kNotFound);
}

TEST_F(UsersTest, MetadataIsKeptAndReplacedOnContinuation) {
  OpenParams params;
  params.meta = std::string_view(R"({"device":"phone"})");
  OpenResult result;
  ASSERT_TRUE(e().open("tab-1", params, t(0), &result).is_ok());
  EXPECT_EQ(*session("tab-1", t(0)).meta, R"({"device":"phone"})");
  params.meta = std::string_view("{}");
  ASSERT_TRUE(e().open("tab-1", params, t(1), &result).is_ok());
  EXPECT_EQ(*session("tab-1", t(1)).meta, "{}");
}

TEST_F(UsersTest, LastSeenSurvivesOfflineForTheRetention) {
  Config config = test_config();
  config.last_seen_retention = 3'600'000;
  make(config);
  open("tab-1", "ann", t(0));
  beat("tab-1", t(10), Activity::kActive);
  ASSERT_TRUE(e().leave("tab-1", t(20)).is_ok());
  const UserView ann = user("ann", t(200));
  EXPECT_EQ(ann.state, State::kOffline);
  EXPECT_EQ(ann.last_seen_at, t(20));
  EXPECT_EQ(ann.last_evidence, Evidence::kLeave);
  EXPECT_EQ(ann.session_count, 0U);
  EXPECT_EQ(counts(t(200)).users[index_of(State::kOffline)], 1U);
  // Forgotten once the retention has passed.
  UserDetail detail;
  EXPECT_EQ(e().get_user("ann", t(20 + 3600), &detail).code(), Code::kNotFound);
  EXPECT_EQ(counts(t(20 + 3600)).users[index_of(State::kOffline)], 0U);
}

TEST_F(UsersTest, ExpiredSessionsLeaveTheirLastSignalAsLastSeen) {
  open("tab-1", "ann", t(0));
  beat("tab-1", t(10));
  EXPECT_EQ(user_state("ann", t(131)), State::kOffline);
  EXPECT_EQ(user("ann", t(131)).last_seen_at, t(10));
  EXPECT_EQ(user("ann", t(131)).last_evidence, Evidence::kHeartbeat);
}

TEST_F(UsersTest, TheOldestOfflineUsersAreForgottenBeyondTheLimit) {
  Config config = test_config();
  config.last_seen_max_users = 2;
  make(config);
  for (int i = 0; i < 4; ++i) {
    const std::string id = "u" + std::to_string(i);
    open(id, id, t(i));
    ASSERT_TRUE(e().leave(id, t(i + 0.5)).is_ok());
  }
  UserDetail detail;
  EXPECT_EQ(e().get_user("u0", t(10), &detail).code(), Code::kNotFound);
  EXPECT_EQ(e().get_user("u1", t(10), &detail).code(), Code::kNotFound);
  EXPECT_TRUE(e().get_user("u2", t(10), &detail).is_ok());
  EXPECT_TRUE(e().get_user("u3", t(10), &detail).is_ok());
}

TEST_F(UsersTest, SessionsPerUserAreLimited) {
  Config config = test_config();
  config.max_sessions_per_user = 2;
  make(config);
  open("a", "ann", t(0));
  open("b", "ann", t(0));
  OpenParams params;
  params.user_id = std::string_view("ann");
  OpenResult result;
  EXPECT_EQ(e().open("c", params, t(0), &result).code(), Code::kLimitExceeded);
  EXPECT_EQ(e().stats().limit_rejections, 1U);
  // A continuation is not a new session.
  EXPECT_TRUE(e().open("a", params, t(1), &result).is_ok());
  // A guest cannot be identified into a full user either.
  open("g", "", t(1));
  EXPECT_EQ(e().identify("g", "ann", t(1)).code(), Code::kLimitExceeded);
  EXPECT_EQ(counts(t(1)).sessions_alive, 3U);
}

TEST_F(UsersTest, TotalSessionsAreLimited) {
  Config config = test_config();
  config.max_sessions = 1;
  make(config);
  open("a", "ann", t(0));
  OpenResult result;
  EXPECT_EQ(e().open("b", OpenParams{}, t(0), &result).code(), Code::kLimitExceeded);
  ASSERT_TRUE(e().leave("a", t(1)).is_ok());
  EXPECT_TRUE(e().open("b", OpenParams{}, t(2), &result).is_ok());
}

}  // namespace
}  // namespace presence::core::testing
