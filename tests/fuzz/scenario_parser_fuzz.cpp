// Fuzzes the scenario runner's front door: JSON syntax (with duplicate field
// detection), validation against scenario.schema.json, and the rules the
// schema cannot state. Any input must be accepted or refused with a
// LoadError; any other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "json_schema.h"
#include "scenario_file.h"

namespace {

const scenarios::Schema& schema() {
  static const scenarios::Schema loaded(
      scenarios::read_json_file(PE_SCENARIOS_DIR "/schema/scenario.schema.json"));
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const scenarios::Scenario scenario = scenarios::parse_scenario("input.json", text, schema());
    // The schema admits only objects: anything else passing is a hole in it.
    if (!scenario.doc.is_object()) __builtin_trap();
  } catch (const scenarios::LoadError& refused) {
    // Every refusal names the file, so a broken scenario is found at once.
    if (std::string(refused.what()).rfind("input.json: ", 0) != 0) __builtin_trap();
  }
  return 0;
}
