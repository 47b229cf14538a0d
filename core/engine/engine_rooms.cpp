// Rooms: sessions join and leave; members (users, or guest sessions) derive
// from their sessions in the room; counts, presence, arrivals, momentum,
// readiness and metrics follow every seat that moves.
#include <algorithm>
#include <cmath>
#include <string>

#include "coord/readiness.h"
#include "engine/engine.h"

namespace presence::core {

namespace {

constexpr std::size_t kMaxPageSize = 10'000;

std::size_t state_index(State state) {
  return static_cast<std::size_t>(index_of(state) - 1);
}

// Decays a momentum to `now` (half-life `half_life`).
void decay(Momentum& m, Millis now, Millis half_life) {
  if (now <= m.updated_at) return;
  const double factor =
      std::exp2(-static_cast<double>(now - m.updated_at) / static_cast<double>(half_life));
  m.arrivals *= static_cast<float>(factor);
  m.departures *= static_cast<float>(factor);
  m.updated_at = now;
}

// The EWMA as an event rate per minute.
double per_minute(double weight, Millis half_life) {
  return weight * std::log(2.0) * 60'000.0 / static_cast<double>(half_life);
}

std::size_t bucket_of(Millis duration) {
  // Buckets end at 4^k seconds, bound included as Prometheus' `le` says:
  // <=4 s, <=16 s, <=64 s, ... (the last one open).
  Millis bound = 4'000;
  for (std::size_t b = 0; b + 1 < RoomMetrics::kBuckets; ++b, bound *= 4) {
    if (duration <= bound) return b;
  }
  return RoomMetrics::kBuckets - 1;
}

}  // namespace

// --- Lookup and structure ------------------------------------------------------

std::string_view Engine::member_id(const Member& member) const {
  return member.guest ? sessions_[member.owner].id.view() : users_[member.owner].id.view();
}

MemberOrder::Position Engine::member_position(const Room& room, std::string_view id,
                                              bool guest) const {
  // Members are ordered by id, users before guests of the same id.
  return room.order.lower_bound([&](std::uint32_t slot) {
    const Member& m = members_[slot];
    const std::string_view mid = member_id(m);
    return mid < id || (mid == id && !m.guest && guest);
  });
}

std::uint64_t Engine::MemberKeyOf::operator()(std::uint32_t slot) const {
  const Member& m = (*pool)[slot];
  return MemberIndex<MemberKeyOf>::key(m.room, m.owner, m.guest != 0);
}

std::uint32_t Engine::find_member(std::uint32_t room_slot, std::uint32_t owner, bool guest) const {
  return member_index_.find(MemberIndex<MemberKeyOf>::key(room_slot, owner, guest));
}

std::uint32_t Engine::find_or_add_member(std::uint32_t room_slot, std::uint32_t owner, bool guest) {
  const std::uint32_t found = find_member(room_slot, owner, guest);
  if (found != kNoSlot) return found;
  Room& room = rooms_[room_slot];
  const std::string_view id = guest ? sessions_[owner].id.view() : users_[owner].id.view();
  const MemberOrder::Position at = member_position(room, id, guest);
  const std::uint32_t slot = members_.allocate();
  Member& m = members_[slot];
  m.room = room_slot;
  m.owner = owner;
  m.guest = guest;
  m.hidden = !guest && users_[owner].invisible();
  try {
    member_index_.insert(slot);
    try {
      room.order.insert(at, slot);
    } catch (...) {
      member_index_.erase(slot);
      throw;
    }
  } catch (...) {
    members_.release(slot);  // out of memory: as if never added
    throw;
  }
  if (!guest) ++users_[owner].members;
  return slot;
}

void Engine::drop_member(std::uint32_t member_slot) {
  const Member& m = members_[member_slot];
  Room& room = rooms_[m.room];
  room.order.erase(member_position(room, member_id(m), m.guest));
  member_index_.erase(member_slot);
  if (!m.guest) --users_[m.owner].members;
  members_.release(member_slot);
}

std::uint32_t Engine::seat_in(const Session& session, std::uint32_t room_slot) const {
  for (std::uint32_t seat = session.first_seat; seat != kNoSlot;
       seat = seats_[seat].next_in_session) {
    if (members_[seats_[seat].member].room == room_slot) return seat;
  }
  return kNoSlot;
}

Status Engine::check_room_capacity(const Session& session, std::uint32_t seats, bool room_exists) {
  if (config_.max_rooms_per_session != 0) {
    if (seats >= config_.max_rooms_per_session) {
      ++stats_.limit_rejections;
      return {Code::kLimitExceeded, "session '" + std::string(session.id.view()) +
                                        "' is already in " + std::to_string(seats) +
                                        " rooms (max_rooms_per_session)"};
    }
  }
  if (config_.max_rooms != 0 && !room_exists && rooms_.live() >= config_.max_rooms) {
    ++stats_.limit_rejections;
    return {Code::kLimitExceeded,
            "the engine holds " + std::to_string(config_.max_rooms) + " rooms (max_rooms)"};
  }
  return Status::ok();
}

std::uint32_t Engine::create_room(std::string_view room_id) {
  const std::uint32_t slot = rooms_.allocate();
  Room& room = rooms_[slot];
  room.id.assign(room_id);
  room.created_at = now_;
  room.momentum.updated_at = now_;
  room_index_.insert(room_id, slot);
  room_order_.insert(slot);
  ++counts_.rooms;
  return slot;
}

// --- Seats and members -----------------------------------------------------------

Status Engine::add_seat(std::uint32_t session_slot, std::uint32_t room_slot) {
  Session& s = sessions_[session_slot];
  const bool guest = s.user == kNoSlot;
  const std::uint32_t member = find_or_add_member(room_slot, guest ? session_slot : s.user, guest);
  if (members_[member].seat_count() >= Member::kMaxSeats) {
    ++stats_.limit_rejections;
    return {Code::kLimitExceeded, "a member may hold at most " + std::to_string(Member::kMaxSeats) +
                                      " sessions in one room"};
  }
  const std::uint32_t seat = seats_.allocate();
  seats_[seat].member = member;
  seats_[seat].next_in_session = s.first_seat;
  s.first_seat = seat;
  change_seats(member, State::kOffline, s.state, Departure::kLeave);
  return Status::ok();
}

void Engine::remove_seat(std::uint32_t session_slot, std::uint32_t seat_slot, Departure departure) {
  Session& s = sessions_[session_slot];
  std::uint32_t* link = &s.first_seat;
  while (*link != seat_slot) link = &seats_[*link].next_in_session;
  *link = seats_[seat_slot].next_in_session;
  const std::uint32_t member = seats_[seat_slot].member;
  seats_.release(seat_slot);
  change_seats(member, s.state, State::kOffline, departure);
}

void Engine::leave_all_rooms(std::uint32_t session_slot, Departure departure) {
  while (sessions_[session_slot].first_seat != kNoSlot) {
    remove_seat(session_slot, sessions_[session_slot].first_seat, departure);
  }
}

void Engine::move_seats(std::uint32_t session_slot, State from, State to, Millis active_since) {
  const Session& s = sessions_[session_slot];
  for (std::uint32_t seat = s.first_seat; seat != kNoSlot; seat = seats_[seat].next_in_session) {
    const std::uint32_t member = seats_[seat].member;
    if (from == State::kActive && to != State::kActive) {
      // Attention: how long this session stayed active in the room.
      RoomMetrics& metrics = rooms_[members_[member].room].metrics;
      ++metrics.attention[bucket_of(now_ - active_since)];
      metrics.attention_sum_ms += static_cast<std::uint64_t>(now_ - active_since);
    }
    change_seats(member, from, to, Departure::kLeave);
  }
}

void Engine::identify_seats(std::uint32_t session_slot) {
  // A guest turned user: each of its guest members hands its seat to the
  // user's member in that room, keeping when it joined.
  Session& s = sessions_[session_slot];
  for (std::uint32_t seat = s.first_seat; seat != kNoSlot; seat = seats_[seat].next_in_session) {
    const std::uint32_t guest_member = seats_[seat].member;
    const Millis joined_at = members_[guest_member].joined_at;
    const std::uint32_t user_member =
        find_or_add_member(members_[guest_member].room, s.user, false);
    seats_[seat].member = user_member;
    change_seats(guest_member, s.state, State::kOffline, Departure::kIdentified);
    change_seats(user_member, State::kOffline, s.state, Departure::kIdentified, joined_at);
  }
}

void Engine::count_member(const Member& m, int sign) {
  if (!m.present) return;
  Room& room = rooms_[m.room];
  if (room.count_only() && !room.occupancy->dirty) {
    room.occupancy->dirty = true;
    room.occupancy->dirty_since = now_;
  }
  const auto delta = static_cast<std::uint32_t>(sign);
  if (m.hidden) {
    room.hidden_members += delta;
    return;
  }
  room.members[state_index(m.state())] += delta;
  for (std::size_t i = 0; i < m.seats.size(); ++i) room.sessions[i] += delta * m.seats[i];
  if (m.guest) room.guests += delta;
  if (m.arriving) room.arriving += delta;
  const Availability availability =
      m.guest ? Availability::kAvailable : users_[m.owner].availability;
  room.presence_milli += sign * presence_milli_[static_cast<std::size_t>(index_of(m.state()))]
                                               [static_cast<std::size_t>(availability)];
}

void Engine::change_seats(std::uint32_t member_slot, State from, State to, Departure departure,
                          Millis joined_at) {
  Member& m = members_[member_slot];
  const std::uint32_t room_slot = m.room;
  const bool was_present = m.present;
  const State state_before = m.state();
  count_member(m, -1);
  if (is_alive(from)) --m.seats[state_index(from)];
  if (is_alive(to)) ++m.seats[state_index(to)];
  m.present = m.seat_count() != 0;
  bool dropped = false;
  if (m.present && !was_present) {
    member_arrived(member_slot, departure, joined_at == kNever ? now_ : joined_at);
  } else if (!m.present && was_present) {
    dropped = member_departed(member_slot, departure, state_before);
  }
  if (!dropped) count_member(members_[member_slot], +1);
  refresh_room(room_slot);
}

void Engine::member_arrived(std::uint32_t member_slot, Departure how, Millis joined_at) {
  Member& m = members_[member_slot];
  m.stamp = next_stamp() & 0xFFFFFFU;
  if (!m.published) {
    m.joined_at = joined_at;
    const PendingPresence pending{member_slot, m.stamp, now_, how, State::kOffline};
    if (config_.debounce_for(State::kActive) == 0) {
      publish_member(pending, true);
    } else {
      pending_joins_.push_back(pending);
    }
  }
  // A return inside the debounce window keeps its join time; either way it is
  // arriving while that time is recent.
  m.arriving = now_ - m.joined_at < config_.room_arriving;
  if (m.arriving) arrivals_.push_back(PendingArrival{member_slot, m.joined_at});
}

bool Engine::member_departed(std::uint32_t member_slot, Departure departure, State last_state) {
  Member& m = members_[member_slot];
  m.stamp = next_stamp() & 0xFFFFFFU;
  m.arriving = false;
  if (!m.published) {
    drop_member(member_slot);  // never announced: nothing to take back
    return true;
  }
  const PendingPresence pending{member_slot, m.stamp, now_, departure, last_state};
  if (config_.debounce_for(State::kOffline) == 0) {
    publish_member(pending, false);  // drops the member
    return true;
  }
  pending_leaves_.push_back(pending);
  return false;
}

std::uint32_t Engine::next_stamp() {
  // Members keep 24 bits; 0 marks "no change queued". A stale queued entry
  // could only pass for a fresh one after 2^24 presence changes within one
  // debounce window.
  presence_stamp_ = (presence_stamp_ + 1) & 0xFFFFFF;
  if (presence_stamp_ == 0) presence_stamp_ = 1;
  return presence_stamp_;
}

void Engine::expire_arrival(const PendingArrival& arrival) {
  Member& m = members_[arrival.member];
  if (!m.present || !m.arriving || m.joined_at != arrival.joined_at) return;
  count_member(m, -1);
  m.arriving = false;
  count_member(m, +1);
}

void Engine::publish_member(const PendingPresence& pending, bool joined) {
  Member& m = members_[pending.member];
  if (m.stamp != pending.stamp || m.present != joined || m.published == joined) return;
  Room& room = rooms_[m.room];
  RoomMetrics& metrics = room.metrics;
  decay(room.momentum, pending.at, config_.room_momentum_half_life);
  const bool identified = pending.departure == Departure::kIdentified;
  if (joined) {
    if (!identified) {
      ++metrics.joins;
      room.momentum.arrivals += 1.0F;
    }
  } else if (!identified) {
    ++(pending.departure == Departure::kDropOff ? metrics.drop_offs : metrics.leaves);
    room.momentum.departures += 1.0F;
    ++metrics.dwell[bucket_of(pending.at - m.joined_at)];
    metrics.dwell_sum_ms += static_cast<std::uint64_t>(pending.at - m.joined_at);
  }
  m.published = joined;
  // The invisible are never announced (turning invisible announced a leave).
  if (!m.hidden) {
    append_member_event(m, joined ? State::kOffline : pending.last_state,
                        joined ? m.state() : State::kOffline, pending.at);
  }
  if (!joined) drop_member(pending.member);
}

// Readers see a member who turns invisible leave its rooms, and come back
// when visible again; only what was announced is taken back or restored.
void Engine::announce_member_visibility(const Member& m) {
  if (!m.published) return;
  if (m.hidden) {
    append_member_event(m, m.state(), State::kOffline, now_);
  } else if (m.present) {
    append_member_event(m, State::kOffline, m.state(), now_);
  }
}

void Engine::append_member_event(const Member& m, State old_state, State new_state, Millis at) {
  const Room& room = rooms_[m.room];
  if (room.count_only()) return;  // watched through occupancy, not member events
  EventRecord event;
  event.kind = EventKind::kMember;
  event.at = at;
  event.published_at = now_;
  event.id = std::string(member_id(m));
  event.room_id = std::string(room.id.view());
  event.guest = m.guest;
  event.old_state = old_state;
  event.new_state = new_state;
  if (!m.guest && !m.hidden) event.availability = users_[m.owner].availability;
  events_.append(std::move(event));
  ++stats_.events_published;
}

std::vector<std::uint32_t> Engine::rooms_of_user(std::uint32_t user_slot) const {
  std::vector<std::uint32_t> rooms;
  for (std::uint32_t s = users_[user_slot].first_session; s != kNoSlot;
       s = sessions_[s].next_in_user) {
    for (std::uint32_t seat = sessions_[s].first_seat; seat != kNoSlot;
         seat = seats_[seat].next_in_session) {
      rooms.push_back(members_[seats_[seat].member].room);
    }
  }
  std::sort(rooms.begin(), rooms.end());
  rooms.erase(std::unique(rooms.begin(), rooms.end()), rooms.end());
  return rooms;
}

// --- Room-level derivations ---------------------------------------------------------

void Engine::refresh_room(std::uint32_t room_slot) {
  Room& room = rooms_[room_slot];
  RoomMetrics& metrics = room.metrics;
  metrics.peak_members = std::max(metrics.peak_members, room.member_count());
  metrics.peak_sessions = std::max(metrics.peak_sessions, room.session_count());
  const double score = room_readiness(room.presence_milli, room.member_count(),
                                      room.members[state_index(State::kActive)], config_);
  if (static_cast<float>(score) != room.readiness) {
    room.readiness = static_cast<float>(score);
    const std::size_t point = metrics.curve_points++ % RoomMetrics::kCurve;
    metrics.curve_at_s[point] = static_cast<std::uint32_t>((now_ - room.created_at) / 1000);
    metrics.curve_score[point] = static_cast<float>(score);
  }
  const bool ready = next_ready(room.ready, score, config_);
  if (ready != room.ready) {
    room.ready = ready;
    room.ready_since = now_;
  }
  Millis due = kNever;
  if (room.ready != room.ready_published) {
    const Millis publish_at = room.ready_since + readiness_debounce(room.ready, config_);
    if (now_ >= publish_at) {
      room.ready_published = room.ready;
      publish_readiness(TargetKind::kRoom, room.id.view(), room.ready, score, room.ready_since);
      if (room.ready) target_ready(TargetKind::kRoom, room.id.view());
    } else {
      due = publish_at;
    }
  }
  if (room.count_only() && room.occupancy->dirty) {
    // Changes are gathered for an interval, then published together.
    Occupancy& occupancy = *room.occupancy;
    const Millis publish_at =
        std::max(occupancy.published_at, occupancy.dirty_since) + occupancy.interval;
    if (now_ >= publish_at) {
      // Only net changes are published.
      const bool changed = occupancy.members_published != room.members ||
                           occupancy.sessions_published != room.sessions;
      if (changed) publish_occupancy(room_slot);
      occupancy.dirty = false;
    } else {
      due = std::min(due, publish_at);
    }
  }
  if (due != kNever || room_timers_.contains(room_slot)) room_timers_.schedule(room_slot, due);
}

void Engine::publish_occupancy(std::uint32_t room_slot) {
  Room& room = rooms_[room_slot];
  Occupancy& occupancy = *room.occupancy;
  occupancy.dirty = false;
  occupancy.published_at = now_;
  occupancy.members_published = room.members;
  occupancy.sessions_published = room.sessions;
  EventRecord event;
  event.kind = EventKind::kOccupancy;
  event.at = now_;
  event.published_at = now_;
  event.id = std::string(room.id.view());
  event.room_id = event.id;
  for (int s = 1; s < kStateCount; ++s) {
    event.members[s] = room.members[static_cast<std::size_t>(s - 1)];
    event.sessions[s] = room.sessions[static_cast<std::size_t>(s - 1)];
  }
  event.readiness = room.readiness;
  event.ready = room.ready;
  events_.append(std::move(event));
  ++stats_.events_published;
}

// --- Public API ----------------------------------------------------------------------

Status Engine::join_room(std::string_view session_id, std::string_view room_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  const std::uint32_t existing = room_index_.find(room_id);
  // One pass over the session's seats: already there? how many rooms?
  std::uint32_t seats = 0;
  for (std::uint32_t seat = sessions_[slot].first_seat; seat != kNoSlot;
       seat = seats_[seat].next_in_session, ++seats) {
    if (members_[seats_[seat].member].room == existing) return Status::ok();
  }
  PE_RETURN_IF_ERROR(check_room_capacity(sessions_[slot], seats, existing != kNoSlot));
  PE_RETURN_IF_ERROR(add_seat(slot, existing != kNoSlot ? existing : create_room(room_id)));
  ++sessions_[slot].version;
  replicate(slot);
  return Status::ok();
}

Status Engine::leave_room(std::string_view session_id, std::string_view room_id, Millis now) {
  PE_RETURN_IF_ERROR(check_id("session id", session_id));
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::uint32_t slot = kNoSlot;
  PE_RETURN_IF_ERROR(find_local(session_id, &slot));
  const std::uint32_t room = room_index_.find(room_id);
  const std::uint32_t seat = room == kNoSlot ? kNoSlot : seat_in(sessions_[slot], room);
  if (seat == kNoSlot) {
    return not_found("session '" + std::string(session_id) + "' is not in room '" +
                     std::string(room_id) + "'");
  }
  remove_seat(slot, seat, Departure::kLeave);
  ++sessions_[slot].version;
  replicate(slot);
  return Status::ok();
}

Status Engine::set_room_count_only(std::string_view room_id, bool count_only, Millis interval,
                                   Millis now) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  if (count_only && (interval < 1 || interval > 86'400'000)) {
    return invalid_argument("the occupancy interval must be between 1 ms and a day");
  }
  PE_RETURN_IF_ERROR(begin(now));
  if (config_.max_rooms != 0 && room_index_.find(room_id) == kNoSlot &&
      rooms_.live() >= config_.max_rooms) {
    ++stats_.limit_rejections;
    return {Code::kLimitExceeded,
            "the engine holds " + std::to_string(config_.max_rooms) + " rooms (max_rooms)"};
  }
  const std::uint32_t existing = room_index_.find(room_id);
  const std::uint32_t slot = existing != kNoSlot ? existing : create_room(room_id);
  Room& room = rooms_[slot];
  if (count_only) {
    if (!room.occupancy) room.occupancy = std::make_unique<Occupancy>();
    room.occupancy->interval = interval;
  } else {
    room.occupancy.reset();
  }
  // A first picture right away, then one per interval while counts change.
  if (count_only) publish_occupancy(slot);
  refresh_room(slot);
  return Status::ok();
}

