// Restoring a snapshot into a fresh engine. Records are written back as they
// were; everything derived from them (indexes, counts, orders, member seats,
// room aggregates, queues and timers) is rebuilt through the engine's own
// bookkeeping, so a restored engine keeps the same invariants as one that
// ran all along. Every value is checked before it is used: a damaged or
// hostile payload (even one with a valid checksum) is refused, never
// half-applied, and never trusted with an index or a length.
#include <algorithm>
#include <cmath>

#include "persist/engine_snapshot.h"
#include "persist/intent_number.h"
#include "persist/snapshot_frame.h"
#include "util/utf8.h"

namespace presence::core {

namespace {

// Largest duration a snapshot may hold (as Config's durations): times plus
// durations then stay far from overflow.
constexpr Millis kMaxDuration = Millis{1} << 40;
// Sequence numbers stay exact in every runtime's numbers.
constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << 53;

// Smallest encoding of one record of each section (every text at least one
// byte), to refuse a count the rest of the payload cannot hold before
// reserving anything for it.
constexpr std::size_t kMinUserBytes = 5 + 1 + 1 + 8 + 1 + 8 + 1 + 1 + 1 + 8 + 8 + 8;
constexpr std::size_t kMinRoomBytes = 5 + 8 + 4 + 4 + 8 + 4 + 1 + 1 + 8 + 1 + 5 * 4 + 32 * 4 + 4;
constexpr std::size_t kMinSessionBytes = 5 + 4 + 5 * 8 + 4 + 4 + 1;
constexpr std::size_t kMinMemberBytes = 4 + 1 + 4 + 8 + 1 + 4;
constexpr std::size_t kMinIntentBytes = 4 * 5 + 1 + 8 + 8;

Status corrupt(const std::string& why) {
  return {Code::kCorrupt, "corrupt snapshot: " + why};
}

bool is_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytesCeiling && is_valid_utf8(id);
}

// "user 3 'alice'": the position, and the id when it is fit to print.
std::string record(const char* kind, std::size_t index, std::string_view id = {}) {
  std::string text = std::string(kind) + " " + std::to_string(index);
  if (is_id(id)) text += " '" + std::string(id) + "'";
  return text;
}

bool is_bool(std::uint8_t value) {
  return value <= 1;
}
bool is_state(std::uint8_t value) {
  return value < kStateCount;
}
bool is_evidence(std::uint8_t value) {
  return value <= static_cast<std::uint8_t>(Evidence::kLeave);
}
bool is_availability(std::uint8_t value) {
  return value <= static_cast<std::uint8_t>(Availability::kInvisible);
}
bool is_unit(float value) {
  return value >= 0.0F && value <= 1.0F;  // false for NaN
}
bool is_weight(float value) {
  return std::isfinite(value) && value >= 0.0F;
}

HashKey read_key(ByteReader& in) {
  HashKey key;
  key.k0 = in.u64();
  key.k1 = in.u64();
  return key;
}

}  // namespace

Status EngineSnapshot::load(const Config& config, std::string_view file, Millis now,
                            std::unique_ptr<Engine>* out) {
  if (now == kUseClock) now = system_now();
  if (now < 0 || now > kMaxTime) {
    return invalid_argument("now_ms must be PE_NOW (-1) or between 0 and 2^53, got " +
                            std::to_string(now));
  }
  if (!config.node_id.empty()) {
    // A node's sessions come back from its peers when it rejoins the cluster.
    return {Code::kUnsupported, "a cluster node (node_id set) cannot be restored from a snapshot"};
  }
  std::string_view payload;
  PE_RETURN_IF_ERROR(open_snapshot_frame(file, &payload));
  std::unique_ptr<Engine> engine;
  PE_RETURN_IF_ERROR(Engine::create(config, &engine));
  EngineSnapshot loader(*engine, payload);
  PE_RETURN_IF_ERROR(loader.load_engine());
  PE_RETURN_IF_ERROR(loader.load_users());
  PE_RETURN_IF_ERROR(loader.load_rooms());
  PE_RETURN_IF_ERROR(loader.load_sessions());
  PE_RETURN_IF_ERROR(loader.load_members());
  PE_RETURN_IF_ERROR(loader.load_intents());
  if (loader.in_.remaining() != 0) {
    return corrupt(std::to_string(loader.in_.remaining()) + " bytes follow the last record");
  }
  loader.settle(now);
  *out = std::move(engine);
  return Status::ok();
}

