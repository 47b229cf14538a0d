// A test engine with round, readable thresholds and helpers that keep tests
// about the rule they check rather than the plumbing.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace presence::core::testing {

// t(5) = 5 seconds after the test epoch, in ms.
inline constexpr Millis kEpoch = 1'700'000'000'000;
inline Millis t(double seconds) {
  return kEpoch + static_cast<Millis>(seconds * 1000);
}

inline Config test_config() {
  Config c;  // the documented defaults, with no debounce unless a test sets it
  c.debounce = {0, 0, 0, 0, 0};
  return c;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { make(test_config()); }

  void make(const Config& config) {
    Status status = Engine::create(config, &engine_);
    ASSERT_TRUE(status.is_ok()) << status.message();
  }

  Engine& e() { return *engine_; }

  OpenResult open(const std::string& id, const std::string& user, Millis now,
                  Visibility visibility = Visibility::kUnknown) {
    OpenParams params;
    if (!user.empty()) params.user_id = user;
    params.visibility = visibility;
    OpenResult result;
    Status status = e().open(id, params, now, &result);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return result;
  }

  Millis beat(const std::string& id, Millis now, Activity activity = Activity::kUnknown,
              Visibility visibility = Visibility::kUnknown) {
    Millis interval = 0;
    Status status = e().heartbeat(id, activity, visibility, now, &interval);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return interval;
  }

  SessionView session(const std::string& id, Millis now) {
    SessionView view;
    Status status = e().get_session(id, now, &view);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return view;
  }

  State session_state(const std::string& id, Millis now) {
    SessionView view;
    Status status = e().get_session(id, now, &view);
    return status.is_ok() ? view.state : State::kOffline;
  }

  UserView user(const std::string& id, Millis now) {
    UserDetail detail;
    Status status = e().get_user(id, now, &detail);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return detail.user;
  }

  State user_state(const std::string& id, Millis now) {
    UserDetail detail;
    Status status = e().get_user(id, now, &detail);
    return status.is_ok() ? detail.user.state : State::kOffline;
  }

  void advance_to(Millis now) {
    Status status = e().advance(now, 0, nullptr);
    EXPECT_TRUE(status.is_ok()) << status.message();
  }

  Counts counts(Millis now) {
    Counts c;
    EXPECT_TRUE(e().counts(now, &c).is_ok());
    return c;
  }

  // Events of every kind published since the previous call.
  std::vector<EventRecord> new_events_of_any_kind() {
    std::vector<EventRecord> out;
    Status status = e().events_after(seen_seq_, 0, &out);
    EXPECT_TRUE(status.is_ok()) << status.message();
    if (!out.empty()) seen_seq_ = out.back().seq;
    return out;
  }

  // Session and user events published since the previous call (the
  // presence stream; coordination events are tested on their own).
  std::vector<EventRecord> new_events() {
    std::vector<EventRecord> out;
    for (EventRecord& event : new_events_of_any_kind()) {
      if (event.kind == EventKind::kSession || event.kind == EventKind::kUser) {
        out.push_back(std::move(event));
      }
    }
    return out;
  }

  std::unique_ptr<Engine> engine_;
  std::uint64_t seen_seq_ = 0;
};

}  // namespace presence::core::testing