RoomView Engine::room_view(std::uint32_t slot) const {
  const Room& room = rooms_[slot];
  RoomView v;
  v.id = std::string(room.id.view());
  v.created_at = room.created_at;
  for (int s = 1; s < kStateCount; ++s) {
    v.sessions[s] = room.sessions[static_cast<std::size_t>(s - 1)];
    v.members[s] = room.members[static_cast<std::size_t>(s - 1)];
  }
  v.guests = room.guests;
  v.arriving = room.arriving;
  v.density = room.members[state_index(State::kActive)];
  Momentum momentum = room.momentum;
  decay(momentum, now_, config_.room_momentum_half_life);
  v.arrivals_per_minute = per_minute(momentum.arrivals, config_.room_momentum_half_life);
  v.departures_per_minute = per_minute(momentum.departures, config_.room_momentum_half_life);
  v.readiness = room.readiness;
  v.ready = room.ready;
  v.count_only = room.count_only();
  v.occupancy_interval = room.count_only() ? room.occupancy->interval : 0;
  return v;
}

MemberView Engine::member_view(std::uint32_t slot) const {
  const Member& m = members_[slot];
  MemberView v;
  v.id = std::string(member_id(m));
  v.guest = m.guest;
  v.state = m.state();
  v.joined_at = m.joined_at;
  v.arriving = m.arriving;
  v.session_count = m.seat_count();
  if (m.guest) {
    const Session& s = sessions_[m.owner];
    v.last_seen_at = s.last_signal_at;
    v.confidence =
        confidence(s.liveness(), Derived{s.state, s.reconnecting, kNever}, now_, config_);
  } else {
    const UserView user = user_view(m.owner, users_[m.owner].shown());
    v.last_seen_at = user.last_seen_at;
    v.confidence = user.confidence;
    v.availability = user.availability;
  }
  v.bucket = bucket_of(v.confidence);
  return v;
}

