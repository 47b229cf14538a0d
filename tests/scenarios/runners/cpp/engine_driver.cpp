#include "engine_driver.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <vector>

namespace scenarios {

namespace {

// The file's names for enum values, indexed by the C value.
constexpr std::array<const char*, 3> kActivityNames = {"unknown", "active", "idle"};
constexpr std::array<const char*, 3> kVisibilityNames = {"unknown", "visible", "hidden"};
constexpr std::array<const char*, PE_STATE_COUNT> kStateNames = {"offline", "stale", "away", "idle",
                                                                 "active"};
constexpr std::array<const char*, 3> kBucketNames = {"low", "medium", "high"};
constexpr std::array<const char*, 6> kEvidenceNames = {"none",     "open",       "heartbeat",
                                                       "activity", "visibility", "leave"};
constexpr std::array<const char*, 4> kAvailabilityNames = {"available", "busy", "do_not_disturb",
                                                           "invisible"};
constexpr std::array<const char*, 3> kTargetKindNames = {"unknown", "user", "room"};
constexpr std::array<const char*, 4> kIntentStateNames = {"pending", "ready", "expired",
                                                          "cancelled"};
constexpr std::array<const char*, 6> kGateReasonNames = {"ready",          "unknown",   "offline",
                                                         "do_not_disturb", "not_ready", "empty"};
constexpr std::array<const char*, 8> kEventKindNames = {
    "unknown", "session", "user", "member", "readiness", "intent", "occupancy", "availability"};

// An enum argument: a name of the file's vocabulary, or a raw number (to
// pass values the C enum does not define).
template <class Enum, std::size_t N>
Enum enum_arg(const Json& value, const std::array<const char*, N>& names) {
  if (value.is_number_integer()) return static_cast<Enum>(value.get<int>());
  const std::string name = value.get<std::string>();
  const auto found =
      std::find_if(names.begin(), names.end(), [&](const char* n) { return name == n; });
  return static_cast<Enum>(found - names.begin());  // the schema admits only known names
}

template <class Enum, std::size_t N>
Enum optional_enum(const Json& step, const char* field, const std::array<const char*, N>& names,
                   Enum absent) {
  return step.contains(field) ? enum_arg<Enum>(step[field], names) : absent;
}

template <std::size_t N>
const char* name_of(int value, const std::array<const char*, N>& names) {
  return value >= 0 && static_cast<std::size_t>(value) < N ? names[static_cast<std::size_t>(value)]
                                                           : "unknown";
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;  // the schema's pattern admits nothing else
}

// A text argument: a string, {"hex": ...} bytes, or {"repeat": ..., "count": n}.
std::string text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.contains("hex")) {
    const std::string hex = value["hex"].get<std::string>();
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      bytes.push_back(static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1])));
    }
    return bytes;
  }
  std::string repeated;
  const std::string unit = value["repeat"].get<std::string>();
  for (std::int64_t i = 0; i < value["count"].get<std::int64_t>(); ++i) repeated += unit;
  return repeated;
}

std::optional<std::string> optional_text(const Json& step, const char* field) {
  if (!step.contains(field)) return std::nullopt;
  return text(step[field]);
}

