#include "recount.h"

#include <algorithm>

namespace soak {

namespace {

bool differs(const char* what, std::uint64_t counted, std::uint64_t recounted, std::string* why) {
  if (counted == recounted) return false;
  *why = std::string(what) + ": counted " + std::to_string(counted) + ", recounted " +
         std::to_string(recounted);
  return true;
}

}  // namespace

bool counts_match_recount(pe_engine* engine, std::int64_t now, std::string* why) {
  std::uint64_t users[PE_STATE_COUNT] = {};
  std::uint64_t sessions[PE_STATE_COUNT] = {};
  std::uint64_t reconnecting = 0;
  std::string cursor;
  do {
    pe_result* page = nullptr;
    if (pe_engine_list_users(engine, PE_STATE_OFFLINE, cursor.data(), cursor.size(), 10'000, now,
                             &page) != PE_OK) {
      *why = std::string("list users: ") + pe_last_error_message();
      return false;
    }
    for (std::size_t i = 0; i < pe_result_user_count(page); ++i) {
      pe_user_info u;
      pe_user_info_init(&u);
      pe_result_user(page, i, &u);
      ++users[u.state];
      if (u.state == PE_STATE_OFFLINE) continue;
      pe_result* detail = nullptr;
      if (pe_engine_get_user(engine, u.user_id, u.user_id_len, now, &detail) != PE_OK) {
        *why = std::string("get user: ") + pe_last_error_message();
        pe_result_destroy(page);
        return false;
      }
      pe_state best = PE_STATE_OFFLINE;
      for (std::size_t k = 0; k < pe_result_session_count(detail); ++k) {
        pe_session_info s;
        pe_session_info_init(&s);
        pe_result_session(detail, k, &s);
        ++sessions[s.state];
        if (s.reconnecting != 0) ++reconnecting;
        best = std::max(best, s.state);
      }
      const bool consistent = best == u.state && u.session_count == pe_result_session_count(detail);
      pe_result_destroy(detail);
      if (!consistent) {
        *why =
            "user '" + std::string(u.user_id, u.user_id_len) + "' is not derived from its sessions";
        pe_result_destroy(page);
        return false;
      }
    }
    const char* next = nullptr;
    std::size_t next_len = 0;
    pe_result_cursor(page, &next, &next_len);
    cursor.assign(next, next_len);
    pe_result_destroy(page);
  } while (!cursor.empty());

  pe_counts c;
  pe_counts_init(&c);
  if (pe_engine_counts(engine, now, &c) != PE_OK) {
    *why = std::string("counts: ") + pe_last_error_message();
    return false;
  }
  const std::uint64_t alive = sessions[PE_STATE_ACTIVE] + sessions[PE_STATE_IDLE] +
                              sessions[PE_STATE_AWAY] + sessions[PE_STATE_STALE];
  return !(differs("active sessions", c.sessions_active, sessions[PE_STATE_ACTIVE], why) ||
           differs("idle sessions", c.sessions_idle, sessions[PE_STATE_IDLE], why) ||
           differs("away sessions", c.sessions_away, sessions[PE_STATE_AWAY], why) ||
           differs("stale sessions", c.sessions_stale, sessions[PE_STATE_STALE], why) ||
           differs("alive sessions", c.sessions_alive, alive, why) ||
           differs("reconnecting sessions", c.sessions_reconnecting, reconnecting, why) ||
           differs("guest sessions", c.guest_sessions, 0, why) ||
           differs("active users", c.users_active, users[PE_STATE_ACTIVE], why) ||
           differs("idle users", c.users_idle, users[PE_STATE_IDLE], why) ||
           differs("away users", c.users_away, users[PE_STATE_AWAY], why) ||
           differs("stale users", c.users_stale, users[PE_STATE_STALE], why) ||
           differs("offline users", c.users_offline, users[PE_STATE_OFFLINE], why) ||
           differs("alive users", c.users_alive,
                   users[PE_STATE_ACTIVE] + users[PE_STATE_IDLE] + users[PE_STATE_AWAY] +
                       users[PE_STATE_STALE],
                   why));
}

}  // namespace soak
