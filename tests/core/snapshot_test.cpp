// Persistence: an engine saved and restored continues where it stopped
// (who is online, counts, rooms, intents, resume tokens, event numbering),
// ages from its sessions' last signals across the time it was down, and
// refuses every damaged, truncated, foreign or inconsistent file whole.
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>

#include "engine_fixture.h"
#include "persist/atomic_file.h"
#include "persist/byte_io.h"
#include "persist/engine_snapshot.h"
#include "persist/snapshot_frame.h"

namespace presence::core::testing {
namespace {

class SnapshotTest : public EngineTest {
 protected:
  std::string save(Millis now) {
    std::string bytes;
    Status status = EngineSnapshot::save(e(), now, &bytes);
    EXPECT_TRUE(status.is_ok()) << status.message();
    return bytes;
  }

  // Replaces the engine with one restored from `bytes` at `now`.
  void restore(const std::string& bytes, Millis now, const Config& config = test_config()) {
    std::unique_ptr<Engine> restored;
    Status status = EngineSnapshot::load(config, bytes, now, &restored);
    ASSERT_TRUE(status.is_ok()) << status.message();
    engine_ = std::move(restored);
  }

  static Status load(std::string_view bytes, const Config& config = test_config()) {
    std::unique_ptr<Engine> restored;
    Status status = EngineSnapshot::load(config, bytes, t(100), &restored);
    EXPECT_EQ(status.is_ok(), restored != nullptr);
    return status;
  }