Json nullable(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// Counts indexed by pe_state, as {"active": n, "idle": n, "away": n, "stale": n}.
Json by_state(const std::uint32_t (&counts)[PE_STATE_COUNT]) {
  return Json{{"active", counts[PE_STATE_ACTIVE]},
              {"idle", counts[PE_STATE_IDLE]},
              {"away", counts[PE_STATE_AWAY]},
              {"stale", counts[PE_STATE_STALE]}};
}

// The lines of a text, without their line ends.
Json lines_of(const std::string& text) {
  Json lines = Json::array();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

template <class Items, class Convert>
Json array_of(const Items& items, Convert&& convert) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(convert(item));
  return out;
}

// A negative limit wraps to a huge one, which the engine refuses like any
// limit above its maximum.
std::size_t limit_arg(const Json& step) {
  return static_cast<std::size_t>(step["limit"].get<std::int64_t>());
}

// The events of the kinds a step names in "kinds" (all of them without it).
Json only_kinds(const Json& step, Json events) {
  if (!step.contains("kinds")) return events;
  Json kept = Json::array();
  for (Json& event : events) {
    const Json& kinds = step["kinds"];
    if (std::find(kinds.begin(), kinds.end(), event["kind"]) != kinds.end()) {
      kept.push_back(std::move(event));
    }
  }
  return kept;
}

struct ConfigField {
  const char* name;
  void (*set)(pe_config& config, const Json& value);
};

#define PE_CONFIG_FIELD(field)                                                         \
  ConfigField {                                                                        \
#field, [](pe_config & c, const Json& v) { c.field = v.get<decltype(c.field)>(); } \
  }

// Every pe_config field, by its C name.
const ConfigField kConfigFields[] = {
    PE_CONFIG_FIELD(idle_after_ms),
    PE_CONFIG_FIELD(away_after_ms),
    PE_CONFIG_FIELD(blur_tolerance_ms),
    PE_CONFIG_FIELD(heartbeat_active_ms),
    PE_CONFIG_FIELD(heartbeat_idle_ms),
    PE_CONFIG_FIELD(heartbeat_hidden_ms),
    PE_CONFIG_FIELD(heartbeat_grace_ms),
    PE_CONFIG_FIELD(reconnect_grace_ms),
    PE_CONFIG_FIELD(session_ttl_ms),
    PE_CONFIG_FIELD(debounce_active_ms),
    PE_CONFIG_FIELD(debounce_idle_ms),
    PE_CONFIG_FIELD(debounce_away_ms),
    PE_CONFIG_FIELD(debounce_stale_ms),
    PE_CONFIG_FIELD(debounce_offline_ms),
    PE_CONFIG_FIELD(last_seen_retention_ms),
    PE_CONFIG_FIELD(last_seen_max_users),
    PE_CONFIG_FIELD(event_buffer_capacity),
    PE_CONFIG_FIELD(max_id_bytes),
    PE_CONFIG_FIELD(max_meta_bytes),
    PE_CONFIG_FIELD(max_sessions_per_user),
    PE_CONFIG_FIELD(max_sessions),
    PE_CONFIG_FIELD(room_arriving_ms),
    PE_CONFIG_FIELD(room_momentum_half_life_ms),
    PE_CONFIG_FIELD(max_rooms_per_session),
    PE_CONFIG_FIELD(max_rooms),
    PE_CONFIG_FIELD(readiness_weight_state),
    PE_CONFIG_FIELD(readiness_weight_recency),
    PE_CONFIG_FIELD(readiness_recency_window_ms),
    PE_CONFIG_FIELD(readiness_busy_factor),
    PE_CONFIG_FIELD(readiness_room_weight_members),
    PE_CONFIG_FIELD(readiness_room_weight_density),
    PE_CONFIG_FIELD(readiness_room_quorum),
    PE_CONFIG_FIELD(readiness_ready_threshold),
    PE_CONFIG_FIELD(readiness_unready_threshold),
    PE_CONFIG_FIELD(max_intents_per_caller),
    PE_CONFIG_FIELD(max_intent_ttl_ms),
    PE_CONFIG_FIELD(max_catch_up_steps),
};

#undef PE_CONFIG_FIELD

}  // namespace

pe_config make_config(const Json& config) {
  pe_config out;
  pe_config_init(&out);
  for (const ConfigField& field : kConfigFields) {
    if (config.contains(field.name)) field.set(out, config[field.name]);
  }
  return out;
}

Outcome Driver::run(const Json& step) {
  Outcome out;
  try {
    out.actual = call(step);
    if (step.contains("as")) named_[step["as"].get<std::string>()] = out.actual;
  } catch (const presence::Error& e) {
    out.status = pe_status_name(e.status());
    out.message = e.what();
  }
  return out;
}

