// Runs scenario steps against the C ABI (through presence.hpp): each step is
// one call, and its results come back in the file's own vocabulary (state
// names, times after t0), so that comparing them is plain JSON comparison.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "json_schema.h"
#include "presence/presence.hpp"

namespace scenarios {

// What one call did: its status and, on success, its results.
struct Outcome {
  std::string status = "OK";  // pe_status_name()
  std::string message;        // pe_last_error_message() of a failed call
  Json actual;                // the results; null for calls that return nothing
};

// pe_config from the file's "config": the defaults, then every field named.
pe_config make_config(const Json& config);

class Driver {
 public:
  Driver(presence::Engine engine, std::int64_t t0) : engine_(std::move(engine)), t0_(t0) {}

  // Runs one step (validated against the schema) and reports what happened.
  Outcome run(const Json& step);

 private:
  Json call(const Json& step);

  // One handler per "do".
  Json open(const Json& step);
  Json heartbeat(const Json& step);
  Json heartbeat_batch(const Json& step);
  Json activity(const Json& step);
  Json visibility(const Json& step);
  Json disconnect(const Json& step);
  Json disconnect_transport(const Json& step);
  Json leave(const Json& step);
  Json identify(const Json& step);
  Json advance(const Json& step);
  Json next_deadline(const Json& step);
  Json engine_now(const Json& step);
  Json get_session(const Json& step);
  Json get_user(const Json& step);
  Json counts(const Json& step);
  Json count_seen(const Json& step);
  Json list_users(const Json& step);
  Json snapshot(const Json& step);
  Json poll_events(const Json& step);
  Json events(const Json& step);
  Json stats(const Json& step);
  Json close(const Json& step);
  // Coordination.
  Json join_room(const Json& step);
  Json leave_room(const Json& step);
  Json set_count_only(const Json& step);
  Json get_room(const Json& step);
  Json list_rooms(const Json& step);
  Json list_members(const Json& step);
  Json user_rooms(const Json& step);
  Json room_metrics(const Json& step);
  Json set_availability(const Json& step);
  Json readiness(const Json& step);
  Json open_intent(const Json& step);
  Json cancel_intent(const Json& step);
  Json list_intents(const Json& step);
  Json subscribe(const Json& step);
  Json unsubscribe(const Json& step);
  Json unsubscribe_all(const Json& step);
  Json fanout(const Json& step);
  Json prometheus(const Json& step);

  std::int64_t now(const Json& step) const;
  std::int64_t relative(std::int64_t ms) const { return ms - t0_; }
  Json session_json(const presence::SessionInfo& s) const;
  Json user_json(const pe_user_info& u) const;
  Json event_json(const presence::Event& e) const;
  Json room_json(const presence::RoomInfo& r) const;
  Json member_json(const presence::MemberInfo& m) const;
  Json intent_json(const presence::IntentInfo& i) const;
  Json users_json(const pe_result* result) const;
  Json sessions_json(const std::vector<presence::SessionInfo>& sessions) const;
  Json events_json(const std::vector<presence::Event>& events) const;
  // The cursor given by "cursor", or taken from the step named by "cursor_from".
  std::string cursor_arg(const Json& step) const;
  // The seq given by "after_seq", or taken from the step named by "after_seq_from".
  std::uint64_t after_seq_arg(const Json& step) const;

  presence::Engine engine_;
  std::int64_t t0_;
  std::uint64_t checkpoint_seq_ = 0;   // "events" steps read after this seq
  std::map<std::string, Json> named_;  // results of steps named with "as"
};

}  // namespace scenarios
