// The session lifecycle rules of PRESENCE_MODEL.md, one test per rule.
#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

using LifecycleTest = EngineTest;

TEST_F(LifecycleTest, NewSessionIsActiveAndToldTheActiveInterval) {
  const OpenResult result = open("tab-1", "ann", t(0));
  EXPECT_FALSE(result.continued);
  EXPECT_EQ(result.state, State::kActive);
  EXPECT_EQ(result.heartbeat_interval, 15'000);
  EXPECT_EQ(user_state("ann", t(0)), State::kActive);
}

TEST_F(LifecycleTest, IdleAndAwayAreReachedByTimeWhileHeartbeatsContinue) {
  open("tab-1", "ann", t(0));
  for (int s = 15; s < 60; s += 15) beat("tab-1", t(s), Activity::kIdle);
  EXPECT_EQ(session_state("tab-1", t(59.999)), State::kActive);
  EXPECT_EQ(session_state("tab-1", t(60)), State::kIdle);
  // An idle session is told the longer idle interval.
  EXPECT_EQ(beat("tab-1", t(60), Activity::kIdle), 30'000);
  for (int s = 90; s < 300; s += 30) beat("tab-1", t(s), Activity::kIdle);
  EXPECT_EQ(session_state("tab-1", t(299)), State::kIdle);
  EXPECT_EQ(session_state("tab-1", t(300)), State::kAway);
}

TEST_F(LifecycleTest, ActivityHintKeepsTheSessionActive) {
  open("tab-1", "ann", t(0));
  for (int s = 15; s <= 180; s += 15) beat("tab-1", t(s), Activity::kActive);
  EXPECT_EQ(session_state("tab-1", t(190)), State::kActive);
}

TEST_F(LifecycleTest, ActivityBringsAnIdleSessionBack) {
  open("tab-1", "ann", t(0));
  beat("tab-1", t(50));
  EXPECT_EQ(session_state("tab-1", t(61)), State::kIdle);
  ASSERT_TRUE(e().activity("tab-1", t(62)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(62)), State::kActive);
}

TEST_F(LifecycleTest, MissedHeartbeatsMakeStaleThenOfflineByTime) {
  open("tab-1", "ann", t(0));
  // Told 15 s, grace 10 s: stale at 25 s of silence; offline at the 120 s TTL.
  EXPECT_EQ(session_state("tab-1", t(24.999)), State::kActive);
  EXPECT_EQ(session_state("tab-1", t(25)), State::kStale);
  EXPECT_EQ(session(std::string("tab-1"), t(25)).bucket, ConfidenceBucket::kLow);
  EXPECT_EQ(session_state("tab-1", t(119.999)), State::kStale);
  EXPECT_EQ(session_state("tab-1", t(120)), State::kOffline);
  EXPECT_EQ(user_state("ann", t(120)), State::kOffline);
}

TEST_F(LifecycleTest, AHeartbeatRevivesAStaleSession) {
  open("tab-1", "ann", t(0));
  EXPECT_EQ(session_state("tab-1", t(30)), State::kStale);
  beat("tab-1", t(31));
  EXPECT_EQ(session_state("tab-1", t(31)), State::kActive);
}

TEST_F(LifecycleTest, DisconnectHoldsTheStateForTheGraceWindowWithoutEvents) {
  open("tab-1", "ann", t(0));
  new_events();
  ASSERT_TRUE(e().disconnect("tab-1", t(5)).is_ok());
  const SessionView held = session("tab-1", t(20));
  EXPECT_EQ(held.state, State::kActive);
  EXPECT_TRUE(held.reconnecting);
  EXPECT_FALSE(held.connected);
  EXPECT_EQ(counts(t(20)).sessions_reconnecting, 1U);
  // Past the 25 s stale deadline but inside the 30 s window: still held.
  EXPECT_EQ(session_state("tab-1", t(34.9)), State::kActive);
  EXPECT_TRUE(new_events().empty());
  // Past the window: stale; past the TTL (from the last signal): offline.
  EXPECT_EQ(session_state("tab-1", t(35)), State::kStale);
  EXPECT_FALSE(session("tab-1", t(35)).reconnecting);
  EXPECT_EQ(session_state("tab-1", t(120)), State::kOffline);
}

TEST_F(LifecycleTest, ReconnectInsideTheWindowContinuesWithoutForcingActive) {
  open("tab-1", "ann", t(0));
  beat("tab-1", t(50));
  EXPECT_EQ(session_state("tab-1", t(65)), State::kIdle);
  ASSERT_TRUE(e().disconnect("tab-1", t(70)).is_ok());
  const OpenResult again = open("tab-1", "ann", t(80));
  EXPECT_TRUE(again.continued);
  EXPECT_EQ(again.state, State::kIdle);  // a reconnect is not activity
  EXPECT_FALSE(session("tab-1", t(80)).reconnecting);
  // Idle timers were not reset: away at 300 s after the last interaction.
  for (int s = 100; s < 300; s += 25) beat("tab-1", t(s));
  EXPECT_EQ(session_state("tab-1", t(300)), State::kAway);
}

TEST_F(LifecycleTest, ReconnectAfterTheTtlStartsANewSession) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().disconnect("tab-1", t(1)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(121)), State::kOffline);
  const OpenResult again = open("tab-1", "ann", t(122));
  EXPECT_FALSE(again.continued);
  EXPECT_EQ(again.state, State::kActive);
}

