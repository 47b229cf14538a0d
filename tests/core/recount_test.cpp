// Counts are maintained incrementally; after long randomized sequences of
// signals (fixed seeds) they must equal a full recount of the sessions, and
// every user must equal the derivation from its sessions.
#include <map>
#include <random>

#include "engine_fixture.h"

namespace presence::core::testing {
namespace {

class RecountTest : public EngineTest, public ::testing::WithParamInterface<unsigned> {};

struct Recount {
  std::uint64_t sessions[kStateCount] = {};
  std::uint64_t reconnecting = 0;
  std::uint64_t guests = 0;
  std::uint64_t invisible_sessions = 0;
  std::uint64_t users[kStateCount] = {};
  std::uint64_t invisible_users = 0;
};

TEST_P(RecountTest, CountsEqualARecountAfterRandomSignals) {
  Config config = test_config();
  config.debounce = {1'500, 1'500, 800, 800, 300};
  config.max_sessions_per_user = 4;
  config.last_seen_retention = 600'000;
  make(config);

  std::mt19937 rng(GetParam());
  const int kSessions = 60;
  const int kUsers = 15;
  auto session_id = [](int i) { return "s" + std::to_string(i); };
  auto user_id = [](int i) { return "u" + std::to_string(i); };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };

  Millis now = t(0);
  const int kRooms = 5;
  auto room_id = [](int i) { return "room" + std::to_string(i); };
  for (int step = 0; step < 4000; ++step) {
    now += pick(4) == 0 ? pick(40'000) : pick(1'500);
    const std::string id = session_id(pick(kSessions));
    const std::string room = room_id(pick(kRooms));
    const int op = pick(115);
    OpenParams params;
    std::string user = user_id(pick(kUsers));
    std::string transport = "t" + std::to_string(pick(kSessions));
    Status status;
    if (op < 20) {
      if (pick(5) != 0) params.user_id = user;
      if (pick(3) == 0) params.transport_id = transport;
      params.visibility = static_cast<Visibility>(pick(3));
      OpenResult result;
      status = e().open(id, params, now, &result);
    } else if (op < 55) {
      status = e().heartbeat(id, static_cast<Activity>(pick(3)), static_cast<Visibility>(pick(3)),
                             now, nullptr);
    } else if (op < 63) {
      status = e().activity(id, now);
    } else if (op < 71) {
      status = e().visibility(id, pick(2) == 0 ? Visibility::kHidden : Visibility::kVisible, now);
    } else if (op < 80) {
      status = e().disconnect(id, now);
    } else if (op < 84) {
      status = e().disconnect_transport(transport, now);
    } else if (op < 90) {
      status = e().leave(id, now);
    } else if (op < 94) {
      status = e().identify(id, user, now);
    } else if (op < 100) {
      status = e().advance(now, static_cast<std::size_t>(pick(3)), nullptr);
    } else if (op < 108) {
      status = e().join_room(id, room, now);
    } else if (op < 112) {
      status = e().leave_room(id, room, now);
    } else {
      // Invisible sometimes, so that shown and true counts part ways.
      status = e().set_availability(user, static_cast<Availability>(pick(4)), now);
    }
    // Only "expected" refusals: unknown sessions, conflicts, limits.
    ASSERT_TRUE(status.is_ok() || status.code() == Code::kNotFound ||
                status.code() == Code::kConflict || status.code() == Code::kLimitExceeded)
        << status.message();

    if (step % 10 != 0) continue;
    Recount recount;
    for (int i = 0; i < kSessions; ++i) {
      SessionView view;
      if (!e().get_session(session_id(i), now, &view).is_ok()) continue;
      ASSERT_TRUE(is_alive(view.true_state));
      if (!view.user_id) ++recount.guests;
      if (!is_alive(view.state)) {  // an invisible user's: shown offline
        ++recount.invisible_sessions;
        continue;
      }
      ++recount.sessions[index_of(view.state)];
      if (view.reconnecting) ++recount.reconnecting;
    }
    for (int i = 0; i < kUsers; ++i) {
      UserDetail detail;
      if (!e().get_user(user_id(i), now, &detail).is_ok()) continue;
      if (detail.user.true_availability == Availability::kInvisible) {
        ASSERT_EQ(detail.user.state, State::kOffline);
        ASSERT_TRUE(detail.sessions.empty());
        if (is_alive(detail.user.true_state)) ++recount.invisible_users;
        ++recount.users[index_of(State::kOffline)];
        continue;
      }
      State derived = State::kOffline;
      for (const SessionView& s : detail.sessions) derived = std::max(derived, s.state);
      ASSERT_EQ(detail.user.state, derived) << user_id(i) << " at step " << step;
      ASSERT_EQ(detail.user.session_count, detail.sessions.size());
      ++recount.users[index_of(detail.user.state)];
    }
    // Rooms: counts by state equal a recount of their member lists.
    for (int r = 0; r < kRooms; ++r) {
      RoomView view;
      if (!e().get_room(room_id(r), now, &view).is_ok()) continue;
      MemberPage page;
      ASSERT_TRUE(e().list_members(room_id(r), State::kStale, "", 1000, now, &page).is_ok());
      std::uint32_t members[kStateCount] = {};
      std::uint32_t seats = 0;
      std::uint32_t guests = 0;
      std::uint32_t arriving = 0;
      for (const MemberView& m : page.members) {
        ++members[index_of(m.state)];
        seats += m.session_count;
        if (m.guest) ++guests;
        if (m.arriving) ++arriving;
      }
      std::uint32_t room_sessions = 0;
      for (int s = 1; s < kStateCount; ++s) {
        ASSERT_EQ(view.members[s], members[s]) << room_id(r) << " state " << s << " step " << step;
        room_sessions += view.sessions[s];
      }
      ASSERT_EQ(room_sessions, seats) << room_id(r) << " at step " << step;
      ASSERT_EQ(view.guests, guests);
      ASSERT_EQ(view.arriving, arriving);
    }
    const Counts c = counts(now);
    std::uint64_t alive = 0;
    for (int s = 1; s < kStateCount; ++s) {
      ASSERT_EQ(c.sessions[s], recount.sessions[s])
          << "sessions in state " << s << " at step " << step;
      ASSERT_EQ(c.users[s], recount.users[s]) << "users in state " << s << " at step " << step;
      alive += recount.sessions[s];
    }
    ASSERT_EQ(c.users[0], recount.users[0]);
    ASSERT_EQ(c.sessions_alive, alive);
    ASSERT_EQ(c.sessions_reconnecting, recount.reconnecting);
    ASSERT_EQ(c.guest_sessions, recount.guests);
    ASSERT_EQ(c.sessions_invisible, recount.invisible_sessions);
    ASSERT_EQ(c.users_invisible, recount.invisible_users);
  }
  // Every published event is in order and consistent with its predecessor.
  std::vector<EventRecord> events;
  ASSERT_TRUE(e().events_after(0, 0, &events).is_ok());
  std::map<std::string, State> published;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const EventRecord& ev = events[i];
    ASSERT_EQ(ev.seq, i + 1);
    if (ev.kind != EventKind::kSession && ev.kind != EventKind::kUser) continue;
    ASSERT_NE(ev.old_state, ev.new_state);
    const std::string key = (ev.kind == EventKind::kUser ? "u:" : "s:") + ev.id;
    auto it = published.find(key);
    const State previous = it == published.end() ? State::kOffline : it->second;
    ASSERT_EQ(ev.old_state, previous) << "event " << ev.seq << " for " << key;
    published[key] = ev.new_state;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RecountTest, ::testing::Values(1U, 2U, 3U, 42U, 1234U));

}  // namespace
}  // namespace presence::core::testing