Json Driver::call(const Json& step) {
  using Handler = Json (Driver::*)(const Json&);
  static const std::map<std::string, Handler> handlers = {
      {"open", &Driver::open},
      {"heartbeat", &Driver::heartbeat},
      {"heartbeat_batch", &Driver::heartbeat_batch},
      {"activity", &Driver::activity},
      {"visibility", &Driver::visibility},
      {"disconnect", &Driver::disconnect},
      {"disconnect_transport", &Driver::disconnect_transport},
      {"leave", &Driver::leave},
      {"identify", &Driver::identify},
      {"advance", &Driver::advance},
      {"next_deadline", &Driver::next_deadline},
      {"engine_now", &Driver::engine_now},
      {"get_session", &Driver::get_session},
      {"get_user", &Driver::get_user},
      {"counts", &Driver::counts},
      {"count_seen", &Driver::count_seen},
      {"list_users", &Driver::list_users},
      {"snapshot", &Driver::snapshot},
      {"poll_events", &Driver::poll_events},
      {"events", &Driver::events},
      {"stats", &Driver::stats},
      {"close", &Driver::close},
      {"join_room", &Driver::join_room},
      {"leave_room", &Driver::leave_room},
      {"set_count_only", &Driver::set_count_only},
      {"get_room", &Driver::get_room},
      {"list_rooms", &Driver::list_rooms},
      {"list_members", &Driver::list_members},
      {"user_rooms", &Driver::user_rooms},
      {"room_metrics", &Driver::room_metrics},
      {"set_availability", &Driver::set_availability},
      {"readiness", &Driver::readiness},
      {"open_intent", &Driver::open_intent},
      {"cancel_intent", &Driver::cancel_intent},
      {"list_intents", &Driver::list_intents},
      {"subscribe", &Driver::subscribe},
      {"unsubscribe", &Driver::unsubscribe},
      {"unsubscribe_all", &Driver::unsubscribe_all},
      {"fanout", &Driver::fanout},
      {"prometheus", &Driver::prometheus},
  };
  return (this->*handlers.at(step["do"].get<std::string>()))(step);
}

std::int64_t Driver::now(const Json& step) const {
  if (step.contains("at")) return t0_ + step["at"].get<std::int64_t>();
  return step["now_ms"].get<std::int64_t>();
}

// --- Signals ------------------------------------------------------------------

Json Driver::open(const Json& step) {
  const std::string session = text(step["session"]);
  const std::optional<std::string> user = optional_text(step, "user");
  const std::optional<std::string> meta = optional_text(step, "meta");
  const std::optional<std::string> transport = optional_text(step, "transport");
  presence::OpenOptions options;
  if (user) options.user_id = *user;
  if (meta) options.meta = *meta;
  if (transport) options.transport_id = *transport;
  options.visibility = optional_enum(step, "visibility", kVisibilityNames, PE_VISIBILITY_UNKNOWN);
  const pe_open_info info = engine_.open(session, options, now(step));
  return Json{{"continued", info.continued != 0},
              {"heartbeat_interval_ms", info.heartbeat_interval_ms},
              {"state", name_of(info.state, kStateNames)}};
}

Json Driver::heartbeat(const Json& step) {
  const std::int64_t interval = engine_.heartbeat(
      text(step["session"]), optional_enum(step, "activity", kActivityNames, PE_ACTIVITY_UNKNOWN),
      optional_enum(step, "visibility", kVisibilityNames, PE_VISIBILITY_UNKNOWN), now(step));
  return Json{{"heartbeat_interval_ms", interval}};
}

Json Driver::heartbeat_batch(const Json& step) {
  // presence.hpp has no batch call: this step uses the C function directly.
  const Json& items = step["items"];
  std::vector<std::string> ids;
  for (const Json& item : items) ids.push_back(text(item["session"]));
  std::vector<pe_heartbeat> batch;
  for (std::size_t i = 0; i < items.size(); ++i) {
    batch.push_back(pe_heartbeat{
        ids[i].data(), ids[i].size(),
        optional_enum(items[i], "activity", kActivityNames, PE_ACTIVITY_UNKNOWN),
        optional_enum(items[i], "visibility", kVisibilityNames, PE_VISIBILITY_UNKNOWN)});
  }
  std::vector<pe_status> statuses(batch.size());
  std::vector<std::int64_t> intervals(batch.size());
  std::size_t failed = 0;
  presence::check(pe_session_heartbeat_batch(engine_.handle(), batch.data(), batch.size(),
                                             now(step), statuses.data(), intervals.data(),
                                             &failed));
  const Json names = array_of(statuses, [](pe_status s) { return pe_status_name(s); });
  return Json{{"statuses", names}, {"heartbeat_intervals_ms", intervals}, {"failed", failed}};
}

Json Driver::activity(const Json& step) {
  engine_.activity(text(step["session"]), now(step));
  return nullptr;
}

Json Driver::visibility(const Json& step) {
  engine_.visibility(text(step["session"]),
                     enum_arg<pe_visibility>(step["visibility"], kVisibilityNames), now(step));
  return nullptr;
}

Json Driver::disconnect(const Json& step) {
  engine_.disconnect(text(step["session"]), now(step));
  return nullptr;
}

