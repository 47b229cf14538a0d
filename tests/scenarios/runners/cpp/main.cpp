// presence_scenarios: runs the cross-runtime scenarios over the C ABI.
//
//   presence_scenarios [PATH...]                  run scenario files or folders
//   presence_scenarios --expect-failures LIST     check that the files LIST names
//                                                 are refused or fail where it says
//
// A folder means every *.scenario.json below it. With no PATH, the whole
// scenario folder of the source tree runs. Exit status: 0 if everything
// passed, 1 if anything failed, 2 for bad usage.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scenario_file.h"
#include "scenario_run.h"

namespace fs = std::filesystem;
using scenarios::Json;
using scenarios::LoadError;
using scenarios::Schema;
using scenarios::Verdict;

namespace {

constexpr const char* kScenarioSuffix = ".scenario.json";

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Schema load_schema(const char* name) {
  const std::string file = std::string(PE_SCENARIOS_DIR) + "/schema/" + name;
  return Schema(scenarios::read_json_file(file));
}

// Scenario files named by the arguments, folders expanded, in a stable order.
std::vector<std::string> collect(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (fs::is_regular_file(path)) {
      files.push_back(path);
      continue;
    }
    if (!fs::is_directory(path)) throw std::runtime_error(path + ": no such file or folder");
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      const std::string name = entry.path().string();
      if (entry.is_regular_file() && ends_with(name, kScenarioSuffix)) found.push_back(name);
    }
    if (found.empty()) {
      throw std::runtime_error(path + ": no *" + std::string(kScenarioSuffix) + " file below it");
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int run_all(const std::vector<std::string>& files, const Schema& schema) {
  int passed = 0;
  int failed = 0;
  int known = 0;
  for (const std::string& file : files) {
    scenarios::RunResult result;
    try {
      result = scenarios::run_scenario(scenarios::load_scenario(file, schema));
    } catch (const LoadError& e) {
      result = {Verdict::kFailed, std::string(e.what()) + "\n"};
    }
    switch (result.verdict) {
      case Verdict::kPassed:
        ++passed;
        std::cout << "PASS " << file << "\n";
        break;
      case Verdict::kKnownFailure:
        ++known;
        std::cout << "KNOWN FAILURE " << result.report;
        break;
      case Verdict::kFailed:
      case Verdict::kUnexpectedPass:
        ++failed;
        std::cout << "FAIL " << result.report;
        break;
    }
  }
  if (known > 0) std::cout << "known failures: " << known << "\n";
  std::cout << "scenarios: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}

// What a runner says about a file that must not pass: the load error, or
// the report of its failing run ("" if it passed).
std::string complaint(const std::string& file, const Schema& schema, bool* loaded) {
  *loaded = false;
  try {
    const scenarios::Scenario scenario = scenarios::load_scenario(file, schema);
    *loaded = true;
    const scenarios::RunResult result = scenarios::run_scenario(scenario);
    const bool failed =
        result.verdict == Verdict::kFailed || result.verdict == Verdict::kUnexpectedPass;
    return failed ? result.report : "";
  } catch (const LoadError& e) {
    return e.what();
  }
}

int check_expected_failures(const std::string& list_file, const Schema& schema) {
  const Json list = scenarios::load_valid(list_file, load_schema("expected-failures.schema.json"));
  const fs::path base = fs::path(list_file).parent_path();
  int passed = 0;
  int failed = 0;
  std::set<std::string> listed;
  for (const Json& entry : list["failures"]) {
    const std::string file = (base / entry["file"].get<std::string>()).string();
    listed.insert(fs::weakly_canonical(file).string());
    bool loaded = false;
    const std::string message = complaint(file, schema, &loaded);
    std::vector<std::string> missing;
    const bool at_load = entry["stage"] == "load";
    if (message.empty() || loaded == at_load) {
      missing.push_back(at_load ? "a refusal before running" : "a failing run");
    }
    std::vector<std::string> wanted = {file, entry["place"].get<std::string>()};
    for (const Json& m : entry["mentions"]) wanted.push_back(m.get<std::string>());
    for (const std::string& text : wanted) {
      if (message.find(text) == std::string::npos) missing.push_back("\"" + text + "\"");
    }
    if (missing.empty()) {
      ++passed;
      // The line that names the place says most about what the runner caught.
      std::istringstream lines(message);
      std::string line;
      while (std::getline(lines, line) &&
             line.find(entry["place"].get<std::string>()) == std::string::npos) {
      }
      std::cout << "PASS " << file << " (" << entry["stage"].get<std::string>()
                << "): " << line.substr(line.find_first_not_of(' ')) << "\n";
    } else {
      ++failed;
      std::cout << "FAIL " << file << ": the runner's message lacks";
      for (const std::string& m : missing) std::cout << " " << m;
      std::cout << "\n  message: " << (message.empty() ? "(none: it passed)" : message) << "\n";
    }
  }
  // A fixture nobody lists would prove nothing: every *.json beside the list is listed.
  for (const auto& entry : fs::directory_iterator(base.empty() ? fs::path(".") : base)) {
    const std::string name = fs::weakly_canonical(entry.path()).string();
    if (ends_with(name, ".json") && name != fs::weakly_canonical(list_file).string() &&
        listed.count(name) == 0) {
      ++failed;
      std::cout << "FAIL " << entry.path().string() << " is not listed in " << list_file << "\n";
    }
  }
  std::cout << "expected failures: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}

int usage() {
  std::cerr << "usage: presence_scenarios [PATH...]\n"
               "       presence_scenarios --expect-failures LIST.json\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    const Schema schema = load_schema("scenario.schema.json");
    if (!args.empty() && args[0] == "--expect-failures") {
      if (args.size() != 2) return usage();
      return check_expected_failures(args[1], schema);
    }
    if (!args.empty() && args[0].rfind("-", 0) == 0) return usage();
    if (args.empty()) args.push_back(PE_SCENARIOS_DIR);
    return run_all(collect(args), schema);
  } catch (const std::exception& e) {
    std::cerr << "presence_scenarios: " << e.what() << "\n";
    return 2;
  }
}
