// Fuzzes sequences of C ABI calls. The input is decoded into a configuration
// and then calls: every signal, room, availability, intent, fan-out and read
// entry point, with ids from small tables (and now and then an empty,
// oversized, non-UTF-8 or NULL one), raw enum values and times that move
// forward, stand still, go back or are out of range.
//
// Checked along the way: no call crashes or trips a sanitizer; every
// failure has a message; a consumer polling the events (resnapshotting when
// told it fell behind) sees gap-free seqs and, per session and user, each
// event's old state equal to the previous event's new one. Checked at the
// end: the counts equal a recount of every session, user and room member;
// the consumer's view equals the engine's snapshot; and the engine saved to
// a file and restored gives the same counts and recount.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "presence/presence.h"

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// Every failure explains itself.
void expect_message(pe_status status) {
  require(status == PE_OK || pe_last_error_message()[0] != '\0');
}

class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | byte();
    return v;
  }
  std::int64_t i64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
    return static_cast<std::int64_t>(v);
  }
  // Up to `max` raw bytes (any content, UTF-8 or not).
  std::string_view bytes(std::size_t max) {
    const std::size_t wanted = byte() % (max + 1);
    const std::size_t n = std::min(wanted, size_ - std::min(at_, size_));
    const std::string_view out(reinterpret_cast<const char*>(data_) + std::min(at_, size_), n);
    at_ += n;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

struct Text {
  const char* data;
  std::size_t size;
};

// The ids calls choose from: few, so that calls meet the same records and
// the final recount can enumerate everything.
const char* const kSessions[] = {"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"};
const char* const kUsers[] = {"u0", "u1", "u2", "u3"};
const char* const kRooms[] = {"r0", "r1", "r2"};
const char* const kTransports[] = {"t0", "t1", "t2", "t3"};
// Longer than any max_id_bytes the configuration allows.
const std::string& long_id() {
  static const std::string id(2'000, 'x');
  return id;
}

template <std::size_t N>
Text pick(Input& in, const char* const (&table)[N]) {
  const std::uint8_t b = in.byte();
  switch (b) {  // now and then, an id the engine must refuse
    case 251: return {"", 0};
    case 252: return {"\xff\xfe", 2};
    case 253: return {long_id().data(), long_id().size()};
    case 254: return {nullptr, 3};
    default: return {table[b % N], std::strlen(table[b % N])};
  }
}

pe_config make_config(Input& in) {
  pe_config c;
  pe_config_init(&c);
  // A byte times a unit of milliseconds.
  const auto ms = [&in](std::int64_t unit) { return in.byte() * unit; };
  // Small durations, so that time-driven transitions happen within a few
  // calls; mostly consistent, sometimes not (creation must then refuse).
  c.idle_after_ms = 200 + ms(20);
  c.away_after_ms = c.idle_after_ms + 100 + ms(20);
  c.blur_tolerance_ms = 50 + ms(10);
  c.heartbeat_active_ms = 100 + ms(10);
  c.heartbeat_idle_ms = c.heartbeat_active_ms + ms(10);
  c.heartbeat_hidden_ms = c.heartbeat_idle_ms + ms(10);
  c.heartbeat_grace_ms = 50 + ms(10);
  c.reconnect_grace_ms = 50 + ms(20);
  c.session_ttl_ms =
      c.heartbeat_hidden_ms + c.heartbeat_grace_ms + c.reconnect_grace_ms + ms(20) - 5;
  c.debounce_active_ms = ms(5);
  c.debounce_idle_ms = ms(5);
  c.debounce_away_ms = ms(5);
  c.debounce_stale_ms = ms(5);
  c.debounce_offline_ms = ms(5);
  c.last_seen_retention_ms = 500 + ms(100);
  c.last_seen_max_users = in.byte() % 6;
  c.event_buffer_capacity = 1 + ms(2);  // small: consumers fall behind
  c.max_id_bytes = 2 + in.byte() % 40;
  c.max_meta_bytes = in.byte();
  c.max_sessions_per_user = 1 + in.byte() % 4;
  c.max_sessions = in.byte() % 10;
  c.room_arriving_ms = 100 + ms(20);
  c.room_momentum_half_life_ms = 100 + ms(50);
  c.max_rooms_per_session = in.byte() % 4;
  c.max_rooms = in.byte() % 4;
  c.readiness_room_quorum = in.byte() % 4;
  c.readiness_ready_threshold = (in.byte() % 101) / 100.0;
  c.readiness_unready_threshold = (in.byte() % 101) / 100.0;
  c.max_intents_per_caller = in.byte() % 4;
  c.max_intent_ttl_ms = 1 + ms(100);
  c.max_catch_up_steps = in.byte() % 5;
  c.require_resume_token = in.byte() % 2;
  return c;
}

// A consumer of the event stream, resnapshotting when it falls behind.
class Consumer {
 public:
  void resync(pe_engine* engine, std::int64_t now) {
    pe_result* snapshot = nullptr;
    const pe_status status = pe_engine_snapshot(engine, now, &snapshot);
    expect_message(status);
    if (status != PE_OK) return;
    sessions_.clear();
    users_.clear();
    for (std::size_t i = 0; i < pe_result_session_count(snapshot); ++i) {
      pe_session_info s;
      pe_session_info_init(&s);
      require(pe_result_session(snapshot, i, &s) == PE_OK);
      sessions_[std::string(s.session_id, s.session_id_len)] = s.state;
    }
    for (std::size_t i = 0; i < pe_result_user_count(snapshot); ++i) {
      pe_user_info u;
      pe_user_info_init(&u);
      require(pe_result_user(snapshot, i, &u) == PE_OK);
      users_[std::string(u.user_id, u.user_id_len)] = u.state;
    }
    seq_ = pe_result_seq(snapshot);
    pe_result_destroy(snapshot);
  }

  void poll(pe_engine* engine, std::int64_t now) {
    pe_result* events = nullptr;
    const pe_status status = pe_engine_poll_events(engine, seq_, 0, &events);
    expect_message(status);
    if (status == PE_TOO_FAR_BEHIND) {
      resync(engine, now);
      return;
    }
    require(status == PE_OK);
    for (std::size_t i = 0; i < pe_result_event_count(events); ++i) {
      pe_event ev;
      pe_event_init(&ev);
      require(pe_result_event(events, i, &ev) == PE_OK);
      require(ev.seq == seq_ + 1);  // no gap, no repeat
      seq_ = ev.seq;
      if (ev.kind != PE_EVENT_SESSION && ev.kind != PE_EVENT_USER) continue;
      auto& view = ev.kind == PE_EVENT_SESSION ? sessions_ : users_;
      const std::string id(ev.id, ev.id_len);
      const auto it = view.find(id);
      require(ev.old_state == (it == view.end() ? PE_STATE_OFFLINE : it->second));
      require(ev.new_state != ev.old_state);
      if (ev.new_state == PE_STATE_OFFLINE) {
        view.erase(id);
      } else {
        view[id] = ev.new_state;
      }
    }
    pe_result_destroy(events);
  }

  // The view built from events equals the engine's published view.
  void check_against_snapshot(pe_engine* engine, std::int64_t now) {
    poll(engine, now);
    const auto sessions = sessions_;
    const auto users = users_;
    const std::uint64_t seq = seq_;
    resync(engine, now);
    if (seq_ != seq) return;  // the snapshot's own catch-up published more
    require(sessions == sessions_ && users == users_);
  }

 private:
  std::uint64_t seq_ = 0;
  std::map<std::string, pe_state> sessions_;
  std::map<std::string, pe_state> users_;
};

// Counts recounted from the sessions, users and rooms one by one.
void check_recount(pe_engine* engine, std::int64_t now) {
  // Bring every record up to date first: with max_catch_up_steps, reads
  // alone may leave due timers for the ticker.
  require(pe_engine_advance(engine, now, 0, nullptr) == PE_OK);
  pe_counts counts;
  pe_counts_init(&counts);
  require(pe_engine_counts(engine, now, &counts) == PE_OK);
  std::uint64_t sessions[PE_STATE_COUNT] = {};
  std::uint64_t reconnecting = 0;
  std::uint64_t guests = 0;
  std::uint64_t invisible_sessions = 0;
  for (const char* id : kSessions) {
    pe_result* r = nullptr;
    if (pe_engine_get_session(engine, id, std::strlen(id), now, &r) != PE_OK) continue;
    pe_session_info s;
    pe_session_info_init(&s);
    require(pe_result_session(r, 0, &s) == PE_OK);
    require(s.true_state != PE_STATE_OFFLINE);
    if (s.user_id == nullptr) ++guests;
    if (s.state == PE_STATE_OFFLINE) {
      ++invisible_sessions;
    } else {
      ++sessions[s.state];
      if (s.reconnecting != 0) ++reconnecting;
    }
    pe_result_destroy(r);
  }
  std::uint64_t users[PE_STATE_COUNT] = {};
  std::uint64_t invisible_users = 0;
  for (const char* id : kUsers) {
    pe_result* r = nullptr;
    if (pe_engine_get_user(engine, id, std::strlen(id), now, &r) != PE_OK) continue;
    pe_user_info u;
    pe_user_info_init(&u);
    require(pe_result_user(r, 0, &u) == PE_OK);
    if (u.true_availability == PE_AVAILABILITY_INVISIBLE) {
      require(u.state == PE_STATE_OFFLINE && pe_result_session_count(r) == 0);
      if (u.true_state != PE_STATE_OFFLINE) ++invisible_users;
    } else {
      pe_state best = PE_STATE_OFFLINE;
      for (std::size_t i = 0; i < pe_result_session_count(r); ++i) {
        pe_session_info s;
        pe_session_info_init(&s);
        require(pe_result_session(r, i, &s) == PE_OK);
        best = std::max(best, s.state);
      }
      require(u.state == best && u.session_count == pe_result_session_count(r));
    }
    ++users[u.state];
    pe_result_destroy(r);
  }
  std::uint64_t alive = 0;
  std::uint64_t users_alive = 0;
  const std::uint64_t counted[PE_STATE_COUNT] = {0, counts.sessions_stale, counts.sessions_away,
                                                 counts.sessions_idle, counts.sessions_active};
  const std::uint64_t counted_users[PE_STATE_COUNT] = {counts.users_offline, counts.users_stale,
                                                       counts.users_away, counts.users_idle,
                                                       counts.users_active};
  for (int s = 0; s < PE_STATE_COUNT; ++s) {
    require(counted[s] == sessions[s] && counted_users[s] == users[s]);
    alive += sessions[s];
    if (s != PE_STATE_OFFLINE) users_alive += users[s];
  }
  require(counts.sessions_alive == alive && counts.users_alive == users_alive);
  require(counts.sessions_reconnecting == reconnecting && counts.guest_sessions == guests);
  require(counts.sessions_invisible == invisible_sessions);
  require(counts.users_invisible == invisible_users);

  std::uint64_t rooms = 0;
  for (const char* id : kRooms) {
    pe_result* r = nullptr;
    if (pe_engine_get_room(engine, id, std::strlen(id), now, &r) != PE_OK) continue;
    ++rooms;
    pe_room_info room;
    pe_room_info_init(&room);
    require(pe_result_room(r, 0, &room) == PE_OK);
    pe_result_destroy(r);
    require(pe_room_list_members(engine, id, std::strlen(id), PE_STATE_STALE, nullptr, 0, 10'000,
                                 now, &r) == PE_OK);
    std::uint32_t members[PE_STATE_COUNT] = {};
    std::uint32_t seats = 0;
    for (std::size_t i = 0; i < pe_result_member_count(r); ++i) {
      pe_member_info m;
      pe_member_info_init(&m);
      require(pe_result_member(r, i, &m) == PE_OK);
      ++members[m.state];
      seats += m.session_count;
    }
    pe_result_destroy(r);
    require(members[PE_STATE_ACTIVE] == room.members_active &&
            members[PE_STATE_IDLE] == room.members_idle &&
            members[PE_STATE_AWAY] == room.members_away &&
            members[PE_STATE_STALE] == room.members_stale);
    require(seats ==
            room.sessions_active + room.sessions_idle + room.sessions_away + room.sessions_stale);
  }
  require(counts.rooms == rooms);
}

// A directory for the save-and-restore check (tmpfs when there is one).
const std::string& scratch_dir() {
  static const std::string dir = [] {
    std::string pattern =
        access("/dev/shm", W_OK) == 0 ? "/dev/shm/pe-fuzz-XXXXXX" : "/tmp/pe-fuzz-XXXXXX";
    require(mkdtemp(pattern.data()) != nullptr);
    return pattern;
  }();
  return dir;
}

void check_save_and_restore(pe_engine* engine, const pe_config& config, std::int64_t now) {
  const std::string path = scratch_dir() + "/engine.snap";
  require(pe_engine_save(engine, path.data(), path.size(), now) == PE_OK);
  pe_engine* restored = nullptr;
  require(pe_engine_create_from_file(&config, path.data(), path.size(), now, &restored) == PE_OK);
  pe_counts before;
  pe_counts after;
  pe_counts_init(&before);
  pe_counts_init(&after);
  require(pe_engine_counts(engine, now, &before) == PE_OK);
  require(pe_engine_counts(restored, now, &after) == PE_OK);
  // The restore disconnected every transport; nothing else differs.
  require(before.sessions_alive == after.sessions_alive &&
          before.sessions_active == after.sessions_active &&
          before.sessions_idle == after.sessions_idle &&
          before.sessions_away == after.sessions_away &&
          before.sessions_stale == after.sessions_stale &&
          before.guest_sessions == after.guest_sessions &&
          before.users_alive == after.users_alive && before.users_offline == after.users_offline &&
          before.users_invisible == after.users_invisible && before.rooms == after.rooms);
  check_recount(restored, now);
  pe_engine_destroy(restored);
  unlink(path.c_str());
}

// Destroys every result a read returns.
void drop(pe_status status, pe_result* result) {
  expect_message(status);
  pe_result_destroy(result);
}

void counting_callback(void* payload, std::uint64_t /*last_seq*/) {
  ++*static_cast<int*>(payload);
}

// The time of the next call: mostly forward, sometimes older (taken as the
// latest), or any 64-bit value (refused unless in range). Never the engine's
// clock, so that every input replays the same way.
std::int64_t next_time(Input& in, std::int64_t* now) {
  const std::int64_t when = in.byte();
  if (when < 200) return *now += when * 13;
  if (when < 220) return *now - when;
  if (when < 245) return *now += (when - 219) * 1'000;
  return in.i64();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  const pe_config config = make_config(in);
  pe_engine* engine = nullptr;
  const pe_status created = pe_engine_create(&config, &engine);
  expect_message(created);
  if (created != PE_OK) {
    require(engine == nullptr);
    return 0;
  }
  int callbacks = 0;
  require(pe_engine_set_event_callback(engine, counting_callback, &callbacks) == PE_OK);
  std::int64_t now = kT0;
  std::string tokens[sizeof kSessions / sizeof *kSessions];
  std::string cursor;
  Consumer consumer;
  pe_result* r = nullptr;

  for (int call = 0; call < 400 && !in.empty(); ++call) {
    const std::int64_t at = next_time(in, &now);
    const Text session = pick(in, kSessions);
    const std::size_t session_index = (session.data != nullptr && session.size == 2)
                                          ? static_cast<std::size_t>(session.data[1] - '0')
                                          : SIZE_MAX;
    const Text user = pick(in, kUsers);
    const Text room = pick(in, kRooms);
    pe_status status = PE_OK;
    switch (in.byte() % 28) {
      case 0:
      case 1: {
        pe_open_params params;
        pe_open_params_init(&params);
        const std::uint8_t flags = in.byte();
        if ((flags & 1) != 0) {
          params.user_id = user.data;
          params.user_id_len = user.size;
        }
        const std::string_view meta = (flags & 2) != 0 ? in.bytes(40) : std::string_view();
        if ((flags & 2) != 0) {
          params.meta = meta.data();
          params.meta_len = meta.size();
        }
        if ((flags & 4) != 0) {
          const Text transport = pick(in, kTransports);
          params.transport_id = transport.data;
          params.transport_id_len = transport.size;
        }
        params.visibility = static_cast<pe_visibility>(static_cast<std::int8_t>(in.byte()) % 4);
        const std::string_view garbage = (flags & 16) != 0 ? in.bytes(40) : std::string_view();
        if ((flags & 8) != 0 && session_index < 8) {
          params.resume_token = tokens[session_index].data();
          params.resume_token_len = tokens[session_index].size();
        } else if ((flags & 16) != 0) {
          params.resume_token = garbage.data();
          params.resume_token_len = garbage.size();
        }
        pe_open_info info;
        pe_open_info_init(&info);
        status = pe_session_open(engine, session.data, session.size, &params, at, &info);
        if (status == PE_OK) {
          require(std::strlen(info.resume_token) == 32);
          if (session_index < 8) tokens[session_index] = info.resume_token;
        }
        break;
      }
      case 2:
      case 3:
      case 4: {
        std::int64_t interval = 0;
        status = pe_session_heartbeat(engine, session.data, session.size,
                                      static_cast<pe_activity>(in.byte() % 4 - 1),
                                      static_cast<pe_visibility>(in.byte() % 4), at, &interval);
        require(status != PE_OK || interval > 0);
        break;
      }
      case 5: {
        pe_heartbeat items[6];
        pe_status statuses[6];
        std::int64_t intervals[6];
        std::size_t failed = 0;
        const std::size_t count = in.byte() % 7;
        for (std::size_t i = 0; i < count; ++i) {
          const Text id = pick(in, kSessions);
          items[i] = pe_heartbeat{id.data, id.size, static_cast<pe_activity>(in.byte() % 4),
                                  static_cast<pe_visibility>(in.byte() % 4)};
        }
        status = pe_session_heartbeat_batch(engine, items, count, at, statuses, intervals, &failed);
        if (status == PE_OK) {
          std::size_t refused = 0;
          for (std::size_t i = 0; i < count; ++i) refused += statuses[i] != PE_OK ? 1 : 0;
          require(refused == failed);
        }
        break;
      }
      case 6: status = pe_session_activity(engine, session.data, session.size, at); break;
      case 7:
        status = pe_session_visibility(engine, session.data, session.size,
                                       static_cast<pe_visibility>(in.byte() % 4), at);
        break;
      case 8: status = pe_session_disconnect(engine, session.data, session.size, at); break;
      case 9: {
        const Text transport = pick(in, kTransports);
        status = pe_transport_disconnect(engine, transport.data, transport.size, at);
        break;
      }
      case 10: status = pe_session_leave(engine, session.data, session.size, at); break;
      case 11:
        status = pe_session_identify(engine, session.data, session.size, user.data, user.size, at);
        break;
      case 12: {
        int more = 0;
        status = pe_engine_advance(engine, at, in.byte() % 4, &more);
        std::int64_t deadline = 0;
        require(pe_engine_next_deadline(engine, &deadline) == PE_OK);
        break;
      }
      case 13:
        status = pe_room_join(engine, session.data, session.size, room.data, room.size, at);
        break;
      case 14:
        status = pe_room_leave(engine, session.data, session.size, room.data, room.size, at);
        break;
      case 15:
        status = pe_room_set_count_only(engine, room.data, room.size, in.byte() % 2,
                                        static_cast<std::int64_t>(in.byte()) * 50 - 100, at);
        break;
      case 16:
        status = pe_user_set_availability(engine, user.data, user.size,
                                          static_cast<pe_availability>(in.byte() % 6 - 1), at);
        break;
      case 17: {
        const bool to_room = (in.byte() & 1) != 0;
        const Text target = to_room ? room : pick(in, kUsers);
        const std::string_view kind = in.bytes(8);
        status = pe_intent_open(engine, user.data, user.size,
                                static_cast<pe_target_kind>(to_room ? 2 : in.byte() % 4),
                                target.data, target.size, kind.data(), kind.size(),
                                static_cast<std::int64_t>(in.byte()) * 100 - 50, at, &r);
        drop(status, r);
        r = nullptr;
        break;
      }
      case 18: {
        const std::string id = "intent-" + std::to_string(in.byte() % 12);
        status = pe_intent_cancel(engine, id.data(), id.size(), at);
        break;
      }
      case 19:
        status = pe_intent_list(engine, in.byte() % 2, static_cast<pe_target_kind>(in.byte() % 4),
                                user.data, user.size, at, &r);
        drop(status, r);
        r = nullptr;
        break;
      case 20: {
        const std::uint8_t how = in.byte();
        const pe_target_kind kind = static_cast<pe_target_kind>(1 + how % 2);
        const Text target = kind == PE_TARGET_ROOM ? room : user;
        if (how < 100) {
          status = pe_subscriber_subscribe(engine, session.data, session.size, kind, target.data,
                                           target.size);
        } else if (how < 200) {
          status = pe_subscriber_unsubscribe(engine, session.data, session.size, kind, target.data,
                                             target.size);
        } else {
          status = pe_subscriber_unsubscribe_all(engine, session.data, session.size);
        }
        break;
      }
      case 21:
        status = pe_engine_fanout(engine, in.u32() % 64, in.byte() % 8, &r);
        drop(status, r);
        r = nullptr;
        break;
      case 22: {
        const std::uint8_t which = in.byte() % 4;
        if (which == 0) {
          pe_counts counts;
          pe_counts_init(&counts);
          status = pe_engine_counts(engine, at, &counts);
        } else if (which == 1) {
          std::uint64_t seen = 0;
          status =
              pe_engine_count_seen(engine, static_cast<std::int64_t>(in.u32()) - 1'000, at, &seen);
        } else if (which == 2) {
          pe_stats stats;
          pe_stats_init(&stats);
          status = pe_engine_stats(engine, &stats);
        } else {
          pe_readiness readiness;
          pe_readiness_init(&readiness);
          const bool of_room = (in.byte() & 1) != 0;
          const Text id = of_room ? room : user;
          status = pe_engine_readiness(engine, static_cast<pe_target_kind>(of_room ? 2 : 1),
                                       id.data, id.size, at, &readiness);
        }
        break;
      }
      case 23: {
        status = pe_engine_list_users(engine, static_cast<pe_state>(in.byte() % 6), cursor.data(),
                                      cursor.size(), in.byte() % 4, at, &r);
        const char* next = nullptr;
        std::size_t next_len = 0;
        if (status == PE_OK && pe_result_cursor(r, &next, &next_len) == PE_OK) {
          cursor.assign(next, next_len);
        }
        drop(status, r);
        r = nullptr;
        break;
      }
      case 24:
        status = pe_engine_get_user(engine, user.data, user.size, at, &r);
        drop(status, r);
        r = nullptr;
        status = pe_engine_get_session(engine, session.data, session.size, at, &r);
        drop(status, r);
        r = nullptr;
        break;
      case 25: {
        const std::uint8_t which = in.byte() % 4;
        if (which == 0) {
          status = pe_engine_list_rooms(engine, nullptr, 0, 1 + in.byte() % 3, at, &r);
        } else if (which == 1) {
          status = pe_room_list_members(engine, room.data, room.size,
                                        static_cast<pe_state>(in.byte() % 6), nullptr, 0,
                                        1 + in.byte() % 3, at, &r);
        } else if (which == 2) {
          status = pe_user_list_rooms(engine, user.data, user.size, at, &r);
        } else {
          status = pe_room_get_metrics(engine, room.data, room.size, at, &r);
        }
        drop(status, r);
        r = nullptr;
        break;
      }
      case 26:
        status =
            pe_engine_prometheus(engine, room.data, in.byte() % 2 == 0 ? 0 : room.size, at, &r);
        drop(status, r);
        r = nullptr;
        break;
      default:
        status = pe_engine_snapshot(engine, at, &r);
        drop(status, r);
        r = nullptr;
        break;
    }
    expect_message(status);
    consumer.poll(engine, now);
  }

  std::int64_t latest = 0;
  require(pe_engine_now(engine, &latest) == PE_OK);
  check_recount(engine, latest);
  consumer.check_against_snapshot(engine, latest);
  check_save_and_restore(engine, config, latest);
  pe_engine_destroy(engine);
  return 0;
}
