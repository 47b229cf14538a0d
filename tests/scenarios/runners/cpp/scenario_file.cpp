#include "scenario_file.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace scenarios {

namespace {

std::string read_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw LoadError(file + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "line L, column C" of the byte at `offset` (1-based, as parsers count).
std::string line_and_column(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Tracks the JSON path of the value being parsed, to name duplicate fields.
class PathTracker {
 public:
  explicit PathTracker(std::string file) : file_(std::move(file)) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: open(true); break;
      case Json::parse_event_t::array_start: open(false); break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end: frames_.pop_back(); break;
      case Json::parse_event_t::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) {
          throw LoadError(file_ + ": " + path_key(top.path, top.key) + ": duplicate field '" +
                          top.key + "'");
        }
        break;
      }
      case Json::parse_event_t::value:
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().count;
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::string key;        // objects: the member being parsed
    std::size_t count = 0;  // arrays: elements started so far
    std::set<std::string> keys;
  };

  void open(bool object) {
    std::string path = "$";
    if (!frames_.empty()) {
      Frame& top = frames_.back();
      path = top.object ? path_key(top.path, top.key) : path_index(top.path, top.count++);
    }
    frames_.push_back(Frame{object, std::move(path), {}, 0, {}});
  }

  std::string file_;
  std::vector<Frame> frames_;
};

// Calls `visit(value, path)` on every value below `value`, depth first.
template <class Visit>
void walk(const Json& value, const std::string& path, Visit&& visit) {
  visit(value, path);
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) walk(child, path_key(path, key), visit);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) walk(value[i], path_index(path, i), visit);
  }
}

// Fields that may carry an enum as a raw number (to test out-of-range values).
bool is_enum_field(const std::string& path) {
  for (const char* field :
       {".activity", ".visibility", ".min_state", ".availability", ".target_kind"}) {
    const std::string suffix(field);
    if (path.size() >= suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

// Capabilities a runtime may lack: a file using one must declare it, so that
// runners which cannot pass such input skip the file instead of failing it.
void check_capabilities(const Scenario& s) {
  std::set<std::string> declared;
  for (const auto& c : s.doc.value("requires", Json::array()))
    declared.insert(c.get<std::string>());
  const auto need = [&](const char* capability, const std::string& path) {
    if (declared.count(capability) == 0) {
      throw LoadError(s.file + ": " + path + ": uses '" + capability +
                      "' input, so \"requires\" must list \"" + capability + "\"");
    }
  };
  walk(s.doc.value("steps", Json::array()), "$.steps", [&](const Json& v, const std::string& p) {
    if (v.is_object() && v.contains("hex")) need("byte_strings", p);
    if (v.is_number_integer() && is_enum_field(p)) need("raw_enum_values", p);
  });
}

// Names given with "as" must be unique and defined before they are used,
// by a step of the kind the reference needs.
void check_names(const Scenario& s) {
  std::map<std::string, std::string> kind_of;  // name -> "do" of the step that defined it
  const Json steps = s.doc.value("steps", Json::array());
  const auto use = [&](const Json& step, const std::string& path, const char* field,
                       std::initializer_list<const char*> kinds) {
    if (!step.contains(field)) return;
    const std::string name = step[field].get<std::string>();
    const auto found = kind_of.find(name);
    const bool fits =
        found != kind_of.end() &&
        std::any_of(kinds.begin(), kinds.end(), [&](const char* k) { return found->second == k; });
    if (!fits) {
      std::string wanted;
      for (const char* k : kinds) wanted += (wanted.empty() ? "" : " or ") + std::string(k);
      throw LoadError(s.file + ": " + path_key(path, field) + ": no earlier " + wanted +
                      " step is named '" + name + "' (with \"as\")");
    }
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Json& step = steps[i];
    const std::string path = path_index("$.steps", i);
    // A cursor comes from a page of the same list.
    if (step.contains("cursor_from")) {
      const std::string kind = step["do"].get<std::string>();
      use(step, path, "cursor_from", {kind.c_str()});
    }
    use(step, path, "after_seq_from", {"snapshot", "poll_events", "fanout"});
    use(step, path, "intent_from", {"open_intent"});
    if (step.contains("as")) {
      const std::string name = step["as"].get<std::string>();
      if (!kind_of.emplace(name, step["do"].get<std::string>()).second) {
        throw LoadError(s.file + ": " + path_key(path, "as") + ": the name '" + name +
                        "' is already given by an earlier step");
      }
    }
  }
}

Json parse_json(const std::string& file, const std::string& text) {
  try {
    return Json::parse(text, PathTracker(file));
  } catch (const Json::parse_error& e) {
    // nlohmann's message repeats the position; keep only the reason.
    std::string reason = e.what();
    const auto at = reason.find("syntax error");
    if (at != std::string::npos) reason = reason.substr(at);
    throw LoadError(file + ": " + line_and_column(text, e.byte) + ": " + reason);
  } catch (const Json::out_of_range& e) {
    // A number beyond a double (1e400): nlohmann reports it without a place.
    throw LoadError(file + ": " + e.what());
  }
}

Json valid(const std::string& file, Json doc, const Schema& schema) {
  if (auto violation = schema.validate(doc)) {
    throw LoadError(file + ": " + violation->path + ": " + violation->message);
  }
  return doc;
}

}  // namespace

Json read_json_file(const std::string& file) {
  return parse_json(file, read_text(file));
}

Json load_valid(const std::string& file, const Schema& schema) {
  return valid(file, read_json_file(file), schema);
}

Scenario load_scenario(const std::string& file, const Schema& schema) {
  return parse_scenario(file, read_text(file), schema);
}

Scenario parse_scenario(const std::string& file, const std::string& text, const Schema& schema) {
  Scenario s;
  s.file = file;
  s.doc = valid(file, parse_json(file, text), schema);
  s.t0 = s.doc.value("t0", kDefaultT0);
  check_capabilities(s);
  check_names(s);
  return s;
}

}  // namespace scenarios
