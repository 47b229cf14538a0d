// The Prometheus text exposition of the engine and its rooms.
#include <string>

#include "engine/engine.h"

namespace presence::core {

namespace {

// Label values escape backslash, double quote and newline.
std::string label(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

class Exposition {
 public:
  void family(const char* name, const char* type, const char* help) {
    text_ += "# HELP ";
    text_ += name;
    text_ += ' ';
    text_ += help;
    text_ += "\n# TYPE ";
    text_ += name;
    text_ += ' ';
    text_ += type;
    text_ += '\n';
  }
  void sample(const char* name, const std::string& labels, double value) {
    text_ += name;
    if (!labels.empty()) {
      text_ += '{';
      text_ += labels;
      text_ += '}';
    }
    text_ += ' ';
    const double whole = static_cast<double>(static_cast<std::int64_t>(value));
    text_ +=
        whole == value ? std::to_string(static_cast<std::int64_t>(value)) : std::to_string(value);
    text_ += '\n';
  }
  std::string take() { return std::move(text_); }

 private:
  std::string text_;
};

}  // namespace

Status Engine::prometheus(std::string_view room_id, Millis now, std::string* out) {
  if (!room_id.empty()) PE_RETURN_IF_ERROR(check_id("room id", room_id));
  PE_RETURN_IF_ERROR(begin(now));
  std::vector<std::uint32_t> rooms;
  if (room_id.empty()) {
    rooms.assign(room_order_.begin(), room_order_.end());
  } else {
    const std::uint32_t slot = room_index_.find(room_id);
    if (slot == kNoSlot) return not_found("no room '" + std::string(room_id) + "'");
    rooms.push_back(slot);
  }

  Exposition x;
  static const char* const kStates[] = {"offline", "stale", "away", "idle", "active"};
  x.family("presence_sessions", "gauge", "Live sessions by state (shown to readers).");
  for (int s = 1; s < kStateCount; ++s) {
    x.sample("presence_sessions", std::string("state=\"") + kStates[s] + "\"",
             static_cast<double>(counts_.sessions[s]));
  }
  x.family("presence_sessions_reconnecting", "gauge", "Sessions inside their reconnect grace.");
  x.sample("presence_sessions_reconnecting", "",
           static_cast<double>(counts_.sessions_reconnecting));
  x.family("presence_users", "gauge", "Users by state (offline: remembered for last-seen).");
  for (int s = 0; s < kStateCount; ++s) {
    x.sample("presence_users", std::string("state=\"") + kStates[s] + "\"",
             static_cast<double>(counts_.users[s]));
  }
  x.family("presence_rooms", "gauge", "Rooms.");
  x.sample("presence_rooms", "", static_cast<double>(counts_.rooms));
  x.family("presence_signals_total", "counter", "Signals applied.");
  x.sample("presence_signals_total", "", static_cast<double>(stats_.signals));
  x.family("presence_transitions_total", "counter", "Session state transitions.");
  x.sample("presence_transitions_total", "", static_cast<double>(stats_.transitions));
  x.family("presence_events_published_total", "counter", "Events published.");
  x.sample("presence_events_published_total", "", static_cast<double>(stats_.events_published));
  x.family("presence_limit_rejections_total", "counter", "Calls refused by a configured limit.");
  x.sample("presence_limit_rejections_total", "", static_cast<double>(stats_.limit_rejections));

  auto room_label = [&](std::uint32_t slot) {
    return "room=\"" + label(rooms_[slot].id.view()) + "\"";
  };
  x.family("presence_room_members", "gauge", "Members present in a room, by state.");
  for (const std::uint32_t slot : rooms) {
    for (int s = 1; s < kStateCount; ++s) {
      x.sample("presence_room_members", room_label(slot) + ",state=\"" + kStates[s] + "\"",
               static_cast<double>(rooms_[slot].members[static_cast<std::size_t>(s - 1)]));
    }
  }
  x.family("presence_room_readiness", "gauge", "A room's readiness score (0..1).");
  for (const std::uint32_t slot : rooms) {
    x.sample("presence_room_readiness", room_label(slot), rooms_[slot].readiness);
  }
  const struct {
    const char* name;
    const char* help;
    std::uint32_t RoomMetrics::*field;
  } counters[] = {
      {"presence_room_joins_total", "Members who joined.", &RoomMetrics::joins},
      {"presence_room_leaves_total", "Members who left explicitly.", &RoomMetrics::leaves},
      {"presence_room_drop_offs_total", "Members whose sessions ended without leaving.",
       &RoomMetrics::drop_offs},
  };
  for (const auto& counter : counters) {
    x.family(counter.name, "counter", counter.help);
    for (const std::uint32_t slot : rooms) {
      x.sample(counter.name, room_label(slot),
               static_cast<double>(rooms_[slot].metrics.*counter.field));
    }
  }
  x.family("presence_room_peak_members", "gauge", "Most members present at once.");
  for (const std::uint32_t slot : rooms) {
    x.sample("presence_room_peak_members", room_label(slot),
             static_cast<double>(rooms_[slot].metrics.peak_members));
  }
  const struct {
    const char* name;
    const char* help;
    std::array<std::uint32_t, RoomMetrics::kBuckets> RoomMetrics::*buckets;
    std::uint64_t RoomMetrics::*sum_ms;
  } histograms[] = {
      {"presence_room_dwell_seconds", "How long members stayed in the room.", &RoomMetrics::dwell,
       &RoomMetrics::dwell_sum_ms},
      {"presence_room_attention_seconds", "How long sessions stayed active before going idle.",
       &RoomMetrics::attention, &RoomMetrics::attention_sum_ms},
  };
  for (const auto& histogram : histograms) {
    x.family(histogram.name, "histogram", histogram.help);
    const std::string bucket = std::string(histogram.name) + "_bucket";
    const std::string sum = std::string(histogram.name) + "_sum";
    const std::string count = std::string(histogram.name) + "_count";
    for (const std::uint32_t slot : rooms) {
      const auto& values = rooms_[slot].metrics.*histogram.buckets;
      std::uint64_t cumulative = 0;
      std::int64_t bound_s = 4;
      for (std::size_t b = 0; b < values.size(); ++b, bound_s *= 4) {
        cumulative += values[b];
        const std::string le =
            b + 1 < values.size() ? std::to_string(bound_s) : std::string("+Inf");
        x.sample(bucket.c_str(), room_label(slot) + ",le=\"" + le + "\"",
                 static_cast<double>(cumulative));
      }
      x.sample(sum.c_str(), room_label(slot),
               static_cast<double>(rooms_[slot].metrics.*histogram.sum_ms) / 1000.0);
      x.sample(count.c_str(), room_label(slot), static_cast<double>(cumulative));
    }
  }
  *out = x.take();
  return Status::ok();
}

}  // namespace presence::core
