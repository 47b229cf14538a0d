#include "json_schema.h"

#include <algorithm>
#include <regex>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace scenarios {

namespace {

const std::set<std::string>& supported_keywords() {
  static const std::set<std::string> keywords = {"$schema",
                                                 "$id",
                                                 "$comment",
                                                 "$defs",
                                                 "$ref",
                                                 "title",
                                                 "description",
                                                 "type",
                                                 "const",
                                                 "enum",
                                                 "minimum",
                                                 "maximum",
                                                 "minLength",
                                                 "pattern",
                                                 "properties",
                                                 "required",
                                                 "additionalProperties",
                                                 "items",
                                                 "minItems",
                                                 "allOf",
                                                 "oneOf",
                                                 "not",
                                                 "if",
                                                 "then"};
  return keywords;
}

std::string type_name(const Json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();  // object, array, string, boolean, null
}

bool has_type(const std::string& type, const Json& value) {
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  return type == value.type_name();
}

bool type_matches(const Json& type, const Json& value) {
  if (type.is_string()) return has_type(type.get<std::string>(), value);
  return std::any_of(type.begin(), type.end(),
                     [&](const Json& t) { return has_type(t.get<std::string>(), value); });
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Same JSON kind, for telling whether an enum-only branch of a oneOf fits.
bool same_kind(const Json& a, const Json& b) {
  return (a.is_number() && b.is_number()) || a.type() == b.type();
}

}  // namespace

std::string path_key(const std::string& path, const std::string& key) {
  static const std::regex identifier("^[A-Za-z_][A-Za-z0-9_]*$");
  if (std::regex_match(key, identifier)) return path + "." + key;
  return path + "[" + Json(key).dump() + "]";
}

std::string path_index(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Schema::Schema(Json document) : document_(std::move(document)) {
  check_keywords(document_, "$");
}

void Schema::check_keywords(const Json& schema, const std::string& where) const {
  if (!schema.is_object()) throw std::runtime_error("schema at " + where + " is not an object");
  for (const auto& [key, value] : schema.items()) {
    if (supported_keywords().count(key) == 0) {
      throw std::runtime_error("schema keyword '" + key + "' at " + where +
                               " is outside the subset this runner validates");
    }
    if (key == "properties" || key == "$defs") {
      for (const auto& [name, sub] : value.items()) check_keywords(sub, path_key(where, name));
    } else if (key == "allOf" || key == "oneOf") {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check_keywords(value[i], path_index(path_key(where, key), i));
      }
    } else if (key == "items" || key == "not" || key == "if" || key == "then" ||
               (key == "additionalProperties" && value.is_object())) {
      check_keywords(value, path_key(where, key));
    } else if (key == "$ref") {
      target(schema);  // throws if it does not resolve
    }
  }
}

const Json& Schema::target(const Json& schema) const {
  const auto ref = schema.find("$ref");
  if (ref == schema.end()) return schema;
  static const std::string prefix = "#/$defs/";
  const std::string name = ref->get<std::string>();
  const auto defs = document_.find("$defs");
  if (name.rfind(prefix, 0) != 0 || defs == document_.end() ||
      !defs->contains(name.substr(prefix.size()))) {
    throw std::runtime_error("schema $ref '" + name + "' does not name an entry of $defs");
  }
  return (*defs)[name.substr(prefix.size())];
}

std::optional<Violation> Schema::validate(const Json& instance) const {
  return check(document_, instance, "$");
}

std::optional<Violation> Schema::check(const Json& schema, const Json& instance,
                                       const std::string& path) const {
  if (schema.contains("$ref")) {
    if (auto v = check(target(schema), instance, path)) return v;
  }
  if (const auto type = schema.find("type");
      type != schema.end() && !type_matches(*type, instance)) {
    const std::string wanted = type->is_string() ? type->get<std::string>() : type->dump();
    return Violation{path, "must be " + wanted + ", not " + type_name(instance)};
  }
  if (const auto c = schema.find("const"); c != schema.end() && *c != instance) {
    return Violation{path, "must be " + c->dump() + ", not " + instance.dump()};
  }
  if (const auto e = schema.find("enum"); e != schema.end()) {
    if (std::find(e->begin(), e->end(), instance) == e->end()) {
      std::vector<std::string> allowed;
      for (const auto& value : *e) allowed.push_back(value.dump());
      return Violation{path, "must be one of " + join(allowed, ", ") + ", not " + instance.dump()};
    }
  }
  if (instance.is_number()) {
    const double value = instance.get<double>();
    if (const auto m = schema.find("minimum"); m != schema.end() && value < m->get<double>()) {
      return Violation{path, "must be at least " + m->dump() + ", not " + instance.dump()};
    }
    if (const auto m = schema.find("maximum"); m != schema.end() && value > m->get<double>()) {
      return Violation{path, "must be at most " + m->dump() + ", not " + instance.dump()};
    }
  }
  if (instance.is_string()) {
    const std::string& text = instance.get_ref<const std::string&>();
    if (const auto m = schema.find("minLength");
        m != schema.end() && code_points(text) < m->get<std::size_t>()) {
      return Violation{path, "must be at least " + m->dump() + " characters long"};
    }
    if (const auto p = schema.find("pattern"); p != schema.end()) {
      if (!std::regex_search(text, std::regex(p->get<std::string>()))) {
        return Violation{path, "must match the pattern " + p->dump() + ", not " + instance.dump()};
      }
    }
  }
  if (instance.is_object()) {
    if (const auto required = schema.find("required"); required != schema.end()) {
      for (const auto& name : *required) {
        if (!instance.contains(name.get<std::string>())) {
          return Violation{path, "missing required field " + name.dump()};
        }
      }
    }
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, value] : instance.items()) {
      if (properties != schema.end() && properties->contains(key)) {
        if (auto v = check((*properties)[key], value, path_key(path, key))) return v;
      } else if (additional != schema.end() && additional->is_boolean() &&
                 !additional->get<bool>()) {
        std::vector<std::string> known;
        if (properties != schema.end()) {
          for (const auto& [name, unused] : properties->items()) known.push_back(name);
        }
        return Violation{path_key(path, key),
                         "unknown field '" + key + "'; the fields here are: " + join(known, ", ")};
      } else if (additional != schema.end() && additional->is_object()) {
        if (auto v = check(*additional, value, path_key(path, key))) return v;
      }
    }
  }
  if (instance.is_array()) {
    if (const auto m = schema.find("minItems");
        m != schema.end() && instance.size() < m->get<std::size_t>()) {
      return Violation{path, "must have at least " + m->dump() + " items"};
    }
    if (const auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < instance.size(); ++i) {
        if (auto v = check(*items, instance[i], path_index(path, i))) return v;
      }
    }
  }
  if (const auto all = schema.find("allOf"); all != schema.end()) {
    for (const auto& sub : *all) {
      if (auto v = check(sub, instance, path)) return v;
    }
  }
  if (const auto condition = schema.find("if"); condition != schema.end()) {
    const auto consequence = schema.find("then");
    if (consequence != schema.end() && !check(*condition, instance, path)) {
      if (auto v = check(*consequence, instance, path)) return v;
    }
  }
  if (const auto one = schema.find("oneOf"); one != schema.end()) {
    if (auto v = check_one_of(*one, instance, path)) return v;
  }
  if (const auto forbidden = schema.find("not"); forbidden != schema.end()) {
    if (!check(*forbidden, instance, path)) {
      return Violation{path, "forbidden: " + forbidden->value("title", std::string("this form"))};
    }
  }
  return std::nullopt;
}

