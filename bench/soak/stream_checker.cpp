#include "stream_checker.h"

#include <utility>

namespace soak {

namespace {

std::string text(const char* data, std::size_t size) {
  return data == nullptr ? std::string() : std::string(data, size);
}

}  // namespace

bool StreamChecker::fail(std::string why) {
  if (failure_.empty()) failure_ = std::move(why);
  return false;
}

bool StreamChecker::poll(pe_engine* engine) {
  for (;;) {
    pe_result* batch = nullptr;
    const pe_status status = pe_engine_poll_events(engine, seq_, 65'536, &batch);
    if (status != PE_OK) {
      return fail(std::string("poll after seq ") + std::to_string(seq_) + ": " +
                  pe_status_name(status) + " (" + pe_last_error_message() + ")");
    }
    const std::size_t count = pe_result_event_count(batch);
    bool ok = true;
    for (std::size_t i = 0; i < count && ok; ++i) {
      pe_event event;
      pe_event_init(&event);
      ok = pe_result_event(batch, i, &event) == PE_OK && apply(event);
    }
    pe_result_destroy(batch);
    if (!ok) return false;
    if (count < 65'536) return true;
  }
}

bool StreamChecker::apply(const pe_event& event) {
  if (event.seq != seq_ + 1) {
    return fail("seq " + std::to_string(event.seq) + " follows seq " + std::to_string(seq_));
  }
  seq_ = event.seq;
  ++events_;
  switch (event.kind) {
    case PE_EVENT_SESSION: ++session_events_; return apply_state(sessions_, event);
    case PE_EVENT_USER: ++user_events_; return apply_state(users_, event);
    case PE_EVENT_MEMBER: {
      ++member_events_;
      const std::string key =
          text(event.room_id, event.room_id_len) + "/" + text(event.id, event.id_len);
      const bool joined = event.old_state == PE_STATE_OFFLINE;
      if (joined == (event.new_state == PE_STATE_OFFLINE)) {
        return fail("member event " + std::to_string(event.seq) + " is neither a join nor a leave");
      }
      if (joined ? !members_.insert(key).second : members_.erase(key) == 0) {
        return fail("member " + key + (joined ? " joined twice" : " left without joining") +
                    " (seq " + std::to_string(event.seq) + ")");
      }
      return true;
    }
    default: return true;  // readiness, intents, occupancy, availability: not in the soak's checks
  }
}

bool StreamChecker::apply_state(std::unordered_map<std::string, pe_state>& view,
                                const pe_event& event) {
  const std::string id = text(event.id, event.id_len);
  const auto it = view.find(id);
  const pe_state before = it == view.end() ? PE_STATE_OFFLINE : it->second;
  if (event.old_state != before || event.new_state == event.old_state) {
    return fail("event " + std::to_string(event.seq) + " for '" + id + "' goes " +
                pe_state_name(event.old_state) + " -> " + pe_state_name(event.new_state) +
                " but the last event left it " + pe_state_name(before));
  }
  if (event.new_state == PE_STATE_OFFLINE) {
    view.erase(it);
  } else if (it == view.end()) {
    view.emplace(id, event.new_state);
  } else {
    it->second = event.new_state;
  }
  return true;
}

bool StreamChecker::matches_snapshot(pe_engine* engine, std::int64_t now) {
  if (!poll(engine)) return false;
  pe_result* snapshot = nullptr;
  if (pe_engine_snapshot(engine, now, &snapshot) != PE_OK) {
    return fail(std::string("snapshot: ") + pe_last_error_message());
  }
  bool ok = pe_result_seq(snapshot) == seq_ ||
            fail("the snapshot names seq " + std::to_string(pe_result_seq(snapshot)) +
                 ", the stream is at " + std::to_string(seq_));
  ok = ok && (pe_result_session_count(snapshot) == sessions_.size() ||
              fail("the snapshot has " + std::to_string(pe_result_session_count(snapshot)) +
                   " sessions, the stream " + std::to_string(sessions_.size())));
  ok = ok && (pe_result_user_count(snapshot) == users_.size() ||
              fail("the snapshot has " + std::to_string(pe_result_user_count(snapshot)) +
                   " users, the stream " + std::to_string(users_.size())));
  for (std::size_t i = 0; ok && i < pe_result_session_count(snapshot); ++i) {
    pe_session_info s;
    pe_session_info_init(&s);
    pe_result_session(snapshot, i, &s);
    const auto it = sessions_.find(text(s.session_id, s.session_id_len));
    ok = (it != sessions_.end() && it->second == s.state) ||
         fail("session '" + text(s.session_id, s.session_id_len) + "' differs from the stream");
  }
  for (std::size_t i = 0; ok && i < pe_result_user_count(snapshot); ++i) {
    pe_user_info u;
    pe_user_info_init(&u);
    pe_result_user(snapshot, i, &u);
    const auto it = users_.find(text(u.user_id, u.user_id_len));
    ok = (it != users_.end() && it->second == u.state) ||
         fail("user '" + text(u.user_id, u.user_id_len) + "' differs from the stream");
  }
  pe_result_destroy(snapshot);
  return ok;
}

}  // namespace soak
