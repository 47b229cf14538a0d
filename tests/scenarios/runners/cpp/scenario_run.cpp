#include "scenario_run.h"

#include <optional>
#include <sstream>
#include <vector>

#include "compare.h"
#include "engine_driver.h"

namespace scenarios {

namespace {

// Arrays print one item per line, so long event lists stay readable.
std::string render(const Json& value, const std::string& indent) {
  if (!value.is_array() || value.empty()) return value.dump();
  std::string out = "[\n";
  for (std::size_t i = 0; i < value.size(); ++i) {
    out += indent + "  " + value[i].dump() + (i + 1 < value.size() ? ",\n" : "\n");
  }
  return out + indent + "]";
}

// The file's promise for a step: "counts" is strict, so every count the file
// leaves out is expected to be 0; everything else is compared as written.
Json expected_of(const Json& step, const Json& actual) {
  Json expected = step["expect"];
  if (step["do"] == "counts") {
    for (const auto& [name, unused] : actual.items()) {
      if (!expected.contains(name)) expected[name] = 0;
    }
  }
  return expected;
}

// What a step (or the engine's creation, with "create_fails") promised,
// against what happened.
std::vector<Mismatch> judge(const Json& promise, const char* fails_field, const Outcome& outcome,
                            const std::string& path) {
  std::vector<Mismatch> out;
  const std::string fails_path = path_key(path, fails_field);
  if (promise.contains(fails_field)) {
    const Json& fails = promise[fails_field];
    const Json status = fails.is_string() ? fails : fails["status"];
    if (outcome.status != status) {
      out.push_back({fails_path, status, outcome.status, outcome.message});
    } else if (fails.is_object() &&
               outcome.message.find(fails["message_contains"].get<std::string>()) ==
                   std::string::npos) {
      out.push_back({path_key(fails_path, "message_contains"), fails["message_contains"],
                     outcome.message, "the message does not contain the text"});
    }
  } else if (outcome.status != "OK") {
    out.push_back({path, "OK", outcome.status, outcome.message});
  } else if (promise.contains("expect") && promise["do"] == "prometheus") {
    compare_lines(promise["expect"], outcome.actual["lines"], path_key(path, "expect"), &out);
  } else if (promise.contains("expect")) {
    compare(expected_of(promise, outcome.actual), outcome.actual, path_key(path, "expect"), &out);
  }
  return out;
}

std::string describe_step(const Json& step) {
  Json call = step;
  call.erase("expect");
  call.erase("fails");
  call.erase("note");
  std::string out = call.dump();
  if (step.contains("note")) out += "  (" + step["note"].get<std::string>() + ")";
  return out;
}

std::string report(const Scenario& s, const std::string& where,
                   const std::vector<Mismatch>& mismatches) {
  std::ostringstream out;
  out << s.file << "\n  " << s.doc["title"].get<std::string>() << "\n  " << where << "\n";
  for (const Mismatch& m : mismatches) {
    out << "    " << m.path << (m.note.empty() ? "" : "  -- " + m.note) << "\n"
        << "      expected: " << render(m.expected, "      ") << "\n"
        << "      actual:   " << render(m.actual, "      ") << "\n";
  }
  return out.str();
}

// The engine the scenario describes, or the failure of its creation.
Outcome create(const Json& config, std::optional<presence::Engine>* engine) {
  Outcome outcome;
  try {
    engine->emplace(make_config(config));
  } catch (const presence::Error& e) {
    outcome.status = pe_status_name(e.status());
    outcome.message = e.what();
  }
  return outcome;
}

// The report of the first failing place, or "" if the scenario holds.
std::string first_failure(const Scenario& s) {
  std::optional<presence::Engine> engine;
  const Outcome created = create(s.doc.value("config", Json::object()), &engine);
  std::vector<Mismatch> mismatches = judge(s.doc, "create_fails", created, "$");
  if (!mismatches.empty()) return report(s, "creating the engine", mismatches);
  if (!engine) return "";  // the configuration was refused, as the file expects

  Driver driver(std::move(*engine), s.t0);
  const Json& steps = s.doc["steps"];
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string path = path_index("$.steps", i);
    mismatches = judge(steps[i], "fails", driver.run(steps[i]), path);
    if (!mismatches.empty()) {
      return report(s, "step " + std::to_string(i) + ": " + describe_step(steps[i]), mismatches);
    }
  }
  return "";
}

}  // namespace

RunResult run_scenario(const Scenario& scenario) {
  RunResult result;
  result.report = first_failure(scenario);
  const bool failed = !result.report.empty();
  if (!scenario.doc.contains("known_failure")) {
    result.verdict = failed ? Verdict::kFailed : Verdict::kPassed;
    return result;
  }
  const std::string why = scenario.doc["known_failure"].get<std::string>();
  if (failed) {
    result.verdict = Verdict::kKnownFailure;
    result.report += "  known failure: " + why + "\n";
  } else {
    result.verdict = Verdict::kUnexpectedPass;
    result.report = scenario.file +
                    "\n  $.known_failure: the scenario passes, so the mark must go (" + why + ")\n";
  }
  return result;
}

}  // namespace scenarios