Status Engine::get_room(std::string_view room_id, Millis now, RoomView* out) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t slot = room_index_.find(room_id);
  if (slot == kNoSlot) return not_found("no room '" + std::string(room_id) + "'");
  *out = room_view(slot);
  return Status::ok();
}

Status Engine::list_rooms(std::string_view cursor, std::size_t limit, Millis now, RoomPage* out) {
  if (limit < 1 || limit > kMaxPageSize) {
    return invalid_argument("limit must be between 1 and " + std::to_string(kMaxPageSize));
  }
  PE_RETURN_IF_ERROR(check_text("cursor", cursor, config_.max_id_bytes));
  PE_RETURN_IF_ERROR(begin(now));
  out->rooms.clear();
  auto it = cursor.empty() ? room_order_.begin() : room_order_.upper_bound(cursor);
  for (; it != room_order_.end() && out->rooms.size() < limit; ++it) {
    out->rooms.push_back(room_view(*it));
  }
  out->next_cursor = it != room_order_.end() ? out->rooms.back().id : std::string();
  return Status::ok();
}

Status Engine::list_members(std::string_view room_id, State min_state, std::string_view cursor,
                            std::size_t limit, Millis now, MemberPage* out) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  if (limit < 1 || limit > kMaxPageSize) {
    return invalid_argument("limit must be between 1 and " + std::to_string(kMaxPageSize));
  }
  PE_RETURN_IF_ERROR(check_text("cursor", cursor, config_.max_id_bytes + 1));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t slot = room_index_.find(room_id);
  if (slot == kNoSlot) return not_found("no room '" + std::string(room_id) + "'");
  const Room& room = rooms_[slot];
  // The cursor names the last member seen: 'u' or 'g' (user or guest), then its id.
  const bool after_guest = !cursor.empty() && cursor.front() == 'g';
  if (!cursor.empty() && cursor.front() != 'u' && !after_guest) {
    return invalid_argument("cursor was not returned by a member list");
  }
  const std::string_view after_id = cursor.empty() ? cursor : cursor.substr(1);
  MemberOrder::Position at = room.order.begin();
  if (!cursor.empty()) {
    at = member_position(room, after_id, after_guest);
    if (!room.order.at_end(at)) {
      const Member& m = members_[room.order.at(at)];
      if (member_id(m) == after_id && m.guest == after_guest) at = room.order.next(at);
    }
  }
  out->members.clear();
  out->next_cursor.clear();
  for (; !room.order.at_end(at); at = room.order.next(at)) {
    const Member& m = members_[room.order.at(at)];
    if (!m.present || m.hidden || m.state() < min_state) continue;
    if (out->members.size() == limit) {
      const MemberView& last = out->members.back();
      out->next_cursor = (last.guest ? "g" : "u") + last.id;
      break;
    }
    out->members.push_back(member_view(room.order.at(at)));
  }
  return Status::ok();
}