  // Multi-tab users, a hidden tab, a guest, a remembered offline user,
  // do-not-disturb and invisible users, rooms (one count-only) and pending
  // intents, at t(20).
  void populate() {
    OpenParams meta;
    meta.user_id = "ann";
    meta.meta = R"({"device":"laptop"})";
    OpenResult result;
    ASSERT_TRUE(e().open("ann-laptop", meta, t(0), &result).is_ok());
    open("ann-phone", "ann", t(0), Visibility::kHidden);
    open("bob-tab", "bob", t(1));
    open("guest-1", "", t(1));
    open("cy-tab", "cy", t(2));
    ASSERT_TRUE(e().leave("cy-tab", t(3)).is_ok());
    ASSERT_TRUE(e().set_availability("dee", Availability::kDoNotDisturb, t(2)).is_ok());
    open("dee-tab", "dee", t(2));
    ASSERT_TRUE(e().set_availability("eve", Availability::kInvisible, t(2)).is_ok());
    open("eve-tab", "eve", t(2));
    for (const char* s : {"ann-laptop", "bob-tab", "guest-1", "eve-tab"}) {
      ASSERT_TRUE(e().join_room(s, "standup", t(4)).is_ok());
    }
    ASSERT_TRUE(e().set_room_count_only("lobby", true, 5'000, t(4)).is_ok());
    ASSERT_TRUE(e().join_room("bob-tab", "lobby", t(5)).is_ok());
    IntentView intent;
    ASSERT_TRUE(
        e().open_intent("bob", TargetKind::kUser, "dee", "call", 600'000, t(6), &intent).is_ok());
    ASSERT_TRUE(e().open_intent("ann", TargetKind::kRoom, "later", "huddle", 600'000, t(7), &intent)
                    .is_ok());
    beat("ann-laptop", t(14), Activity::kActive);
    beat("bob-tab", t(15));
    beat("guest-1", t(15), Activity::kActive);
    beat("dee-tab", t(16));
    beat("eve-tab", t(16));
    advance_to(t(20));
  }

  // Everything a reader can see, as text lines (so a failure shows the
  // difference); `reconnecting` and confidence left out, as a restore
  // changes them on purpose.
  std::vector<std::string> picture(Millis now) {
    std::vector<std::string> lines;
    std::ostringstream out;
    const auto line = [&] {
      lines.push_back(out.str());
      out.str("");
    };
    const Counts c = counts(now);
    out << "counts";
    for (int s = 0; s < kStateCount; ++s) out << " " << c.sessions[s] << "/" << c.users[s];
    out << " alive " << c.sessions_alive << "/" << c.users_alive << " guests " << c.guest_sessions
        << " invisible " << c.sessions_invisible << "/" << c.users_invisible << " rooms "
        << c.rooms;
    line();
    UserPage page;
    EXPECT_TRUE(e().list_users(State::kOffline, "", 100, now, &page).is_ok());
    for (const UserView& u : page.users) {
      out << "user " << u.id << " " << state_name(u.state) << " since " << u.since << " seen "
          << u.last_seen_at << " evidence " << static_cast<int>(u.last_evidence) << " sessions "
          << u.session_count << " availability " << static_cast<int>(u.true_availability)
          << " ready " << u.ready;
      line();
      UserDetail detail;
      EXPECT_TRUE(e().get_user(u.id, now, &detail).is_ok());
      for (const SessionView& s : detail.sessions) describe(s, out, line);
    }
    SessionView guest;
    if (e().get_session("guest-1", now, &guest).is_ok()) describe(guest, out, line);
    RoomPage rooms;
    EXPECT_TRUE(e().list_rooms("", 100, now, &rooms).is_ok());
    for (const RoomView& r : rooms.rooms) {
      out << "room " << r.id << " created " << r.created_at << " guests " << r.guests
          << " arriving " << r.arriving << " readiness " << r.readiness << " ready " << r.ready
          << " count-only " << r.count_only << " every " << r.occupancy_interval;
      for (int s = 0; s < kStateCount; ++s) out << " " << r.members[s] << "/" << r.sessions[s];
      line();
      MemberPage members;
      EXPECT_TRUE(e().list_members(r.id, State::kStale, "", 100, now, &members).is_ok());
      for (const MemberView& m : members.members) {
        out << "  member " << m.id << " guest " << m.guest << " " << state_name(m.state)
            << " joined " << m.joined_at << " sessions " << m.session_count;
        line();
      }
      RoomMetricsView metrics;
      EXPECT_TRUE(e().room_metrics(r.id, now, &metrics).is_ok());
      out << "  metrics joins " << metrics.joins << " leaves " << metrics.leaves << " drop-offs "
          << metrics.drop_offs << " peaks " << metrics.peak_members << "/" << metrics.peak_sessions
          << " curve " << metrics.readiness_curve.size();
      line();
    }
    for (const char* caller : {"ann", "bob"}) {
      std::vector<IntentView> intents;
      EXPECT_TRUE(e().list_intents(true, TargetKind::kUser, caller, now, &intents).is_ok());
      for (const IntentView& i : intents) {
        out << "intent " << i.id << " " << i.from << " -> " << i.target << " " << i.kind
            << " created " << i.created_at << " expires " << i.expires_at;
        line();
      }
    }
    return lines;
  }

  template <class Line>
  static void describe(const SessionView& s, std::ostringstream& out, const Line& line) {
    out << "  session " << s.id << " " << state_name(s.true_state) << " since " << s.since
        << " signal " << s.last_signal_at << " activity " << s.last_activity_at << " visible "
        << s.visible << " interval " << s.heartbeat_interval << " meta " << s.meta.value_or("-");
    line();
  }
};

TEST_F(SnapshotTest, ARoundTripKeepsWhoIsOnlineCountsRoomsAndIntents) {
  populate();
  const std::vector<std::string> before = picture(t(20));
  const Stats stats_before = e().stats();
  const std::string bytes = save(t(20));
  restore(bytes, t(20));
  EXPECT_EQ(picture(t(20)), before);
  const Stats stats_after = e().stats();
  EXPECT_EQ(stats_after.last_seq, stats_before.last_seq);
  EXPECT_EQ(stats_after.signals, stats_before.signals);
  EXPECT_EQ(stats_after.transitions, stats_before.transitions);
  // The transports were lost in the restart: every live, shown session is
  // reconnecting, and nothing was published for it.
  const Counts c = counts(t(20));
  EXPECT_EQ(c.sessions_reconnecting, c.sessions_alive);
  EXPECT_EQ(e().last_seq(), stats_before.last_seq);
  // Intent numbering continues.
  IntentView next;
  ASSERT_TRUE(
      e().open_intent("bob", TargetKind::kRoom, "later", "call", 1'000, t(21), &next).is_ok());
  EXPECT_EQ(next.id, "intent-3");
  // A restored engine saves again, and that snapshot restores the same picture.
  const std::vector<std::string> again = picture(t(21));
  restore(save(t(21)), t(21));
  EXPECT_EQ(picture(t(21)), again);
}

TEST_F(SnapshotTest, AReconnectInsideTheGraceContinuesTheSessionWithoutEvents) {
  populate();
  restore(save(t(20)), t(25));
  seen_seq_ = e().last_seq();
  OpenParams params;
  params.user_id = "ann";
  OpenResult result;
  ASSERT_TRUE(e().open("ann-laptop", params, t(30), &result).is_ok());
  EXPECT_TRUE(result.continued);
  EXPECT_EQ(result.state, State::kActive);
  EXPECT_FALSE(session("ann-laptop", t(30)).reconnecting);
  EXPECT_TRUE(new_events_of_any_kind().empty());
  // bob never came back: stale once the grace window after the restore ends.
  EXPECT_EQ(session_state("bob-tab", t(25) + 29'999), State::kActive);
  EXPECT_EQ(session_state("bob-tab", t(25) + 30'000), State::kStale);
}

TEST_F(SnapshotTest, ResumeTokensGivenBeforeTheRestartStayValid) {
  Config config = test_config();
  config.require_resume_token = true;
  make(config);
  OpenParams params;
  params.user_id = "ann";
  params.transport_id = "socket-1";
  OpenResult first;
  ASSERT_TRUE(e().open("ann-tab", params, t(0), &first).is_ok());
  restore(save(t(1)), t(2), config);
  // The old transport is gone: heartbeats need the session reopened first.
  EXPECT_EQ(
      e().heartbeat("ann-tab", Activity::kUnknown, Visibility::kUnknown, t(3), nullptr).code(),
      Code::kDenied);
  params.transport_id = "socket-2";
  std::string forged = first.resume_token;
  forged[0] = forged[0] == 'a' ? 'b' : 'a';
  params.resume_token = forged;
  OpenResult denied;
  EXPECT_EQ(e().open("ann-tab", params, t(3), &denied).code(), Code::kDenied);
  params.resume_token = first.resume_token;
  OpenResult resumed;
  ASSERT_TRUE(e().open("ann-tab", params, t(3), &resumed).is_ok());
  EXPECT_TRUE(resumed.continued);
  EXPECT_EQ(resumed.resume_token, first.resume_token);
}

TEST_F(SnapshotTest, SessionsAgeFromTheirLastSignalAcrossALongPause) {
  populate();
  new_events();
  const std::uint64_t last = e().last_seq();
  // Restored an hour later: every session's TTL ran out while the engine
  // was down, and its transitions carry the times they happened.
  restore(save(t(20)), t(3'600));
  seen_seq_ = last;
  const std::vector<EventRecord> events = new_events();
  bool saw_bob_offline = false;
  for (const EventRecord& ev : events) {
    if (ev.kind == EventKind::kSession && ev.id == "bob-tab" && ev.new_state == State::kOffline) {
      saw_bob_offline = true;
      EXPECT_EQ(ev.at, t(15) + test_config().session_ttl);  // bob's last heartbeat + TTL
    }
  }
  EXPECT_TRUE(saw_bob_offline);
  const Counts c = counts(t(3'600));
  EXPECT_EQ(c.sessions_alive, 0U);
  EXPECT_EQ(c.users_alive, 0U);
  EXPECT_EQ(c.users[index_of(State::kOffline)], 5U);  // ann bob cy dee eve, remembered
  const UserView bob = user("bob", t(3'600));
  EXPECT_EQ(bob.state, State::kOffline);
  EXPECT_EQ(bob.last_seen_at, t(15));
  std::uint64_t seen = 0;
  ASSERT_TRUE(e().count_seen(7'200'000, t(3'600), &seen).is_ok());
  EXPECT_EQ(seen, 5U);
}

TEST_F(SnapshotTest, ConsumersBehindTheLastSeqAreToldToSnapshotAgain) {
  populate();
  const std::uint64_t last = e().last_seq();
  ASSERT_GT(last, 1U);
  restore(save(t(20)), t(20));
  std::vector<EventRecord> out;
  EXPECT_TRUE(e().events_after(last, 0, &out).is_ok());
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(e().events_after(last - 1, 0, &out).code(), Code::kTooFarBehind);
  EXPECT_EQ(e().events_after(0, 0, &out).code(), Code::kTooFarBehind);
  ASSERT_TRUE(e().leave("bob-tab", t(21)).is_ok());
  ASSERT_TRUE(e().events_after(last, 0, &out).is_ok());
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.front().seq, last + 1);
}

TEST_F(SnapshotTest, ChangesWaitingForTheirDebounceArePublishedOnceAfterTheRestore) {
  Config config = test_config();
  config.debounce = {2'000, 2'000, 2'000, 2'000, 500};
  make(config);
  open("ann-tab", "ann", t(0));
  open("bob-tab", "bob", t(0));
  ASSERT_TRUE(e().join_room("bob-tab", "standup", t(1)).is_ok());
  advance_to(t(5));
  new_events_of_any_kind();
  // Just before the save: ann leaves, bob leaves the room and cy arrives;
  // none of it has held for its debounce yet.
  ASSERT_TRUE(e().leave("ann-tab", t(10)).is_ok());
  ASSERT_TRUE(e().leave_room("bob-tab", "standup", t(10)).is_ok());
  open("cy-tab", "cy", t(10));
  ASSERT_TRUE(e().join_room("cy-tab", "standup", t(10)).is_ok());
  EXPECT_TRUE(new_events_of_any_kind().empty());
  restore(save(t(10) + 100), t(10) + 200, config);
  advance_to(t(20));
  std::map<std::string, int> seen;
  for (const EventRecord& ev : new_events_of_any_kind()) {
    const std::string key = std::to_string(static_cast<int>(ev.kind)) + ":" + ev.id + ":" +
                            state_name(ev.old_state) + ">" + state_name(ev.new_state);
    ++seen[key];
    if (ev.kind == EventKind::kMember) {
      EXPECT_EQ(ev.at, t(10)) << key;  // the change's own time, not the restore's
    }
  }
  EXPECT_EQ(seen["1:ann-tab:active>offline"], 1);
  EXPECT_EQ(seen["2:ann:active>offline"], 1);
  EXPECT_EQ(seen["3:bob:active>offline"], 1);
  EXPECT_EQ(seen["3:cy:offline>active"], 1);
  EXPECT_EQ(seen["1:cy-tab:offline>active"], 1);
  RoomMetricsView metrics;
  ASSERT_TRUE(e().room_metrics("standup", t(20), &metrics).is_ok());
  EXPECT_EQ(metrics.joins, 2U);
  EXPECT_EQ(metrics.leaves, 1U);
}

TEST_F(SnapshotTest, AUserVisibleAgainIsShownSinceThenAfterTheRestore) {
  open("fay-tab", "fay", t(0));
  ASSERT_TRUE(e().set_availability("fay", Availability::kInvisible, t(3)).is_ok());
  ASSERT_TRUE(e().set_availability("fay", Availability::kAvailable, t(8)).is_ok());
  advance_to(t(10));
  ASSERT_EQ(user("fay", t(10)).since, t(8));  // readers saw fay come online at t(8)
  restore(save(t(10)), t(10));
  EXPECT_EQ(user("fay", t(10)).since, t(8));
  EXPECT_EQ(session("fay-tab", t(10)).since, t(8));
}

TEST_F(SnapshotTest, ACountOnlyRoomBackToItsPublishedCountsStaysQuietAfterTheRestore) {
  ASSERT_TRUE(e().set_room_count_only("lobby", true, 5'000, t(0)).is_ok());
  open("bob-tab", "bob", t(0));
  ASSERT_TRUE(e().join_room("bob-tab", "lobby", t(0)).is_ok());
  advance_to(t(20));  // bob's presence and the occupancy are published
  ASSERT_TRUE(e().leave_room("bob-tab", "lobby", t(20)).is_ok());
  ASSERT_TRUE(e().join_room("bob-tab", "lobby", t(20) + 100).is_ok());
  restore(save(t(20) + 200), t(20) + 200);
  seen_seq_ = e().last_seq();
  advance_to(t(40));
  for (const EventRecord& event : new_events_of_any_kind()) {
    EXPECT_NE(event.kind, EventKind::kOccupancy) << "counts equal to those published are no news";
  }
}

TEST_F(SnapshotTest, TheRestoredEngineTakesTheNewConfiguration) {
  open("ann-tab", "ann", t(0));
  Config shorter = test_config();
  shorter.session_ttl = 80'000;
  restore(save(t(70)), t(70), shorter);
  EXPECT_EQ(session_state("ann-tab", t(79)), State::kStale);
  EXPECT_EQ(session_state("ann-tab", t(80)), State::kOffline);
}

TEST_F(SnapshotTest, CountsEqualTheSavedEnginesAfterRandomOperation) {
  Config config = test_config();
  config.debounce = {1'500, 1'500, 800, 800, 300};
  make(config);
  std::mt19937 rng(7);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Millis now = t(0);
  for (int step = 0; step < 3'000; ++step) {
    now += pick(3'000);
    const std::string id = "s" + std::to_string(pick(40));
    const std::string user = "u" + std::to_string(pick(12));
    const std::string room = "r" + std::to_string(pick(4));
    OpenParams params;
    if (pick(4) != 0) params.user_id = user;
    params.visibility = static_cast<Visibility>(pick(3));
    OpenResult result;
    IntentView intent;
    Status ignored;
    switch (pick(9)) {
      case 0: ignored = e().open(id, params, now, &result); break;
      case 1:
      case 2:
        ignored = e().heartbeat(id, static_cast<Activity>(pick(3)),
                                static_cast<Visibility>(pick(3)), now, nullptr);
        break;
      case 3: ignored = e().disconnect(id, now); break;
      case 4: ignored = e().leave(id, now); break;
      case 5: ignored = e().join_room(id, room, now); break;
      case 6: ignored = e().leave_room(id, room, now); break;
      case 7: ignored = e().set_availability(user, static_cast<Availability>(pick(4)), now); break;
      default:
        ignored = e().open_intent(user, TargetKind::kUser, "u" + std::to_string(pick(12)), "call",
                                  60'000, now, &intent);
    }
    if (step % 500 != 499) continue;
    const std::vector<std::string> before = picture(now);
    restore(save(now), now, config);
    EXPECT_EQ(picture(now), before) << "after step " << step;
  }
}

// --- Damaged and hostile files ------------------------------------------------------

TEST_F(SnapshotTest, EveryTruncationAndEveryFlippedByteIsRefused) {
  populate();
  const std::string bytes = save(t(20));
  ASSERT_TRUE(load(bytes).is_ok());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    const Status status = load(std::string_view(bytes).substr(0, size));
    ASSERT_EQ(status.code(), Code::kCorrupt) << "truncated to " << size;
    ASSERT_NE(status.message().find("truncated"), std::string::npos) << status.message();
  }
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    const Status status = load(damaged);
    // The version's bytes say "newer" (unsupported); everything else is corrupt.
    ASSERT_TRUE(status.code() == Code::kCorrupt || status.code() == Code::kUnsupported)
        << "byte " << at << ": " << status.message();
  }
}

TEST_F(SnapshotTest, ForeignFutureAndOverlongFilesSayWhatIsWrong) {
  const std::string bytes = save(t(0));
  std::string foreign = bytes;
  foreign.replace(0, 6, "GIF89a");
  EXPECT_NE(load(foreign).message().find("not a presence snapshot"), std::string::npos);
  EXPECT_NE(load("{\"json\": true}").message().find("not a presence snapshot"), std::string::npos);

  std::string future = bytes;
  future[8] = static_cast<char>(kSnapshotFormatVersion + 1);
  const Status newer = load(future);
  EXPECT_EQ(newer.code(), Code::kUnsupported);
  EXPECT_NE(newer.message().find("newer library"), std::string::npos) << newer.message();
  std::string unknown = bytes;
  unknown[8] = 0;
  EXPECT_EQ(load(unknown).code(), Code::kCorrupt);

  std::string huge = bytes;
  for (int i = 12; i < 20; ++i) huge[static_cast<std::size_t>(i)] = '\x7f';
  EXPECT_NE(load(huge).message().find("truncated"), std::string::npos);
  EXPECT_NE(load(bytes + "extra").message().find("announces"), std::string::npos);
}

// A payload written field by field as engine_snapshot.h documents it: one
// user with one session in one room, and one intent. Tests break one field.
struct Forged {
  Millis saved_at = t(10);
  std::uint64_t last_seq = 0;
  std::uint64_t next_intent = 2;
  std::uint32_t user_count = 1;
  std::string user_id = "ann";
  std::uint8_t user_remembered = 0;
  std::uint8_t availability = 0;
  Millis visibility_at = 0;
  std::uint32_t room_count = 1;
  float readiness = 0.0F;
  std::uint32_t session_count = 1;
  std::string session_id = "ann-tab";
  std::uint32_t session_user = 0;
  Millis last_signal_at = t(9);
  Millis hidden_since = kNever;
  std::uint8_t state = 4;
  std::uint32_t member_count = 1;
  std::uint32_t member_room = 0;
  std::uint32_t member_owner = 0;
  std::uint8_t member_published = 1;
  std::vector<std::uint32_t> seats = {0};
  std::uint32_t intent_count = 1;
  std::string intent_id = "intent-1";
  Millis expires_at = t(600);
  std::string trailer;

  std::string file() const {
    ByteWriter w;
    w.i64(saved_at);
    w.u64(last_seq);
    w.u64(next_intent);
    for (int i = 0; i < 4 + 6; ++i) w.u64(static_cast<std::uint64_t>(i) + 1);  // stats, keys
    w.u32(user_count);
    w.text(user_id);
    w.u8(user_remembered);
    w.u8(availability);
    w.i64(t(0));
    w.u8(4);
    w.i64(0);
    w.u8(0);
    w.u8(0);
    w.u8(0);
    w.i64(0);
    w.i64(0);
    w.i64(visibility_at);
    w.u32(room_count);
    w.text("standup");
    w.i64(t(1));
    w.f32(0.0F);
    w.f32(0.0F);
    w.i64(t(1));
    w.f32(readiness);
    w.u8(0);
    w.u8(0);
    w.i64(t(1));
    w.u8(0);
    for (int i = 0; i < 5 + 24; ++i) w.u32(0);
    for (int i = 0; i < 8; ++i) w.f32(0.0F);
    w.u32(0);
    w.u32(session_count);
    w.text(session_id);
    w.u32(session_user);
    w.i64(last_signal_at);
    w.i64(last_signal_at);
    w.i64(hidden_since);
    w.i64(kNever);
    w.i64(t(0));
    w.u8(state);
    w.u8(state);
    w.u8(2);
    w.u8(0);
    w.u32(1);
    w.u8(0);
    w.u32(member_count);
    w.u32(member_room);
    w.u8(0);
    w.u32(member_owner);
    w.i64(t(1));
    w.u8(member_published);
    w.u32(static_cast<std::uint32_t>(seats.size()));
    for (const std::uint32_t s : seats) w.u32(s);
    if (seats.empty() != (member_published == 0)) {
      w.i64(t(9));
      w.u8(0);
      w.u8(4);
    }
    w.u32(intent_count);
    w.text(intent_id);
    w.text("bob");
    w.u8(1);
    w.text("ann");
    w.text("call");
    w.i64(t(5));
    w.i64(expires_at);
    std::string payload = w.take();
    payload += trailer;
    return frame_snapshot(payload);
  }
};

TEST_F(SnapshotTest, AClusterNodeIsNeitherSavedNorRestored) {
  const std::string standalone = save(t(0));
  Config node = test_config();
  node.node_id = "node-a";
  std::unique_ptr<Engine> engine;
  ASSERT_TRUE(Engine::create(node, &engine).is_ok());
  std::string bytes;
  const Status saved = EngineSnapshot::save(*engine, t(0), &bytes);
  EXPECT_EQ(saved.code(), Code::kUnsupported);
  EXPECT_NE(saved.message().find("cluster node"), std::string::npos);
  EXPECT_TRUE(bytes.empty());
  const Status loaded = load(standalone, node);
  EXPECT_EQ(loaded.code(), Code::kUnsupported);
  EXPECT_NE(loaded.message().find("cluster node"), std::string::npos);
}

TEST_F(SnapshotTest, AForgedPayloadLoadsOnlyWhenEveryRecordIsConsistent) {
  const Forged valid;
  ASSERT_TRUE(load(valid.file()).is_ok()) << load(valid.file()).message();

  const struct {
    const char* mentions;
    void (*breaks)(Forged&);
  } cases[] = {
      {"4294967295 records cannot fit", [](Forged& f) { f.user_count = 0xFFFFFFFF; }},
      {"sessions: 1000 records", [](Forged& f) { f.session_count = 1000; }},
      {"user 0: the id is empty", [](Forged& f) { f.user_id.clear(); }},
      {"not UTF-8", [](Forged& f) { f.user_id = "\xff\xfe"; }},
      {"a flag is neither 0 nor 1", [](Forged& f) { f.user_remembered = 2; }},
      {"remembered as offline", [](Forged& f) { f.user_remembered = 1; }},
      {"availability is unknown", [](Forged& f) { f.availability = 9; }},
      {"user 0 'ann': a time is negative", [](Forged& f) { f.visibility_at = t(12); }},
      {"readiness score is outside", [](Forged& f) { f.readiness = std::nanf(""); }},
      {"its user does not exist", [](Forged& f) { f.session_user = 5; }},
      {"after the snapshot's time", [](Forged& f) { f.last_signal_at = t(11); }},
      {"a time is negative", [](Forged& f) { f.hidden_since = -5; }},
      {"a state is unknown", [](Forged& f) { f.state = 5; }},
      {"the snapshot's time", [](Forged& f) { f.saved_at = -1; }},
      {"its room does not exist", [](Forged& f) { f.member_room = 3; }},
      {"its user does not exist", [](Forged& f) { f.member_owner = 1; }},
      {"its session does not exist", [](Forged& f) { f.seats = {7}; }},
      {"in the room twice",
       [](Forged& f) {
         f.seats = {0, 0};
       }},
      {"more than a member may hold", [](Forged& f) { f.seats.assign(256, 0); }},
      {"its session has ended", [](Forged& f) { f.state = 0; }},
      {"neither present nor announced",
       [](Forged& f) {
         f.seats.clear();
         f.member_published = 0;
       }},
      {"not one the engine gave out", [](Forged& f) { f.intent_id = "intent-2"; }},
      {"not one the engine gave out", [](Forged& f) { f.intent_id = "call-1"; }},
      {"out of order", [](Forged& f) { f.expires_at = t(5); }},
      {"the next intent number", [](Forged& f) { f.next_intent = 0; }},
      {"the last event seq", [](Forged& f) { f.last_seq = std::uint64_t{1} << 60; }},
      {"intents: 2 records cannot fit", [](Forged& f) { f.intent_count = 2; }},
      {"ends inside intent 1",
       [](Forged& f) {
         f.intent_count = 2;
         f.trailer.assign(60, 'x');
       }},
      {"bytes follow the last record", [](Forged& f) { f.trailer = "x"; }},
  };
  for (const auto& c : cases) {
    Forged forged;
    c.breaks(forged);
    const Status status = load(forged.file());
    EXPECT_EQ(status.code(), Code::kCorrupt) << c.mentions;
    EXPECT_NE(status.message().find(c.mentions), std::string::npos)
        << "wanted '" << c.mentions << "' in: " << status.message();
  }
}

// --- Files -----------------------------------------------------------------------------

class SnapshotFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "pe-snapshot-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::filesystem::path dir_;
};

TEST_F(SnapshotFileTest, WritesReplaceTheFileWholeAndLeaveNothingBehind) {
  const std::string path = (dir_ / "engine.snap").string();
  ASSERT_TRUE(write_file_atomically(path, "first").is_ok());
  ASSERT_TRUE(write_file_atomically(path, "second, longer").is_ok());
  std::string read;
  ASSERT_TRUE(read_whole_file(path, &read).is_ok());
  EXPECT_EQ(read, "second, longer");
  EXPECT_EQ(files(), std::vector<std::string>{"engine.snap"});
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);  // snapshots hold secrets
}

TEST_F(SnapshotFileTest, FailuresNameThePathAndTheReason) {
  std::string read;
  const Status missing = read_whole_file((dir_ / "none").string(), &read);
  EXPECT_EQ(missing.code(), Code::kNotFound);
  const Status directory = read_whole_file(dir_.string(), &read);
  EXPECT_EQ(directory.code(), Code::kIoError);
  EXPECT_NE(directory.message().find("not a regular file"), std::string::npos);
  const std::string nowhere = (dir_ / "no-such-dir" / "engine.snap").string();
  const Status written = write_file_atomically(nowhere, "bytes");
  EXPECT_EQ(written.code(), Code::kIoError);
  EXPECT_NE(written.message().find(nowhere), std::string::npos) << written.message();
  EXPECT_NE(written.message().find("No such file or directory"), std::string::npos);
  EXPECT_TRUE(files().empty());
}

}  // namespace
}  // namespace presence::core::testing