Status EngineSnapshot::read_count(const char* section, std::size_t min_record_bytes,
                                  std::uint32_t* out) {
  const std::uint32_t count = in_.u32();
  if (!in_.ok()) return corrupt(std::string("the payload ends before the ") + section);
  if (count > in_.remaining() / min_record_bytes) {
    return corrupt(std::string(section) + ": " + std::to_string(count) +
                   " records cannot fit in the " + std::to_string(in_.remaining()) +
                   " bytes that follow");
  }
  *out = count;
  return Status::ok();
}

// --- Engine ---------------------------------------------------------------------

Status EngineSnapshot::load_engine() {
  saved_at_ = in_.i64();
  const std::uint64_t last_seq = in_.u64();
  next_intent_ = in_.u64();
  Stats stats;
  stats.signals = in_.u64();
  stats.transitions = in_.u64();
  stats.events_published = in_.u64();
  stats.limit_rejections = in_.u64();
  const HashKey hash_key = read_key(in_);
  const HashKey token_high = read_key(in_);
  const HashKey token_low = read_key(in_);
  if (!in_.ok()) return corrupt("the payload ends inside the engine section");
  if (saved_at_ < 0 || saved_at_ > kMaxTime) {
    return corrupt("the snapshot's time " + std::to_string(saved_at_) + " is not a valid time");
  }
  if (last_seq >= kMaxSeq) return corrupt("the last event seq is beyond 2^53");
  if (next_intent_ < 1 || next_intent_ >= kMaxSeq) {
    return corrupt("the next intent number " + std::to_string(next_intent_) + " is out of range");
  }

  Engine& e = e_;
  e.now_ = saved_at_;
  e.events_.continue_after(last_seq);
  e.next_intent_ = next_intent_;
  e.stats_.signals = stats.signals;
  e.stats_.transitions = stats.transitions;
  e.stats_.events_published = stats.events_published;
  e.stats_.limit_rejections = stats.limit_rejections;
  e.resume_tokens_ = ResumeTokens(token_high, token_low);
  // The indexes copied the engine's first key: rebuild them (still empty)
  // under the saved one.
  e.hash_key_ = hash_key;
  e.session_index_ = IdIndex<Engine::SessionIdOf>(hash_key, Engine::SessionIdOf{&e.sessions_});
  e.transport_index_ =
      IdIndex<Engine::TransportIdOf>(hash_key, Engine::TransportIdOf{&e.sessions_});
  e.user_index_ = IdIndex<Engine::UserIdOf>(hash_key, Engine::UserIdOf{&e.users_});
  e.room_index_ = IdIndex<Engine::RoomIdOf>(hash_key, Engine::RoomIdOf{&e.rooms_});
  e.intent_index_ = IdIndex<Engine::IntentIdOf>(hash_key, Engine::IntentIdOf{&e.intents_});
  return Status::ok();
}

// --- Users --------------------------------------------------------------------------

Status EngineSnapshot::load_users() {
  std::uint32_t count = 0;
  PE_RETURN_IF_ERROR(read_count("users", kMinUserBytes, &count));
  users_.reserve(count);
  remembered_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view id = in_.text();
    const std::uint8_t remembered = in_.u8();
    const std::uint8_t availability = in_.u8();
    const Millis since = in_.i64();
    const std::uint8_t published = in_.u8();
    const Millis ended_last_seen = in_.i64();
    const std::uint8_t ended_evidence = in_.u8();
    const std::uint8_t ready = in_.u8();
    const std::uint8_t ready_published = in_.u8();
    const Millis ready_since = in_.i64();
    const Millis shown_last_seen = in_.i64();
    const Millis visibility_at = in_.i64();
    if (!in_.ok()) return corrupt("the payload ends inside " + record("user", i));
    const auto bad = [&](const char* why) { return corrupt(record("user", i, id) + ": " + why); };
    if (!is_id(id)) return bad("the id is empty, over 1024 bytes or not UTF-8");
    if (e_.user_index_.find(id) != kNoSlot) return bad("the id appears twice");
    if (!is_bool(remembered) || !is_bool(ready) || !is_bool(ready_published)) {
      return bad("a flag is neither 0 nor 1");
    }
    if (!is_availability(availability)) return bad("the availability is unknown");
    if (!is_state(published)) return bad("the published state is unknown");
    if (!is_evidence(ended_evidence)) return bad("the kind of evidence is unknown");
    if (!is_time(since) || !is_time(ended_last_seen) || !is_time(ready_since) ||
        !is_time(shown_last_seen) || !is_time(visibility_at)) {
      return bad("a time is negative or after the snapshot's time");
    }
    const std::uint32_t slot = e_.find_or_create_user(id);
    User& u = e_.users_[slot];
    u.availability = static_cast<Availability>(availability);
    u.since = since;
    u.published = static_cast<State>(published);
    u.ended_last_seen = ended_last_seen;
    u.ended_evidence = static_cast<Evidence>(ended_evidence);
    u.ready = ready != 0;
    u.ready_published = ready_published != 0;
    u.ready_since = ready_since;
    u.shown_last_seen = shown_last_seen;
    u.visibility_at = visibility_at;
    users_.push_back(slot);
    remembered_.push_back(remembered != 0);
  }
  return Status::ok();
}

