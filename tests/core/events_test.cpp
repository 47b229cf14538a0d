// Events: state changes only, debounced, numbered; snapshot + diff.
#include <algorithm>

#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

using EventsTest = EngineTest;

Config debounced() {
  Config c = test_config();
  c.debounce = {/*offline*/ 3'000, /*stale*/ 3'000, /*away*/ 2'000, /*idle*/ 2'000,
                /*active*/ 500};
  return c;
}

TEST_F(EventsTest, HeartbeatsPublishNothing) {
  open("tab-1", "ann", t(0));
  new_events();
  for (int s = 1; s <= 50; ++s) beat("tab-1", t(s * 0.5), Activity::kActive);
  EXPECT_TRUE(new_events().empty());
}

TEST_F(EventsTest, EventsCarrySeqTimeEntityAndStates) {
  open("tab-1", "ann", t(0));
  const std::vector<EventRecord> events = new_events();
  ASSERT_EQ(events.size(), 2U);
  const EventRecord& s = events[0];
  EXPECT_EQ(s.seq, 1U);
  EXPECT_EQ(s.kind, EventKind::kSession);
  EXPECT_EQ(s.id, "tab-1");
  EXPECT_EQ(*s.user_id, "ann");
  EXPECT_EQ(s.old_state, State::kOffline);
  EXPECT_EQ(s.new_state, State::kActive);
  EXPECT_EQ(s.at, t(0));
  const EventRecord& u = events[1];
  EXPECT_EQ(u.seq, 2U);
  EXPECT_EQ(u.kind, EventKind::kUser);
  EXPECT_EQ(u.id, "ann");
  EXPECT_FALSE(u.user_id.has_value());
  EXPECT_EQ(u.session_count, 1U);
  EXPECT_EQ(u.bucket, ConfidenceBucket::kHigh);
  EXPECT_EQ(u.last_seen_at, t(0));
}

TEST_F(EventsTest, AChangeIsPublishedOnceItHeldForTheDebounce) {
  make(debounced());
  open("tab-1", "ann", t(0));
  EXPECT_TRUE(new_events().empty());
  advance_to(t(0.499));
  EXPECT_TRUE(new_events().empty());
  advance_to(t(0.5));
  const std::vector<EventRecord> events = new_events();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].at, t(0));
  EXPECT_EQ(events[0].published_at, t(0.5));
}

TEST_F(EventsTest, AChangeRevertedInsideTheWindowPublishesNothing) {
  make(debounced());
  open("tab-1", "ann", t(0));
  advance_to(t(1));
  new_events();
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kHidden, t(2)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(12)), State::kAway);  // blur over
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kVisible, t(13)).is_ok());
  advance_to(t(30));
  EXPECT_TRUE(new_events().empty());
}

TEST_F(EventsTest, OnlyTheNetChangeIsPublished) {
  make(debounced());
  open("tab-1", "ann", t(0));
  advance_to(t(1));
  new_events();
  // Idle at 60 s, away at 61 s (hidden since 51 s, past the 10 s tolerance):
  // the idle step is never published, only active -> away.
  for (int s = 15; s <= 45; s += 15) beat("tab-1", t(s));
  new_events();
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kHidden, t(51)).is_ok());
  advance_to(t(70));
  std::vector<EventRecord> events = new_events();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].old_state, State::kActive);
  EXPECT_EQ(events[0].new_state, State::kAway);
  EXPECT_EQ(events[0].at, t(61));
  EXPECT_EQ(events[0].published_at, t(63));
}

TEST_F(EventsTest, ClosingTheLastTabAndReopeningQuicklyDoesNotFlapTheUser) {
  make(debounced());
  open("tab-1", "ann", t(0));
  advance_to(t(1));
  new_events();
  ASSERT_TRUE(e().leave("tab-1", t(2)).is_ok());
  open("tab-2", "ann", t(3));
  advance_to(t(10));
  for (const EventRecord& ev : new_events()) EXPECT_NE(ev.kind, EventKind::kUser) << ev.id;
}

TEST_F(EventsTest, APageReloadInsideTheDebouncePublishesNothing) {
  make(debounced());
  open("tab-1", "ann", t(0));
  advance_to(t(1));
  new_events();
  ASSERT_TRUE(e().leave("tab-1", t(2)).is_ok());
  const OpenResult again = open("tab-1", "ann", t(2.5));
  EXPECT_FALSE(again.continued);  // a new session, on the same record
  advance_to(t(10));
  EXPECT_TRUE(new_events().empty());
  EXPECT_EQ(session_state("tab-1", t(10)), State::kActive);
}

