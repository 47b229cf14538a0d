#include "compare.h"

#include <algorithm>
#include <cmath>

namespace scenarios {

namespace {

constexpr double kTolerance = 1e-9;

bool is_range(const Json& expected) {
  return expected.is_object() && expected.size() == 2 && expected.contains("min") &&
         expected.contains("max");
}

bool numbers_agree(const Json& expected, const Json& actual) {
  if (expected.is_number_integer() && actual.is_number_integer()) return expected == actual;
  return std::fabs(expected.get<double>() - actual.get<double>()) <= kTolerance;
}

}  // namespace

void compare(const Json& expected, const Json& actual, const std::string& path,
             std::vector<Mismatch>* out) {
  if (is_range(expected) && actual.is_number()) {
    const double value = actual.get<double>();
    if (value < expected["min"].get<double>() || value > expected["max"].get<double>()) {
      out->push_back({path, expected, actual, "outside the range"});
    }
  } else if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        out->push_back({path_key(path, key), value, nullptr, "the runner reports no such field"});
      } else {
        compare(value, actual[key], path_key(path, key), out);
      }
    }
  } else if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      out->push_back({path, expected, actual,
                      "expected " + std::to_string(expected.size()) + " items, got " +
                          std::to_string(actual.size())});
      return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      compare(expected[i], actual[i], path_index(path, i), out);
    }
  } else if (expected.is_number() && actual.is_number()) {
    if (!numbers_agree(expected, actual)) out->push_back({path, expected, actual, ""});
  } else if (expected != actual) {
    out->push_back({path, expected, actual, ""});
  }
}

void compare_lines(const Json& expected, const Json& lines, const std::string& path,
                   std::vector<Mismatch>* out) {
  const Json wanted = expected.value("lines", Json::array());
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (std::find(lines.begin(), lines.end(), wanted[i]) == lines.end()) {
      out->push_back({path_index(path_key(path, "lines"), i), wanted[i], lines,
                      "no line of the text is this one"});
    }
  }
  const Json prefixes = expected.value("no_line_starts_with", Json::array());
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    const std::string prefix = prefixes[i].get<std::string>();
    for (const Json& line : lines) {
      if (line.get<std::string>().rfind(prefix, 0) == 0) {
        out->push_back({path_index(path_key(path, "no_line_starts_with"), i), prefixes[i], line,
                        "a line starts with this"});
      }
    }
  }
}

}  // namespace scenarios