// --- Rooms ----------------------------------------------------------------------------

Status EngineSnapshot::load_rooms() {
  std::uint32_t count = 0;
  PE_RETURN_IF_ERROR(read_count("rooms", kMinRoomBytes, &count));
  rooms_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view id = in_.text();
    const Millis created_at = in_.i64();
    Momentum momentum;
    momentum.arrivals = in_.f32();
    momentum.departures = in_.f32();
    momentum.updated_at = in_.i64();
    const float readiness = in_.f32();
    const std::uint8_t ready = in_.u8();
    const std::uint8_t ready_published = in_.u8();
    const Millis ready_since = in_.i64();
    const std::uint8_t count_only = in_.u8();
    Occupancy occupancy;
    std::uint8_t dirty = 0;
    if (count_only == 1) {
      occupancy.interval = in_.i64();
      occupancy.published_at = in_.i64();
      occupancy.dirty_since = in_.i64();
      dirty = in_.u8();
      // Any counts may have been published: only a change from them is news.
      for (std::uint32_t& n : occupancy.members_published) n = in_.u32();
      for (std::uint32_t& n : occupancy.sessions_published) n = in_.u32();
    }
    RoomMetrics metrics;
    metrics.joins = in_.u32();
    metrics.leaves = in_.u32();
    metrics.drop_offs = in_.u32();
    metrics.peak_members = in_.u32();
    metrics.peak_sessions = in_.u32();
    for (std::uint32_t& v : metrics.dwell) v = in_.u32();
    for (std::uint32_t& v : metrics.attention) v = in_.u32();
    for (std::uint32_t& v : metrics.curve_at_s) v = in_.u32();
    for (float& v : metrics.curve_score) v = in_.f32();
    metrics.curve_points = in_.u32();
    if (!in_.ok()) return corrupt("the payload ends inside " + record("room", i));
    const auto bad = [&](const char* why) { return corrupt(record("room", i, id) + ": " + why); };
    if (!is_id(id)) return bad("the id is empty, over 1024 bytes or not UTF-8");
    if (e_.room_index_.find(id) != kNoSlot) return bad("the id appears twice");
    if (!is_bool(ready) || !is_bool(ready_published) || !is_bool(count_only) || !is_bool(dirty)) {
      return bad("a flag is neither 0 nor 1");
    }
    if (!is_time(created_at) || !is_time(momentum.updated_at) || !is_time(ready_since)) {
      return bad("a time is negative or after the snapshot's time");
    }
    if (!is_weight(momentum.arrivals) || !is_weight(momentum.departures)) {
      return bad("the momentum is negative or not a number");
    }
    if (!is_unit(readiness) ||
        !std::all_of(metrics.curve_score.begin(), metrics.curve_score.end(), is_unit)) {
      return bad("a readiness score is outside 0..1");
    }
    if (count_only == 1) {
      if (occupancy.interval < 1 || occupancy.interval > 86'400'000) {
        return bad("the occupancy interval is outside 1 ms..1 day");
      }
      if (!is_time(occupancy.published_at) || !is_time(occupancy.dirty_since)) {
        return bad("an occupancy time is negative or after the snapshot's time");
      }
      occupancy.dirty = dirty != 0;
    }
    const std::uint32_t slot = e_.create_room(id);
    Room& room = e_.rooms_[slot];
    room.created_at = created_at;
    room.momentum = momentum;
    room.readiness = readiness;
    room.ready = ready != 0;
    room.ready_published = ready_published != 0;
    room.ready_since = ready_since;
    room.metrics = metrics;
    if (count_only == 1) {
      room.occupancy = std::make_unique<Occupancy>();
      occupancies_.push_back(SavedOccupancy{slot, occupancy});
    }
    rooms_.push_back(slot);
  }
  return Status::ok();
}

