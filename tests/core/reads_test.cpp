// Who's online: counts, totals, paginated lists, and bad input to reads.
#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

using ReadsTest = EngineTest;

std::vector<std::string> ids(const UserPage& page) {
  std::vector<std::string> out;
  for (const UserView& u : page.users) out.push_back(u.id);
  return out;
}

TEST_F(ReadsTest, CountsSplitByStateAndConcurrency) {
  open("a1", "ann", t(0));
  open("a2", "ann", t(0), Visibility::kHidden);
  open("b1", "bob", t(0));
  open("g1", "", t(0));
  const Counts c = counts(t(11));  // a2 went away after the blur tolerance
  EXPECT_EQ(c.sessions[index_of(State::kActive)], 3U);
  EXPECT_EQ(c.sessions[index_of(State::kAway)], 1U);
  EXPECT_EQ(c.sessions_alive, 4U);
  EXPECT_EQ(c.guest_sessions, 1U);
  EXPECT_EQ(c.users[index_of(State::kActive)], 2U);
  EXPECT_EQ(c.users_alive, 2U);
}

TEST_F(ReadsTest, TotalsCountDistinctUsersSeenWithinTheWindow) {
  open("a", "ann", t(0));
  ASSERT_TRUE(e().leave("a", t(10)).is_ok());
  open("b", "bob", t(100));
  open("c", "cid", t(200));
  std::uint64_t seen = 0;
  ASSERT_TRUE(e().count_seen(3'600'000, t(205), &seen).is_ok());
  EXPECT_EQ(seen, 3U);  // ann is offline but was seen within the hour
  ASSERT_TRUE(e().count_seen(10'000, t(205), &seen).is_ok());
  EXPECT_EQ(seen, 1U);  // bob's last signal was 105 s ago
  ASSERT_TRUE(e().count_seen(150'000, t(205), &seen).is_ok());
  EXPECT_EQ(seen, 2U);
  ASSERT_TRUE(e().count_seen(195'000, t(205), &seen).is_ok());
  EXPECT_EQ(seen, 3U);
  Counts c = counts(t(205));
  EXPECT_EQ(c.users_alive, 2U);  // concurrency is apart from totals
  EXPECT_EQ(e().count_seen(-1, t(205), &seen).code(), Code::kInvalidArgument);
}

TEST_F(ReadsTest, UserListPagesInIdOrderWithAStableCursor) {
  for (const char* name : {"eve", "bob", "dan", "ann", "cid"}) open(name, name, t(0));
  UserPage page;
  ASSERT_TRUE(e().list_users(State::kStale, "", 2, t(1), &page).is_ok());
  EXPECT_EQ(ids(page), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(page.next_cursor, "bob");
  // Users coming and going between pages do not disturb the cursor.
  ASSERT_TRUE(e().leave("ann", t(2)).is_ok());
  open("bea", "bea", t(2));
  ASSERT_TRUE(e().list_users(State::kStale, page.next_cursor, 2, t(2), &page).is_ok());
  EXPECT_EQ(ids(page), (std::vector<std::string>{"cid", "dan"}));
  ASSERT_TRUE(e().list_users(State::kStale, page.next_cursor, 2, t(2), &page).is_ok());
  EXPECT_EQ(ids(page), (std::vector<std::string>{"eve"}));
  EXPECT_EQ(page.next_cursor, "");
}

TEST_F(ReadsTest, UserListFiltersByMinimumState) {
  open("a", "ann", t(0));
  open("b", "bob", t(0), Visibility::kHidden);
  open("c", "cid", t(0));
  ASSERT_TRUE(e().leave("c", t(1)).is_ok());
  UserPage page;
  ASSERT_TRUE(e().list_users(State::kActive, "", 50, t(20), &page).is_ok());
  EXPECT_EQ(ids(page), (std::vector<std::string>{"ann"}));
  ASSERT_TRUE(e().list_users(State::kAway, "", 50, t(20), &page).is_ok());
  EXPECT_EQ(ids(page), (std::vector<std::string>{"ann", "bob"}));
  ASSERT_TRUE(e().list_users(State::kOffline, "", 50, t(20), &page).is_ok());
  EXPECT_EQ(ids(page), (std::vector<std::string>{"ann", "bob", "cid"}));
  EXPECT_EQ(page.users[2].state, State::kOffline);
  EXPECT_EQ(page.users[1].session_count, 1U);
}

TEST_F(ReadsTest, AUserWithItsSessions) {
  open("phone", "ann", t(0));
  open("laptop", "ann", t(1));
  UserDetail detail;
  ASSERT_TRUE(e().get_user("ann", t(2), &detail).is_ok());
  EXPECT_EQ(detail.user.session_count, 2U);
  ASSERT_EQ(detail.sessions.size(), 2U);
  EXPECT_EQ(detail.sessions[0].id, "laptop");
  EXPECT_EQ(detail.sessions[1].id, "phone");
  EXPECT_EQ(detail.user.last_seen_at, t(1));
  EXPECT_EQ(detail.user.last_evidence, Evidence::kOpen);
}

TEST_F(ReadsTest, BadReadArgumentsAreRejected) {
  UserPage page;
  EXPECT_EQ(e().list_users(State::kStale, "", 0, t(0), &page).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().list_users(State::kStale, "", 10'001, t(0), &page).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().list_users(State::kStale, "\xff", 10, t(0), &page).code(), Code::kInvalidArgument);
  UserDetail detail;
  EXPECT_EQ(e().get_user("", t(0), &detail).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().get_user("nobody", t(0), &detail).code(), Code::kNotFound);
  Counts c;
  EXPECT_EQ(e().counts(-5, &c).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().counts(kMaxTime + 1, &c).code(), Code::kInvalidArgument);
}

TEST_F(ReadsTest, BadSignalsAreRejectedAndChangeNothing) {
  open("tab-1", "ann", t(0));
  new_events();
  const std::string too_long(129, 'x');
  OpenResult result;
  OpenParams params;
  EXPECT_EQ(e().open("", params, t(1), &result).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().open(too_long, params, t(1), &result).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().open("bad\xc3", params, t(1), &result).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().open("\xed\xa0\x80", params, t(1), &result).code(), Code::kInvalidArgument);
  params.user_id = std::string_view("");
  EXPECT_EQ(e().open("ok", params, t(1), &result).code(), Code::kInvalidArgument);
  params = OpenParams{};
  const std::string big_meta(1025, 'm');
  params.meta = std::string_view(big_meta);
  EXPECT_EQ(e().open("ok", params, t(1), &result).code(), Code::kInvalidArgument);
  params = OpenParams{};
  params.visibility = static_cast<Visibility>(7);
  EXPECT_EQ(e().open("ok", params, t(1), &result).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().visibility("tab-1", Visibility::kUnknown, t(1)).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().heartbeat("nobody", Activity::kUnknown, Visibility::kUnknown, t(1), nullptr).code(),
            Code::kNotFound);
  EXPECT_EQ(e().identify("tab-1", "\xc0\xaf", t(1)).code(), Code::kInvalidArgument);
  EXPECT_EQ(e().disconnect_transport("none", t(1)).code(), Code::kNotFound);
  // Nothing changed: no new session, no event, same counts.
  EXPECT_TRUE(new_events().empty());
  EXPECT_EQ(counts(t(1)).sessions_alive, 1U);
  EXPECT_EQ(e().stats().session_records, 1U);
}

TEST(ConfigTest, InconsistentConfigurationsAreRejectedWithTheFieldNamed) {
  std::unique_ptr<Engine> engine;
  Config c;
  c.idle_after = 0;
  Status status = Engine::create(c, &engine);
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_NE(status.message().find("idle_after_ms"), std::string::npos);
  c = Config{};
  c.idle_after = c.away_after;
  EXPECT_EQ(Engine::create(c, &engine).code(), Code::kInvalidArgument);
  c = Config{};
  c.session_ttl = c.heartbeat_hidden;
  EXPECT_EQ(Engine::create(c, &engine).code(), Code::kInvalidArgument);
  c = Config{};
  c.debounce[0] = -1;
  EXPECT_EQ(Engine::create(c, &engine).code(), Code::kInvalidArgument);
  c = Config{};
  c.max_id_bytes = 0;
  EXPECT_EQ(Engine::create(c, &engine).code(), Code::kInvalidArgument);
  c = Config{};
  c.heartbeat_active = c.heartbeat_hidden + 1;
  EXPECT_EQ(Engine::create(c, &engine).code(), Code::kInvalidArgument);
  EXPECT_TRUE(Engine::create(Config{}, &engine).is_ok());
}

}  // namespace
}  // namespace presence::core::testing
