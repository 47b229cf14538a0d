#include "redis/reply.h"

#include <string>
#include <utility>
#include <vector>

namespace presence::cluster {

RedisReply RedisReply::integer(std::int64_t value) {
  RedisReply reply(Type::kInteger, {});
  reply.integer_ = value;
  return reply;
}

RedisReply RedisReply::string(std::string value) {
  return {Type::kString, std::move(value)};
}

RedisReply RedisReply::status(std::string value) {
  return {Type::kStatus, std::move(value)};
}

RedisReply RedisReply::error(std::string value) {
  return {Type::kError, std::move(value)};
}

RedisReply RedisReply::array(std::vector<RedisReply> elements) {
  RedisReply reply(Type::kArray, {});
  reply.elements_ = std::move(elements);
  return reply;
}

std::string RedisReply::summary() const {
  // Messages quote replies; a cut keeps a 10 MB value out of a log line.
  constexpr std::size_t kMaxShown = 120;
  auto cut = [](const std::string& s) {
    return s.size() <= kMaxShown ? s : s.substr(0, kMaxShown) + "...";
  };
  switch (type_) {
    case Type::kNil: return "nil";
    case Type::kInteger: return std::to_string(integer_);
    case Type::kString: return "\"" + cut(text_) + "\"";
    case Type::kStatus: return cut(text_);
    case Type::kError: return "error: " + cut(text_);
    case Type::kArray: return "[" + std::to_string(elements_.size()) + " elements]";
  }
  return "?";
}

bool operator==(const RedisReply& a, const RedisReply& b) {
  return a.type_ == b.type_ && a.integer_ == b.integer_ && a.text_ == b.text_ &&
         a.elements_ == b.elements_;
}

}  // namespace presence::cluster