Json Driver::disconnect_transport(const Json& step) {
  engine_.disconnect_transport(text(step["transport"]), now(step));
  return nullptr;
}

Json Driver::leave(const Json& step) {
  engine_.leave(text(step["session"]), now(step));
  return nullptr;
}

Json Driver::identify(const Json& step) {
  engine_.identify(text(step["session"]), text(step["user"]), now(step));
  return nullptr;
}

// --- Time -----------------------------------------------------------------------

Json Driver::advance(const Json& step) {
  const bool more = engine_.advance(now(step), step.value("max_steps", std::size_t{0}));
  return Json{{"more", more}};
}

Json Driver::next_deadline(const Json& /*step*/) {
  const std::int64_t deadline = engine_.next_deadline();
  if (deadline == std::numeric_limits<std::int64_t>::max()) return Json{{"deadline", nullptr}};
  return Json{{"deadline", relative(deadline)}};
}

Json Driver::engine_now(const Json& /*step*/) {
  return Json{{"now", relative(engine_.now())}};
}

// --- Reads ----------------------------------------------------------------------

Json Driver::session_json(const presence::SessionInfo& s) const {
  return Json{{"id", s.session_id},
              {"user", nullable(s.user_id)},
              {"state", name_of(s.state, kStateNames)},
              {"reconnecting", s.reconnecting},
              {"visible", s.visible},
              {"connected", s.connected},
              {"confidence", s.confidence},
              {"confidence_bucket", name_of(s.confidence_bucket, kBucketNames)},
              {"last_signal_at", relative(s.last_signal_at_ms)},
              {"last_activity_at", relative(s.last_activity_at_ms)},
              {"since", relative(s.since_ms)},
              {"heartbeat_interval_ms", s.heartbeat_interval_ms},
              {"meta", nullable(s.meta)},
              {"transport", nullable(s.transport_id)},
              {"true_state", name_of(s.true_state, kStateNames)}};
}

// Users are read from the C records: presence.hpp's UserInfo copy leaves out
// the fields that came with coordination (availability, true_*, readiness).
Json Driver::user_json(const pe_user_info& u) const {
  return Json{{"id", std::string(u.user_id, u.user_id_len)},
              {"state", name_of(u.state, kStateNames)},
              {"since", relative(u.since_ms)},
              {"last_seen_at", relative(u.last_seen_at_ms)},
              {"evidence", name_of(u.last_evidence, kEvidenceNames)},
              {"session_count", u.session_count},
              {"confidence", u.confidence},
              {"confidence_bucket", name_of(u.confidence_bucket, kBucketNames)},
              {"availability", name_of(u.availability, kAvailabilityNames)},
              {"true_state", name_of(u.true_state, kStateNames)},
              {"true_availability", name_of(u.true_availability, kAvailabilityNames)},
              {"readiness", u.readiness},
              {"ready", u.ready != 0}};
}

// An event has the fields of its kind (README.md, "Records read back").
Json Driver::event_json(const presence::Event& e) const {
  Json out{{"seq", e.seq}, {"kind", name_of(e.kind, kEventKindNames)}, {"id", e.id}};
  const auto states = [&] {
    out["old"] = name_of(e.old_state, kStateNames);
    out["new"] = name_of(e.new_state, kStateNames);
  };
  switch (e.kind) {
    case PE_EVENT_SESSION:
    case PE_EVENT_USER:
      out["user"] = nullable(e.user_id);
      states();
      out["session_count"] = e.session_count;
      out["confidence"] = e.confidence;
      out["confidence_bucket"] = name_of(e.confidence_bucket, kBucketNames);
      out["last_seen_at"] = relative(e.last_seen_at_ms);
      if (e.kind == PE_EVENT_USER)
        out["availability"] = name_of(e.availability, kAvailabilityNames);
      break;
    case PE_EVENT_MEMBER:
      out["room"] = nullable(e.room_id);
      out["guest"] = e.guest;
      states();
      out["availability"] = name_of(e.availability, kAvailabilityNames);
      break;
    case PE_EVENT_READINESS:
      out["target_kind"] = name_of(e.target_kind, kTargetKindNames);
      out["room"] = nullable(e.room_id);
      out["ready"] = e.ready;
      out["readiness"] = e.readiness;
      break;
    case PE_EVENT_INTENT:
      out["intent_kind"] = nullable(e.intent_kind);
      out["from"] = nullable(e.from_id);
      out["target_kind"] = name_of(e.target_kind, kTargetKindNames);
      out["target"] = nullable(e.target_id);
      out["room"] = nullable(e.room_id);
      out["intent_state"] = name_of(e.intent_state, kIntentStateNames);
      break;
    case PE_EVENT_OCCUPANCY:
      out["room"] = nullable(e.room_id);
      out["members"] = by_state(e.room_members);
      out["sessions"] = by_state(e.room_sessions);
      out["readiness"] = e.readiness;
      break;
    case PE_EVENT_AVAILABILITY:
      out["availability"] = name_of(e.availability, kAvailabilityNames);
      break;
  }
  out["at"] = relative(e.at_ms);
  out["published_at"] = relative(e.published_at_ms);
  return out;
}

