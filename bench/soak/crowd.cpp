#include "crowd.h"

#include <algorithm>

namespace soak {

namespace {

constexpr std::int64_t kEpoch = 1'700'000'000'000;
constexpr double kMeanTabSeconds = 7'200.0;  // a tab stays open two hours on average

// Writes `value` as exactly `digits` decimal digits.
void digits(std::uint64_t value, int count, char* out) {
  for (int i = count - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

Crowd::Crowd(std::uint32_t clients, std::uint32_t users, std::uint32_t rooms, std::uint64_t seed)
    : users_(users),
      rooms_(rooms),
      clients_(clients),
      wheel_(kWheel),
      rng_(seed),
      batch_(kBatch),
      batch_ids_(kBatch * kIdBytes),
      batch_statuses_(kBatch),
      batch_intervals_(kBatch) {
  batch_clients_.reserve(kBatch);
}

std::int64_t Crowd::time_of(std::uint32_t second) const {
  return kEpoch + static_cast<std::int64_t>(second) * 1'000;
}

void Crowd::tab_id(std::uint32_t client, char* out) const {
  std::copy_n("tab-", 4, out);  // ids have lengths, no terminator
  digits(client, 7, out + 4);
  out[11] = '-';
  digits(clients_[client].generation, 12, out + 12);
}

void Crowd::user_id(std::uint32_t client, char* out) const {
  std::copy_n("user-", 5, out);
  digits(client % users_, 8, out + 5);
}

void Crowd::room_id(std::uint32_t client, char* out) const {
  std::copy_n("room-", 5, out);
  digits((client % users_) % rooms_, 5, out + 5);
}

bool Crowd::check(pe_status status) {
  if (status == PE_OK) return true;
  ++stats_.failures;
  last_failure_ = std::string(pe_status_name(status)) + ": " + pe_last_error_message();
  return false;
}

void Crowd::schedule(std::uint32_t client, std::uint32_t second) {
  clients_[client].due = second;
  wheel_[second % kWheel].push_back(client);
}

void Crowd::ramp_up(std::uint32_t seconds) {
  for (std::uint32_t c = 0; c < clients_.size(); ++c) schedule(c, between(0, seconds - 1));
}

void Crowd::open(std::uint32_t client, std::uint32_t second) {
  Client& c = clients_[client];
  if (c.link == kClosed) {  // a new tab: new id, in the foreground, in use
    ++c.generation;
    c.interacting = true;
    c.hidden = false;
    std::exponential_distribution<double> lifetime(1.0 / kMeanTabSeconds);
    c.ends = second + 1 + static_cast<std::uint32_t>(lifetime(rng_));
  }
  char id[kIdBytes];
  char user[13];
  tab_id(client, id);
  user_id(client, user);
  pe_open_params params;
  pe_open_params_init(&params);
  params.user_id = user;
  params.user_id_len = sizeof user;
  params.visibility = c.hidden ? PE_VISIBILITY_HIDDEN : PE_VISIBILITY_VISIBLE;
  pe_open_info info;
  pe_open_info_init(&info);
  if (!check(pe_session_open(engine_, id, sizeof id, &params, time_of(second), &info))) {
    c.link = kClosed;
    schedule(client, second + 60);
    return;
  }
  ++stats_.opens;
  if (info.continued != 0) {
    ++stats_.reconnects;  // its rooms were kept
  } else {
    char room[10];
    room_id(client, room);
    check(pe_room_join(engine_, id, sizeof id, room, sizeof room, time_of(second)));
  }
  c.link = kUp;
  schedule(client, second + static_cast<std::uint32_t>(info.heartbeat_interval_ms / 1'000));
}

void Crowd::end_tab(std::uint32_t client, std::uint32_t second) {
  Client& c = clients_[client];
  if (chance(0.5)) {
    char id[kIdBytes];
    tab_id(client, id);
    check(pe_session_leave(engine_, id, sizeof id, time_of(second)));
    ++stats_.leaves;
  } else {
    ++stats_.vanished;  // closed without a word: it expires by the TTL
  }
  c.link = kClosed;
  schedule(client, second + between(5, 300));
}

void Crowd::act(std::uint32_t second) {
  std::vector<std::uint32_t> due;
  due.swap(wheel_[second % kWheel]);
  for (const std::uint32_t client : due) {
    Client& c = clients_[client];
    if (c.due != second) continue;  // rescheduled since (a storm)
    if (c.link != kUp) {
      open(client, second);
      continue;
    }
    if (second >= c.ends) {
      end_tab(client, second);
      continue;
    }
    // The user comes and goes (every quarter of an hour or so); a tab goes
    // to the background every half hour or so, for about ten minutes.
    if (chance(0.03)) c.interacting = !c.interacting;
    if (chance(c.hidden ? 0.1 : 0.01)) c.hidden = !c.hidden;
    const std::size_t i = batch_clients_.size();
    char* id = &batch_ids_[i * kIdBytes];
    tab_id(client, id);
    batch_[i] = pe_heartbeat{id, kIdBytes,
                             c.interacting && !c.hidden ? PE_ACTIVITY_ACTIVE : PE_ACTIVITY_IDLE,
                             c.hidden ? PE_VISIBILITY_HIDDEN : PE_VISIBILITY_VISIBLE};
    batch_clients_.push_back(client);
    if (batch_clients_.size() == kBatch) flush_heartbeats(second);
  }
  flush_heartbeats(second);
  due.clear();
  wheel_[second % kWheel].swap(due);  // keeps the bucket's capacity
}

void Crowd::flush_heartbeats(std::uint32_t second) {
  const std::size_t count = batch_clients_.size();
  if (count == 0) return;
  check(pe_session_heartbeat_batch(engine_, batch_.data(), count, time_of(second),
                                   batch_statuses_.data(), batch_intervals_.data(), nullptr));
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t client = batch_clients_[i];
    if (check(batch_statuses_[i])) {
      ++stats_.heartbeats;
      schedule(client, second + static_cast<std::uint32_t>(batch_intervals_[i] / 1'000));
    } else {
      clients_[client].link = kClosed;  // its session is gone: open another tab
      schedule(client, second + 1);
    }
  }
  batch_clients_.clear();
}

void Crowd::storm(std::uint32_t second, double fraction) {
  for (std::uint32_t client = 0; client < clients_.size(); ++client) {
    Client& c = clients_[client];
    if (c.link != kUp || !chance(fraction)) continue;
    char id[kIdBytes];
    tab_id(client, id);
    check(pe_session_disconnect(engine_, id, sizeof id, time_of(second)));
    ++stats_.disconnects;
    const double fate = uniform_(rng_);
    if (fate < 0.85) {  // back inside the reconnect grace window
      c.link = kDown;
      schedule(client, second + between(1, 25));
    } else if (fate < 0.95) {  // back after it: stale meanwhile
      c.link = kDown;
      schedule(client, second + between(35, 100));
    } else {  // never back: the tab is gone
      c.link = kClosed;
      ++stats_.vanished;
      schedule(client, second + between(130, 400));
    }
  }
}

void Crowd::restarted(std::uint32_t down, std::uint32_t back) {
  for (std::uint32_t client = 0; client < clients_.size(); ++client) {
    Client& c = clients_[client];
    if (c.link == kUp) {
      c.link = kDown;
      schedule(client, back + between(1, 20));
    } else if (c.due >= down && c.due <= back) {
      schedule(client, back + between(1, 5));
    }
  }
}

}  // namespace soak
