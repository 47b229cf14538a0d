// A validator for the subset of JSON Schema (draft 2020-12) that the scenario
// schemas use. The schema files are the single definition of the format for
// every runtime: the Python, Node and Java runners validate them with a full
// JSON Schema library, this one with the keywords below. A schema that uses
// any other keyword is refused, so the subset cannot drift silently.
//
// Supported: $schema $id $comment $defs $ref (local "#/$defs/<name>") title
// description type const enum minimum maximum minLength pattern properties
// required additionalProperties items minItems allOf oneOf not if then.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace scenarios {

// Ordered, so that messages and printed values follow the file's own order.
using Json = nlohmann::ordered_json;

// Where an instance breaks the schema: a JSON path ("$.steps[3].do") and why.
struct Violation {
  std::string path;
  std::string message;
};

class Schema {
 public:
  // Throws std::runtime_error if the document uses a keyword outside the
  // subset or a $ref that does not resolve.
  explicit Schema(Json document);

  // The first violation in document order, or nothing if `instance` is valid.
  std::optional<Violation> validate(const Json& instance) const;

 private:
  std::optional<Violation> check(const Json& schema, const Json& instance,
                                 const std::string& path) const;
  std::optional<Violation> check_one_of(const Json& branches, const Json& instance,
                                        const std::string& path) const;
  const Json& target(const Json& schema) const;
  void check_keywords(const Json& schema, const std::string& where) const;

  Json document_;
};

// JSON path steps: `$.name`, `$["odd key"]`, `$[3]`.
std::string path_key(const std::string& path, const std::string& key);
std::string path_index(const std::string& path, std::size_t index);

}  // namespace scenarios