Json Driver::room_json(const presence::RoomInfo& r) const {
  return Json{{"id", r.room_id},
              {"created_at", relative(r.created_at_ms)},
              {"sessions", by_state(r.sessions)},
              {"members", by_state(r.members)},
              {"guests", r.guests},
              {"arriving", r.arriving},
              {"density", r.density},
              {"arrivals_per_minute", r.arrivals_per_minute},
              {"departures_per_minute", r.departures_per_minute},
              {"readiness", r.readiness},
              {"ready", r.ready},
              {"count_only", r.count_only},
              {"occupancy_interval_ms", r.occupancy_interval_ms}};
}

Json Driver::member_json(const presence::MemberInfo& m) const {
  return Json{{"id", m.member_id},
              {"guest", m.guest},
              {"state", name_of(m.state, kStateNames)},
              {"joined_at", relative(m.joined_at_ms)},
              {"arriving", m.arriving},
              {"session_count", m.session_count},
              {"last_seen_at", relative(m.last_seen_at_ms)},
              {"confidence", m.confidence},
              {"confidence_bucket", name_of(m.confidence_bucket, kBucketNames)},
              {"availability", name_of(m.availability, kAvailabilityNames)}};
}

Json Driver::intent_json(const presence::IntentInfo& i) const {
  return Json{{"id", i.intent_id},
              {"from", i.from_id},
              {"target_kind", name_of(i.target_kind, kTargetKindNames)},
              {"target", i.target_id},
              {"kind", i.kind},
              {"created_at", relative(i.created_at_ms)},
              {"expires_at", relative(i.expires_at_ms)},
              {"state", name_of(i.state, kIntentStateNames)}};
}

Json Driver::users_json(const pe_result* result) const {
  Json out = Json::array();
  for (std::size_t i = 0; i < pe_result_user_count(result); ++i) {
    pe_user_info u;
    pe_user_info_init(&u);
    presence::check(pe_result_user(result, i, &u));
    out.push_back(user_json(u));
  }
  return out;
}

Json Driver::sessions_json(const std::vector<presence::SessionInfo>& sessions) const {
  return array_of(sessions, [this](const presence::SessionInfo& s) { return session_json(s); });
}

Json Driver::events_json(const std::vector<presence::Event>& events) const {
  return array_of(events, [this](const presence::Event& e) { return event_json(e); });
}

Json Driver::get_session(const Json& step) {
  return session_json(engine_.get_session(text(step["session"]), now(step)));
}

Json Driver::get_user(const Json& step) {
  const std::string user = text(step["user"]);
  pe_result* result = nullptr;
  presence::check(
      pe_engine_get_user(engine_.handle(), user.data(), user.size(), now(step), &result));
  const presence::detail::ResultSet set(result);
  return Json{{"user", users_json(result).at(0)}, {"sessions", sessions_json(set.sessions())}};
}

Json Driver::counts(const Json& step) {
  const pe_counts c = engine_.counts(now(step));
  return Json{{"sessions_active", c.sessions_active},
              {"sessions_idle", c.sessions_idle},
              {"sessions_away", c.sessions_away},
              {"sessions_stale", c.sessions_stale},
              {"sessions_reconnecting", c.sessions_reconnecting},
              {"sessions_alive", c.sessions_alive},
              {"guest_sessions", c.guest_sessions},
              {"users_active", c.users_active},
              {"users_idle", c.users_idle},
              {"users_away", c.users_away},
              {"users_stale", c.users_stale},
              {"users_offline", c.users_offline},
              {"users_alive", c.users_alive},
              {"users_invisible", c.users_invisible},
              {"sessions_invisible", c.sessions_invisible},
              {"rooms", c.rooms}};
}