// --- Sessions ---------------------------------------------------------------------------

Status EngineSnapshot::load_sessions() {
  std::uint32_t count = 0;
  PE_RETURN_IF_ERROR(read_count("sessions", kMinSessionBytes, &count));
  sessions_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view id = in_.text();
    const std::uint32_t user = in_.u32();
    const Millis last_signal_at = in_.i64();
    const Millis last_activity_at = in_.i64();
    const Millis hidden_since = in_.i64();
    const Millis disconnected_at = in_.i64();
    const Millis since = in_.i64();
    const std::uint8_t state = in_.u8();
    const std::uint8_t published = in_.u8();
    const std::uint8_t evidence = in_.u8();
    const std::uint8_t told = in_.u8();
    const std::uint32_t version = in_.u32();
    const std::uint8_t has_meta = in_.u8();
    const std::string_view meta = has_meta == 1 ? in_.text() : std::string_view();
    if (!in_.ok()) return corrupt("the payload ends inside " + record("session", i));
    const auto bad = [&](const char* why) {
      return corrupt(record("session", i, id) + ": " + why);
    };
    if (!is_id(id)) return bad("the id is empty, over 1024 bytes or not UTF-8");
    if (e_.session_index_.find(id) != kNoSlot) return bad("the id appears twice");
    if (user != kNoIndex && user >= users_.size()) return bad("its user does not exist");
    if (!is_time(last_signal_at) || !is_time(last_activity_at) || !is_time(since) ||
        !is_time_or_never(hidden_since) || !is_time_or_never(disconnected_at)) {
      return bad("a time is negative or after the snapshot's time");
    }
    if (!is_state(state) || !is_state(published)) return bad("a state is unknown");
    if (!is_evidence(evidence)) return bad("the kind of evidence is unknown");
    if (told > static_cast<std::uint8_t>(Cadence::kHidden)) return bad("the cadence is unknown");
    if (!is_bool(has_meta)) return bad("a flag is neither 0 nor 1");
    if (!is_valid_utf8(meta)) return bad("the metadata is not UTF-8");

    const std::uint32_t slot = e_.sessions_.allocate();
    Session& s = e_.sessions_[slot];
    s.id.assign(id);
    e_.session_index_.insert(id, slot);
    s.last_signal_at = last_signal_at;
    s.last_activity_at = last_activity_at;
    s.hidden_since = hidden_since;
    s.disconnected_at = disconnected_at;
    s.evidence = static_cast<Evidence>(evidence);
    s.told = static_cast<Cadence>(told);
    s.version = version;
    // An ended session only waits for its end to be published: marking it
    // left keeps it ended whatever the configuration now says.
    s.left = !is_alive(static_cast<State>(state));
    if (has_meta == 1) {
      s.extras = std::make_unique<SessionExtras>();
      s.extras->meta = std::string(meta);
      s.extras->has_meta = true;
    }
    if (user != kNoIndex) {
      User& u = e_.users_[users_[user]];
      s.user = users_[user];
      s.next_in_user = u.first_session;
      u.first_session = slot;
    }
    e_.count_session_state(s, static_cast<State>(state), +1);
    s.state = static_cast<State>(state);
    s.since = since;
    s.published = static_cast<State>(published);
    sessions_.push_back(slot);
  }

  // Users derive from their sessions, now all in place.
  for (std::size_t i = 0; i < users_.size(); ++i) {
    const std::uint32_t slot = users_[i];
    User& u = e_.users_[slot];
    u.state = u.derived_state();
    if (remembered_[i]) {
      if (is_alive(u.state)) {
        return corrupt(record("user", i, u.id.view()) +
                       ": remembered as offline, but it has live sessions");
      }
      e_.link_offline(slot);
    }
    e_.count_invisible(u, +1);
    if (u.shown() != State::kOffline) e_.move_shown_user(slot, State::kOffline, u.shown());
  }
  return Status::ok();
}

// --- Members ---------------------------------------------------------------------------