TEST_F(LifecycleTest, AHeartbeatAfterADisconnectIsAReconnect) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().disconnect("tab-1", t(5)).is_ok());
  beat("tab-1", t(10));
  const SessionView view = session("tab-1", t(10));
  EXPECT_TRUE(view.connected);
  EXPECT_FALSE(view.reconnecting);
}

TEST_F(LifecycleTest, LeaveIsOfflineAtOnce) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().leave("tab-1", t(3)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(3)), State::kOffline);
  EXPECT_EQ(user_state("ann", t(3)), State::kOffline);
  EXPECT_EQ(e().heartbeat("tab-1", Activity::kUnknown, Visibility::kUnknown, t(4), nullptr).code(),
            Code::kNotFound);
}

TEST_F(LifecycleTest, ABlurShorterThanTheToleranceChangesNothing) {
  open("tab-1", "ann", t(0));
  new_events();
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kHidden, t(5)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(14.9)), State::kActive);
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kVisible, t(14.9)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(20)), State::kActive);
  EXPECT_TRUE(new_events().empty());
}

TEST_F(LifecycleTest, AHiddenTabGoesAwayAfterTheToleranceAndComesBackActive) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kHidden, t(5)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(15)), State::kAway);
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kVisible, t(40)).is_ok());
  EXPECT_EQ(session_state("tab-1", t(40)), State::kActive);
}

TEST_F(LifecycleTest, LosingFocusNeverMakesIdle) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kHidden, t(1)).is_ok());
  for (double s = 1.5; s < 60; s += 0.5) {
    EXPECT_NE(session_state("tab-1", t(s)), State::kIdle) << "at " << s;
  }
}

TEST_F(LifecycleTest, AHiddenTabIsToldAndGrantedTheLongInterval) {
  open("tab-1", "ann", t(0));
  EXPECT_EQ(beat("tab-1", t(10), Activity::kUnknown, Visibility::kHidden), 60'000);
  // A throttled background tab beats once a minute and is never stale.
  for (int s = 70; s <= 370; s += 60) {
    EXPECT_NE(session_state("tab-1", t(s - 0.001)), State::kStale) << "at " << s;
    beat("tab-1", t(s), Activity::kUnknown, Visibility::kHidden);
  }
  // Stale only after its own interval plus grace.
  EXPECT_EQ(session_state("tab-1", t(370 + 69.999)), State::kAway);
  EXPECT_EQ(session_state("tab-1", t(370 + 70)), State::kStale);
}

TEST_F(LifecycleTest, AVisibilitySignalAloneGrantsTheHiddenInterval) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().visibility("tab-1", Visibility::kHidden, t(10)).is_ok());
  EXPECT_EQ(session("tab-1", t(10)).heartbeat_interval, 60'000);
  EXPECT_EQ(session_state("tab-1", t(79.999)), State::kAway);
  EXPECT_EQ(session_state("tab-1", t(80)), State::kStale);
}

TEST_F(LifecycleTest, ConfidenceIsFullWhenFreshAndDecaysWithSilence) {
  open("tab-1", "ann", t(0));
  EXPECT_DOUBLE_EQ(session("tab-1", t(15)).confidence, 1.0);
  EXPECT_DOUBLE_EQ(session("tab-1", t(20)).confidence, 0.75);
  EXPECT_EQ(session("tab-1", t(21)).bucket, ConfidenceBucket::kMedium);
  EXPECT_LE(session("tab-1", t(25)).confidence, 0.3);
  EXPECT_DOUBLE_EQ(session("tab-1", t(60)).confidence, 0.3 * 0.5);
  EXPECT_DOUBLE_EQ(user("ann", t(60)).confidence, 0.3 * 0.5);
}

TEST_F(LifecycleTest, ReconnectingSessionsHaveMediumConfidence) {
  open("tab-1", "ann", t(0));
  ASSERT_TRUE(e().disconnect("tab-1", t(1)).is_ok());
  EXPECT_EQ(session("tab-1", t(2)).bucket, ConfidenceBucket::kMedium);
  EXPECT_EQ(session("tab-1", t(30)).bucket, ConfidenceBucket::kMedium);
}