Status Engine::user_rooms(std::string_view user_id, Millis now, std::vector<RoomView>* out) {
  PE_RETURN_IF_ERROR(check_id("user id", user_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t user = user_index_.find(user_id);
  if (user == kNoSlot) return not_found("no user '" + std::string(user_id) + "'");
  out->clear();
  for (const std::uint32_t room : rooms_of_user(user)) out->push_back(room_view(room));
  std::sort(out->begin(), out->end(),
            [](const RoomView& a, const RoomView& b) { return a.id < b.id; });
  return Status::ok();
}

Status Engine::room_metrics(std::string_view room_id, Millis now, RoomMetricsView* out) {
  PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  const std::uint32_t slot = room_index_.find(room_id);
  if (slot == kNoSlot) return not_found("no room '" + std::string(room_id) + "'");
  const RoomMetrics& m = rooms_[slot].metrics;
  out->room_id = std::string(room_id);
  out->joins = m.joins;
  out->leaves = m.leaves;
  out->drop_offs = m.drop_offs;
  out->peak_members = m.peak_members;
  out->peak_sessions = m.peak_sessions;
  out->bucket_bounds.clear();
  Millis bound = 4'000;
  for (std::size_t b = 0; b + 1 < RoomMetrics::kBuckets; ++b, bound *= 4) {
    out->bucket_bounds.push_back(bound);
  }
  out->dwell.assign(m.dwell.begin(), m.dwell.end());
  out->attention.assign(m.attention.begin(), m.attention.end());
  out->readiness_curve.clear();
  const std::uint32_t kept = std::min<std::uint32_t>(m.curve_points, RoomMetrics::kCurve);
  for (std::uint32_t i = m.curve_points - kept; i < m.curve_points; ++i) {
    const std::size_t point = i % RoomMetrics::kCurve;
    out->readiness_curve.emplace_back(rooms_[slot].created_at + Millis{m.curve_at_s[point]} * 1000,
                                      m.curve_score[point]);
  }
  return Status::ok();
}

}  // namespace presence::core