Status EngineSnapshot::load_members() {
  std::uint32_t count = 0;
  PE_RETURN_IF_ERROR(read_count("members", kMinMemberBytes, &count));
  std::vector<Engine::PendingPresence> joins;
  std::vector<Engine::PendingPresence> leaves;
  std::vector<Engine::PendingArrival> arrivals;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t room = in_.u32();
    const std::uint8_t guest = in_.u8();
    const std::uint32_t owner = in_.u32();
    const Millis joined_at = in_.i64();
    const std::uint8_t published = in_.u8();
    if (!in_.ok()) return corrupt("the payload ends inside " + record("member", i));
    const auto bad = [&](const std::string& why) {
      return corrupt(record("member", i) + ": " + why);
    };
    if (room >= rooms_.size()) return bad("its room does not exist");
    if (!is_bool(guest) || !is_bool(published)) return bad("a flag is neither 0 nor 1");
    if (owner >= (guest == 1 ? sessions_.size() : users_.size())) {
      return bad(guest == 1 ? "its guest session does not exist" : "its user does not exist");
    }
    if (!is_time(joined_at)) return bad("a time is negative or after the snapshot's time");

    const std::uint32_t room_slot = rooms_[room];
    const std::uint32_t owner_slot = guest == 1 ? sessions_[owner] : users_[owner];
    const Room& r = e_.rooms_[room_slot];
    const std::string_view owner_id =
        guest == 1 ? e_.sessions_[owner_slot].id.view() : e_.users_[owner_slot].id.view();
    const MemberOrder::Position at = e_.member_position(r, owner_id, guest == 1);
    if (!r.order.at_end(at)) {
      const Member& other = e_.members_[r.order.at(at)];
      if (other.owner == owner_slot && other.guest == guest) {
        return bad("a second member for the same owner in room '" + std::string(r.id.view()) + "'");
      }
    }
    const std::uint32_t slot = e_.find_or_add_member(room_slot, owner_slot, guest == 1);
    e_.members_[slot].joined_at = joined_at;
    e_.members_[slot].published = published == 1;
    PE_RETURN_IF_ERROR(load_member_seats(i, slot, guest == 1, owner_slot));

    Member& m = e_.members_[slot];
    m.present = m.seat_count() != 0;
    if (m.present != m.published) {
      // The change still waiting for its debounce window.
      const Millis changed_at = in_.i64();
      const std::uint8_t departure = in_.u8();
      const std::uint8_t last_state = in_.u8();
      if (!in_.ok()) return corrupt("the payload ends inside " + record("member", i));
      if (!is_time(changed_at)) return bad("a time is negative or after the snapshot's time");
      if (departure > static_cast<std::uint8_t>(Engine::Departure::kIdentified)) {
        return bad("the kind of departure is unknown");
      }
      if (!is_state(last_state)) return bad("a state is unknown");
      m.stamp = e_.next_stamp() & 0xFFFFFFU;
      const Engine::PendingPresence change{slot, m.stamp, changed_at,
                                           static_cast<Engine::Departure>(departure),
                                           static_cast<State>(last_state)};
      (m.present ? joins : leaves).push_back(change);
    } else if (!m.present) {
      return bad("it is neither present nor announced");
    }
    m.arriving = m.present && saved_at_ - m.joined_at < e_.config_.room_arriving;
    if (m.arriving) arrivals.push_back(Engine::PendingArrival{slot, m.joined_at});
    e_.count_member(m, +1);
  }

  // The engine works off these queues front first: restore them in time order.
  const auto by_time = [](const Engine::PendingPresence& a, const Engine::PendingPresence& b) {
    return a.at < b.at;
  };
  std::stable_sort(joins.begin(), joins.end(), by_time);
  std::stable_sort(leaves.begin(), leaves.end(), by_time);
  std::stable_sort(arrivals.begin(), arrivals.end(),
                   [](const Engine::PendingArrival& a, const Engine::PendingArrival& b) {
                     return a.joined_at < b.joined_at;
                   });
  e_.pending_joins_.assign(joins.begin(), joins.end());
  e_.pending_leaves_.assign(leaves.begin(), leaves.end());
  e_.arrivals_.assign(arrivals.begin(), arrivals.end());
  for (const SavedOccupancy& saved : occupancies_)
    *e_.rooms_[saved.room].occupancy = saved.occupancy;
  return Status::ok();
}

