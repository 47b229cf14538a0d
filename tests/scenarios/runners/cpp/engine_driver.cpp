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

template <class Items, class Convert>
Json array_of(const Items& items, Convert&& convert) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(convert(item));
  return out;
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
const std::array<ConfigField, 21> kConfigFields = {
    PE_CONFIG_FIELD(idle_after_ms),          PE_CONFIG_FIELD(away_after_ms),
    PE_CONFIG_FIELD(blur_tolerance_ms),      PE_CONFIG_FIELD(heartbeat_active_ms),
    PE_CONFIG_FIELD(heartbeat_idle_ms),      PE_CONFIG_FIELD(heartbeat_hidden_ms),
    PE_CONFIG_FIELD(heartbeat_grace_ms),     PE_CONFIG_FIELD(reconnect_grace_ms),
    PE_CONFIG_FIELD(session_ttl_ms),         PE_CONFIG_FIELD(debounce_active_ms),
    PE_CONFIG_FIELD(debounce_idle_ms),       PE_CONFIG_FIELD(debounce_away_ms),
    PE_CONFIG_FIELD(debounce_stale_ms),      PE_CONFIG_FIELD(debounce_offline_ms),
    PE_CONFIG_FIELD(last_seen_retention_ms), PE_CONFIG_FIELD(last_seen_max_users),
    PE_CONFIG_FIELD(event_buffer_capacity),  PE_CONFIG_FIELD(max_id_bytes),
    PE_CONFIG_FIELD(max_meta_bytes),         PE_CONFIG_FIELD(max_sessions_per_user),
    PE_CONFIG_FIELD(max_sessions),
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
              {"transport", nullable(s.transport_id)}};
}

Json Driver::user_json(const presence::UserInfo& u) const {
  return Json{{"id", u.user_id},
              {"state", name_of(u.state, kStateNames)},
              {"since", relative(u.since_ms)},
              {"last_seen_at", relative(u.last_seen_at_ms)},
              {"evidence", name_of(u.last_evidence, kEvidenceNames)},
              {"session_count", u.session_count},
              {"confidence", u.confidence},
              {"confidence_bucket", name_of(u.confidence_bucket, kBucketNames)}};
}

Json Driver::event_json(const presence::Event& e) const {
  const char* kind = e.kind == PE_EVENT_SESSION ? "session"
                     : e.kind == PE_EVENT_USER  ? "user"
                                                : "unknown";
  return Json{{"seq", e.seq},
              {"kind", kind},
              {"id", e.id},
              {"user", nullable(e.user_id)},
              {"old", name_of(e.old_state, kStateNames)},
              {"new", name_of(e.new_state, kStateNames)},
              {"at", relative(e.at_ms)},
              {"published_at", relative(e.published_at_ms)},
              {"session_count", e.session_count},
              {"confidence", e.confidence},
              {"confidence_bucket", name_of(e.confidence_bucket, kBucketNames)},
              {"last_seen_at", relative(e.last_seen_at_ms)}};
}

Json Driver::users_json(const std::vector<presence::UserInfo>& users) const {
  return array_of(users, [this](const presence::UserInfo& u) { return user_json(u); });
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
  const presence::UserDetail detail = engine_.get_user(text(step["user"]), now(step));
  return Json{{"user", user_json(detail.user)}, {"sessions", sessions_json(detail.sessions)}};
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
              {"users_alive", c.users_alive}};
}

Json Driver::count_seen(const Json& step) {
  return Json{{"users", engine_.count_seen(step["window_ms"].get<std::int64_t>(), now(step))}};
}

Json Driver::list_users(const Json& step) {
  std::string cursor;
  if (step.contains("cursor_from")) {
    cursor = named_.at(step["cursor_from"].get<std::string>())["cursor"].get<std::string>();
  } else if (step.contains("cursor")) {
    cursor = text(step["cursor"]);
  }
  // A negative limit wraps to a huge one, which the engine refuses like any
  // limit above its maximum.
  const auto limit = static_cast<std::size_t>(step["limit"].get<std::int64_t>());
  const presence::UserPage page = engine_.list_users(
      enum_arg<pe_state>(step["min_state"], kStateNames), cursor, limit, now(step));
  return Json{{"users", users_json(page.users)},
              {"more", !page.next_cursor.empty()},
              {"cursor", page.next_cursor}};
}

Json Driver::snapshot(const Json& step) {
  const presence::Snapshot s = engine_.snapshot(now(step));
  return Json{
      {"seq", s.seq}, {"users", users_json(s.users)}, {"sessions", sessions_json(s.sessions)}};
}

Json Driver::poll_events(const Json& step) {
  const std::uint64_t after =
      step.contains("after_seq_from")
          ? named_.at(step["after_seq_from"].get<std::string>())["seq"].get<std::uint64_t>()
          : step["after_seq"].get<std::uint64_t>();
  const presence::EventBatch batch =
      engine_.poll_events(after, step.value("max_events", std::size_t{0}));
  return Json{{"seq", batch.seq}, {"events", events_json(batch.events)}};
}

Json Driver::events(const Json& /*step*/) {
  const presence::EventBatch batch = engine_.poll_events(checkpoint_seq_);
  checkpoint_seq_ = batch.seq;
  return events_json(batch.events);
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

}  // namespace scenarios
