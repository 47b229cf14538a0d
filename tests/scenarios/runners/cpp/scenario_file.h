// Reading scenario files: JSON syntax (with line and column), duplicate
// fields, the schema, then the rules a schema cannot state (names defined
// before use, capabilities declared). Every refusal names the file and the
// place, so a broken file is fixed without a debugger.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "json_schema.h"

namespace scenarios {

// A file that cannot be run; what() reads "<file>: <place>: <why>".
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Scenario {
  std::string file;
  Json doc;
  std::int64_t t0 = 0;
};

// The epoch of a file that does not set "t0": 2023-11-14T22:13:20Z.
inline constexpr std::int64_t kDefaultT0 = 1'700'000'000'000;

// Parses a JSON file, refusing duplicate fields. Throws LoadError.
Json read_json_file(const std::string& file);

// Parses and validates a scenario. Throws LoadError.
Scenario load_scenario(const std::string& file, const Schema& schema);

// As load_scenario(), from the file's text (named `file` in messages): the
// scenario fuzzer's way in.
Scenario parse_scenario(const std::string& file, const std::string& text, const Schema& schema);

// Parses a file and validates it against `schema`. Throws LoadError.
Json load_valid(const std::string& file, const Schema& schema);

}  // namespace scenarios