// When no branch matches, the message is about the only branch whose type
// fits the instance, if there is one; otherwise it lists the forms.
std::optional<Violation> Schema::check_one_of(const Json& branches, const Json& instance,
                                              const std::string& path) const {
  std::vector<std::optional<Violation>> results;
  std::vector<std::string> titles;
  for (const auto& branch : branches) {
    results.push_back(check(branch, instance, path));
    titles.push_back(branch.value("title", target(branch).value("title", std::string("?"))));
  }
  const auto matched = std::count_if(results.begin(), results.end(),
                                     [](const std::optional<Violation>& v) { return !v; });
  if (matched == 1) return std::nullopt;
  const std::string forms = "must match exactly one of: " + join(titles, " | ");
  if (matched > 1) return Violation{path, forms + " (it matches " + std::to_string(matched) + ")"};

  std::vector<std::size_t> fitting;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const Json& resolved = target(branches[i]);
    const Json& typed = branches[i].contains("type") ? branches[i] : resolved;
    bool fits = true;
    if (typed.contains("type")) {
      fits = type_matches(typed.at("type"), instance);
    } else if (resolved.contains("enum")) {
      const Json& values = resolved.at("enum");
      fits = std::any_of(values.begin(), values.end(),
                         [&](const Json& v) { return same_kind(v, instance); });
    }
    if (fits) fitting.push_back(i);
  }
  if (fitting.size() == 1) return results[fitting.front()];
  return Violation{path, forms};
}

}  // namespace scenarios