Json Driver::count_seen(const Json& step) {
  return Json{{"users", engine_.count_seen(step["window_ms"].get<std::int64_t>(), now(step))}};
}

std::string Driver::cursor_arg(const Json& step) const {
  if (step.contains("cursor_from")) {
    return named_.at(step["cursor_from"].get<std::string>())["cursor"].get<std::string>();
  }
  return step.contains("cursor") ? text(step["cursor"]) : std::string();
}

std::uint64_t Driver::after_seq_arg(const Json& step) const {
  if (step.contains("after_seq_from")) {
    return named_.at(step["after_seq_from"].get<std::string>())["seq"].get<std::uint64_t>();
  }
  return step["after_seq"].get<std::uint64_t>();
}

Json Driver::list_users(const Json& step) {
  const std::string cursor = cursor_arg(step);
  pe_result* result = nullptr;
  presence::check(
      pe_engine_list_users(engine_.handle(), enum_arg<pe_state>(step["min_state"], kStateNames),
                           cursor.data(), cursor.size(), limit_arg(step), now(step), &result));
  const presence::detail::ResultSet set(result);
  const std::string next = set.cursor();
  return Json{{"users", users_json(result)}, {"more", !next.empty()}, {"cursor", next}};
}

Json Driver::snapshot(const Json& step) {
  pe_result* result = nullptr;
  presence::check(pe_engine_snapshot(engine_.handle(), now(step), &result));
  const presence::detail::ResultSet set(result);
  return Json{{"seq", set.seq()},
              {"users", users_json(result)},
              {"sessions", sessions_json(set.sessions())}};
}

Json Driver::poll_events(const Json& step) {
  const presence::EventBatch batch =
      engine_.poll_events(after_seq_arg(step), step.value("max_events", std::size_t{0}));
  return Json{{"seq", batch.seq}, {"events", only_kinds(step, events_json(batch.events))}};
}

Json Driver::events(const Json& step) {
  const presence::EventBatch batch = engine_.poll_events(checkpoint_seq_);
  checkpoint_seq_ = batch.seq;
  return only_kinds(step, events_json(batch.events));
}

Json Driver::stats(const Json& /*step*/) {
  const pe_stats s = engine_.stats();
  return Json{{"session_records", s.session_records},
              {"user_records", s.user_records},
              {"signals", s.signals},
              {"transitions", s.transitions},
              {"events_published", s.events_published},
              {"last_seq", s.last_seq},
              {"oldest_seq", s.oldest_seq},
              {"pending_timers", s.pending_timers},
              {"limit_rejections", s.limit_rejections}};
}

Json Driver::close(const Json& /*step*/) {
  engine_.close();
  return nullptr;
}

// --- Coordination -----------------------------------------------------------------

Json Driver::join_room(const Json& step) {
  engine_.join_room(text(step["session"]), text(step["room"]), now(step));
  return nullptr;
}

Json Driver::leave_room(const Json& step) {
  engine_.leave_room(text(step["session"]), text(step["room"]), now(step));
  return nullptr;
}

Json Driver::set_count_only(const Json& step) {
  engine_.set_room_count_only(text(step["room"]), step["count_only"].get<bool>(),
                              step.value("interval_ms", std::int64_t{0}), now(step));
  return nullptr;
}

Json Driver::get_room(const Json& step) {
  return room_json(engine_.get_room(text(step["room"]), now(step)));
}

Json Driver::list_rooms(const Json& step) {
  const presence::RoomPage page = engine_.list_rooms(cursor_arg(step), limit_arg(step), now(step));
  return Json{{"rooms", array_of(page.rooms, [this](const auto& r) { return room_json(r); })},
              {"more", !page.next_cursor.empty()},
              {"cursor", page.next_cursor}};
}

Json Driver::list_members(const Json& step) {
  const presence::MemberPage page =
      engine_.list_members(text(step["room"]), enum_arg<pe_state>(step["min_state"], kStateNames),
                           cursor_arg(step), limit_arg(step), now(step));
  return Json{{"members", array_of(page.members, [this](const auto& m) { return member_json(m); })},
              {"more", !page.next_cursor.empty()},
              {"cursor", page.next_cursor}};
}

