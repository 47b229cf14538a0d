// Expected versus actual, as the format defines it: objects are partial
// (only the fields the file names are checked), arrays are exact (same
// length, same order), integers are exact, other numbers agree within 1e-9,
// and {"min": a, "max": b} against a number is an inclusive range.
#pragma once

#include <string>
#include <vector>

#include "json_schema.h"

namespace scenarios {

struct Mismatch {
  std::string path;  // JSON path of the expectation in the file
  Json expected;
  Json actual;
  std::string note;  // optional: why, when the values alone do not say
};

// Appends every difference between `expected` and `actual` below `path`.
void compare(const Json& expected, const Json& actual, const std::string& path,
             std::vector<Mismatch>* out);

// A text read as its lines: every line of expected["lines"] must be one of
// `lines`, and no line may start with any of expected["no_line_starts_with"].
void compare_lines(const Json& expected, const Json& lines, const std::string& path,
                   std::vector<Mismatch>* out);

}  // namespace scenarios