TEST_F(EventsTest, ReopeningAnEndedIdForAnotherUserPublishesTheEndFirst) {
  make(debounced());
  open("tab-1", "ann", t(0));
  advance_to(t(1));
  new_events();
  ASSERT_TRUE(e().leave("tab-1", t(2)).is_ok());
  open("tab-1", "bob", t(2.5));
  advance_to(t(10));
  std::vector<EventRecord> sessions;
  for (const EventRecord& ev : new_events()) {
    if (ev.kind == EventKind::kSession) sessions.push_back(ev);
  }
  ASSERT_EQ(sessions.size(), 2U);
  EXPECT_EQ(*sessions[0].user_id, "ann");
  EXPECT_EQ(sessions[0].new_state, State::kOffline);
  EXPECT_EQ(*sessions[1].user_id, "bob");
  EXPECT_EQ(sessions[1].new_state, State::kActive);
}

TEST_F(EventsTest, SnapshotNamesItsSeqAndDiffsContinueFromIt) {
  open("tab-1", "ann", t(0));
  open("tab-2", "bob", t(1));
  Snapshot snapshot;
  ASSERT_TRUE(e().snapshot(t(2), &snapshot).is_ok());
  EXPECT_EQ(snapshot.seq, e().last_seq());
  ASSERT_EQ(snapshot.users.size(), 2U);
  EXPECT_EQ(snapshot.users[0].id, "ann");
  ASSERT_EQ(snapshot.sessions.size(), 2U);
  ASSERT_TRUE(e().leave("tab-1", t(3)).is_ok());
  std::vector<EventRecord> diff;
  ASSERT_TRUE(e().events_after(snapshot.seq, 0, &diff).is_ok());
  ASSERT_GE(diff.size(), 2U);
  EXPECT_EQ(diff[0].seq, snapshot.seq + 1);
  EXPECT_EQ(diff[0].kind, EventKind::kSession);
  EXPECT_EQ(diff[0].new_state, State::kOffline);
  EXPECT_EQ(diff[1].kind, EventKind::kUser);
  EXPECT_EQ(diff[1].new_state, State::kOffline);
}

TEST_F(EventsTest, SnapshotShowsPublishedStatesSoDiffsApplyCleanly) {
  make(debounced());
  open("tab-1", "ann", t(0));
  advance_to(t(1));
  ASSERT_TRUE(e().leave("tab-1", t(2)).is_ok());
  Snapshot snapshot;
  ASSERT_TRUE(e().snapshot(t(3), &snapshot).is_ok());
  // The end is not published yet: the snapshot still shows the session.
  ASSERT_EQ(snapshot.sessions.size(), 1U);
  EXPECT_EQ(snapshot.sessions[0].state, State::kActive);
  advance_to(t(10));
  std::vector<EventRecord> diff;
  ASSERT_TRUE(e().events_after(snapshot.seq, 0, &diff).is_ok());
  const auto session_event = std::find_if(diff.begin(), diff.end(), [](const EventRecord& ev) {
    return ev.kind == EventKind::kSession;
  });
  ASSERT_NE(session_event, diff.end());
  EXPECT_EQ(session_event->old_state, State::kActive);
  EXPECT_EQ(session_event->new_state, State::kOffline);
}

TEST_F(EventsTest, AConsumerTooFarBehindIsToldToSnapshotAgain) {
  Config config = test_config();
  config.event_buffer_capacity = 4;
  make(config);
  for (int i = 0; i < 5; ++i) open("s" + std::to_string(i), "u" + std::to_string(i), t(i));
  const std::uint64_t last = e().last_seq();
  ASSERT_GT(last, 4U);
  std::vector<EventRecord> out;
  EXPECT_EQ(e().events_after(0, 0, &out).code(), Code::kTooFarBehind);
  EXPECT_EQ(e().events_after(last - 5, 0, &out).code(), Code::kTooFarBehind);
  EXPECT_EQ(e().stats().oldest_seq, last - 3);
  ASSERT_TRUE(e().events_after(last - 4, 0, &out).is_ok());
  EXPECT_EQ(out.size(), 4U);
  out.clear();
  ASSERT_TRUE(e().events_after(last - 2, 1, &out).is_ok());
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].seq, last - 1);
  EXPECT_EQ(e().events_after(last + 1, 0, &out).code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace presence::core::testing