Status EngineSnapshot::load_member_seats(std::size_t index, std::uint32_t member_slot, bool guest,
                                         std::uint32_t owner_slot) {
  const std::uint32_t seats = in_.u32();
  if (!in_.ok()) return corrupt("the payload ends inside " + record("member", index));
  if (seats > Member::kMaxSeats) {
    return corrupt(record("member", index) + ": " + std::to_string(seats) +
                   " sessions, more than a member may hold");
  }
  const std::uint32_t room_slot = e_.members_[member_slot].room;
  for (std::uint32_t k = 0; k < seats; ++k) {
    const std::uint32_t session = in_.u32();
    if (!in_.ok()) return corrupt("the payload ends inside " + record("member", index));
    const auto bad = [&](const char* why) {
      return corrupt(record("member", index) + ": seat " + std::to_string(k) + ": " + why);
    };
    if (session >= sessions_.size()) return bad("its session does not exist");
    const std::uint32_t session_slot = sessions_[session];
    Session& s = e_.sessions_[session_slot];
    if (!is_alive(s.state)) return bad("its session has ended");
    const bool owned =
        guest ? session_slot == owner_slot && s.user == kNoSlot : s.user == owner_slot;
    if (!owned) return bad("its session belongs to another owner");
    if (e_.seat_in(s, room_slot) != kNoSlot) return bad("its session is in the room twice");
    const std::uint32_t seat = e_.seats_.allocate();
    e_.seats_[seat].member = member_slot;
    e_.seats_[seat].next_in_session = s.first_seat;
    s.first_seat = seat;
    ++e_.members_[member_slot].seats[static_cast<std::size_t>(index_of(s.state) - 1)];
  }
  return Status::ok();
}

// --- Intents ---------------------------------------------------------------------------

Status EngineSnapshot::load_intents() {
  std::uint32_t count = 0;
  PE_RETURN_IF_ERROR(read_count("intents", kMinIntentBytes, &count));
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view id = in_.text();
    const std::string_view from = in_.text();
    const std::uint8_t target_kind = in_.u8();
    const std::string_view target = in_.text();
    const std::string_view kind = in_.text();
    const Millis created_at = in_.i64();
    const Millis expires_at = in_.i64();
    if (!in_.ok()) return corrupt("the payload ends inside " + record("intent", i));
    const auto bad = [&](const char* why) { return corrupt(record("intent", i, id) + ": " + why); };
    std::uint64_t number = 0;
    if (!intent_number(id, &number) || number >= next_intent_) {
      return bad("the id is not one the engine gave out");
    }
    if (e_.intent_index_.find(id) != kNoSlot) return bad("the id appears twice");
    if (!is_id(from) || !is_id(target) || !is_id(kind)) {
      return bad("the caller, target or kind is empty, over 1024 bytes or not UTF-8");
    }
    if (target_kind != static_cast<std::uint8_t>(TargetKind::kUser) &&
        target_kind != static_cast<std::uint8_t>(TargetKind::kRoom)) {
      return bad("the kind of target is unknown");
    }
    if (!is_time(created_at) || expires_at <= created_at ||
        expires_at - created_at > kMaxDuration) {
      return bad("its times are out of order or out of range");
    }
    const std::uint32_t slot = e_.intents_.allocate();
    Intent& intent = e_.intents_[slot];
    intent.id.assign(id);
    intent.from.assign(from);
    intent.target.assign(target);
    intent.kind = std::string(kind);
    intent.target_kind = static_cast<TargetKind>(target_kind);
    intent.created_at = created_at;
    intent.expires_at = expires_at;
    e_.intent_index_.insert(id, slot);
    e_.intents_by_target_[Engine::target_key(intent.target_kind, target)].push_back(slot);
    e_.intents_by_caller_[std::string(from)].push_back(slot);
    e_.intent_timers_.schedule(slot, expires_at);
  }
  return Status::ok();
}

// --- Settling ---------------------------------------------------------------------------

void EngineSnapshot::settle(Millis now) {
  Engine& e = e_;
  // At the snapshot's time: each record re-derives (a changed configuration
  // takes effect here), publishes what is due and schedules its timer.
  for (std::uint32_t slot = 0; slot < e.sessions_.end(); ++slot) {
    if (e.sessions_[slot].in_use()) e.refresh_session(slot);
  }
  for (std::uint32_t slot = 0; slot < e.users_.end(); ++slot) {
    if (e.users_[slot].in_use()) e.refresh_user(slot);
  }
  for (std::uint32_t slot = 0; slot < e.rooms_.end(); ++slot) {
    if (e.rooms_[slot].in_use()) e.refresh_room(slot);
  }
  // The time the engine was down passes as it would have, had nobody called.
  e.run_due(std::max(now, saved_at_), 0, nullptr);
  // Every transport was lost in the restart: its session now has the
  // reconnect grace window to come back.
  for (std::uint32_t slot = 0; slot < e.sessions_.end(); ++slot) {
    Session& s = e.sessions_[slot];
    if (!s.in_use() || !is_alive(s.state) || !s.connected()) continue;
    s.disconnected_at = e.now_;
    ++s.version;
    e.refresh_session(slot);
  }
}

}  // namespace presence::core
