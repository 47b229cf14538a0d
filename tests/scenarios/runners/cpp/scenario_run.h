// Runs one loaded scenario: creates the engine from its configuration, runs
// its steps in order, and stops at the first step whose outcome differs from
// the file, with a report that shows expected and actual at each JSON path.
#pragma once

#include <string>

#include "scenario_file.h"

namespace scenarios {

enum class Verdict {
  kPassed,
  kFailed,
  kKnownFailure,    // failed, and the file says why ("known_failure")
  kUnexpectedPass,  // marked "known_failure" but passed: the mark must go
};

struct RunResult {
  Verdict verdict = Verdict::kPassed;
  std::string report;  // empty when passed
};

RunResult run_scenario(const Scenario& scenario);

}  // namespace scenarios