TEST_F(LifecycleTest, TimeNeverRunsBackwards) {
  open("tab-1", "ann", t(100));
  // An older `now` is treated as the latest seen.
  beat("tab-1", t(50));
  const SessionView view = session("tab-1", t(40));
  EXPECT_EQ(view.last_signal_at, t(100));
  EXPECT_EQ(e().now(), t(100));
  EXPECT_EQ(session_state("tab-1", t(124.999)), State::kActive);
  EXPECT_EQ(session_state("tab-1", t(10)), State::kActive);  // still 124.999 inside
}

TEST_F(LifecycleTest, TransitionsByTimeAreFoundByTimersInTimeOrder) {
  open("a", "ann", t(0));
  open("b", "bob", t(1));
  new_events();
  ASSERT_TRUE(e().advance(t(200), 0, nullptr).is_ok());
  std::vector<EventRecord> events = new_events();
  ASSERT_FALSE(events.empty());
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i - 1].at, events[i].at);
    EXPECT_LT(events[i - 1].seq, events[i].seq);
  }
  // ann: active -> stale at 25 s -> offline at 120 s, each at its exact time.
  std::vector<std::pair<State, Millis>> ann;
  for (const EventRecord& ev : events) {
    if (ev.kind == EventKind::kSession && ev.id == "a") ann.emplace_back(ev.new_state, ev.at);
  }
  ASSERT_EQ(ann.size(), 2U);
  EXPECT_EQ(ann[0], std::make_pair(State::kStale, t(25)));
  EXPECT_EQ(ann[1], std::make_pair(State::kOffline, t(120)));
}

TEST_F(LifecycleTest, BoundedAdvanceStopsAndResumes) {
  for (int i = 0; i < 10; ++i) open("s" + std::to_string(i), "u", t(0));
  bool more = false;
  ASSERT_TRUE(e().advance(t(30), 3, &more).is_ok());
  EXPECT_TRUE(more);
  EXPECT_LT(e().now(), t(30));
  ASSERT_TRUE(e().advance(t(30), 0, &more).is_ok());
  EXPECT_FALSE(more);
  EXPECT_EQ(counts(t(30)).sessions[index_of(State::kStale)], 10U);
}

TEST_F(LifecycleTest, NextDeadlineNamesTheEarliestDueTransition) {
  EXPECT_EQ(e().next_deadline(), kNever);
  open("a", "ann", t(0));
  EXPECT_EQ(e().next_deadline(), t(25));  // stale deadline comes before idle
}

}  // namespace
}  // namespace presence::core::testing

namespace presence::core::testing {
namespace {

class CatchUpTest : public EngineTest {
 protected:
  void SetUp() override {
    Config config = test_config();
    config.max_catch_up_steps = 2;
    make(config);
  }
};

TEST_F(CatchUpTest, ACallRunsABoundedPartOfAStormAndAdvanceRunsTheRest) {
  for (int i = 0; i < 10; ++i) open("s" + std::to_string(i), "u" + std::to_string(i), t(0));
  new_events();
  // All ten go stale at 25 s; a read at 30 s runs two steps, then moves on.
  const Counts partial = counts(t(30));
  EXPECT_EQ(e().now(), t(30));
  EXPECT_LT(partial.sessions[index_of(State::kStale)], 10U);
  advance_to(t(30));
  EXPECT_EQ(counts(t(30)).sessions[index_of(State::kStale)], 10U);
  // However late they were noticed, the transitions are dated when they happened.
  for (const EventRecord& ev : new_events()) EXPECT_EQ(ev.at, t(25)) << ev.id;
}

TEST_F(CatchUpTest, ASessionTouchedWhileBehindCatchesUpFirst) {
  for (int i = 0; i < 10; ++i) open("s" + std::to_string(i), "u" + std::to_string(i), t(0));
  new_events();
  ASSERT_TRUE(e().advance(t(30), 1, nullptr).is_ok());  // one step done, the engine behind
  beat("s9", t(31), Activity::kActive);
  std::vector<std::pair<State, Millis>> s9;
  for (const EventRecord& ev : new_events()) {
    if (ev.kind == EventKind::kSession && ev.id == "s9") s9.emplace_back(ev.new_state, ev.at);
  }
  // Its stale spell is not lost: stale at 25 s, active again at 31 s.
  ASSERT_EQ(s9.size(), 2U);
  EXPECT_EQ(s9[0], std::make_pair(State::kStale, t(25)));
  EXPECT_EQ(s9[1], std::make_pair(State::kActive, t(31)));
}

}  // namespace
}  // namespace presence::core::testing