Json Driver::user_rooms(const Json& step) {
  const std::vector<presence::RoomInfo> rooms = engine_.user_rooms(text(step["user"]), now(step));
  return Json{{"rooms", array_of(rooms, [this](const auto& r) { return room_json(r); })}};
}

Json Driver::room_metrics(const Json& step) {
  const pe_room_metrics m = engine_.room_metrics(text(step["room"]), now(step));
  Json curve = Json::array();
  for (std::uint32_t i = 0; i < m.curve_points && i < PE_METRICS_CURVE; ++i) {
    curve.push_back(Json{{"at", relative(m.curve_at_ms[i])}, {"score", m.curve_score[i]}});
  }
  return Json{{"joins", m.joins},
              {"leaves", m.leaves},
              {"drop_offs", m.drop_offs},
              {"peak_members", m.peak_members},
              {"peak_sessions", m.peak_sessions},
              {"bucket_upper_ms", m.bucket_upper_ms},
              {"dwell", m.dwell},
              {"attention", m.attention},
              {"curve", curve}};
}

Json Driver::set_availability(const Json& step) {
  engine_.set_availability(text(step["user"]),
                           enum_arg<pe_availability>(step["availability"], kAvailabilityNames),
                           now(step));
  return nullptr;
}

Json Driver::readiness(const Json& step) {
  const pe_readiness r =
      engine_.readiness(enum_arg<pe_target_kind>(step["target_kind"], kTargetKindNames),
                        text(step["target"]), now(step));
  return Json{{"score", r.score},
              {"ready", r.ready != 0},
              {"can_call", r.can_call != 0},
              {"reason", name_of(r.reason, kGateReasonNames)},
              {"state", name_of(r.state, kStateNames)},
              {"availability", name_of(r.availability, kAvailabilityNames)}};
}

Json Driver::open_intent(const Json& step) {
  return intent_json(engine_.open_intent(
      text(step["from"]), enum_arg<pe_target_kind>(step["target_kind"], kTargetKindNames),
      text(step["target"]), text(step["kind"]), step["ttl_ms"].get<std::int64_t>(), now(step)));
}

Json Driver::cancel_intent(const Json& step) {
  const std::string id =
      step.contains("intent_from")
          ? named_.at(step["intent_from"].get<std::string>())["id"].get<std::string>()
          : text(step["intent"]);
  engine_.cancel_intent(id, now(step));
  return nullptr;
}

Json Driver::list_intents(const Json& step) {
  const std::vector<presence::IntentInfo> intents =
      step.contains("caller")
          ? engine_.intents_from(text(step["caller"]), now(step))
          : engine_.intents_to(enum_arg<pe_target_kind>(step["target_kind"], kTargetKindNames),
                               text(step["target"]), now(step));
  return Json{{"intents", array_of(intents, [this](const auto& i) { return intent_json(i); })}};
}

Json Driver::subscribe(const Json& step) {
  engine_.subscribe(text(step["subscriber"]),
                    enum_arg<pe_target_kind>(step["target_kind"], kTargetKindNames),
                    text(step["target"]));
  return nullptr;
}

Json Driver::unsubscribe(const Json& step) {
  engine_.unsubscribe(text(step["subscriber"]),
                      enum_arg<pe_target_kind>(step["target_kind"], kTargetKindNames),
                      text(step["target"]));
  return nullptr;
}

Json Driver::unsubscribe_all(const Json& step) {
  engine_.unsubscribe_all(text(step["subscriber"]));
  return nullptr;
}

Json Driver::fanout(const Json& step) {
  const presence::Fanout f =
      engine_.fanout(after_seq_arg(step), step.value("max_events", std::size_t{0}));
  Json deliveries = Json::array();
  for (const presence::Delivery& d : f.deliveries) {
    Json seqs = Json::array();
    for (const std::uint32_t index : d.event_indexes) seqs.push_back(f.events.at(index).seq);
    deliveries.push_back(Json{{"subscriber", d.subscriber}, {"seqs", seqs}});
  }
  return Json{{"seq", f.seq}, {"events", events_json(f.events)}, {"deliveries", deliveries}};
}

Json Driver::prometheus(const Json& step) {
  const std::string room = step.contains("room") ? text(step["room"]) : std::string();
  return Json{{"lines", lines_of(engine_.prometheus(room, now(step)))}};
}

}  // namespace scenarios
