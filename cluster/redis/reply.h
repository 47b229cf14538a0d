// A Redis reply as a plain value: RESP2's five types plus nil.
//
// RESP2 only: connections never send HELLO 3, so the server answers every
// command in RESP2 and RESP3's extra types (maps, sets, doubles, pushes)
// never arrive. Maps come as flat arrays of key, value, key, value...
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace presence::cluster {

class RedisReply {
 public:
  enum class Type : std::uint8_t { kNil, kInteger, kString, kArray, kStatus, kError };

  RedisReply() = default;  // nil
  static RedisReply integer(std::int64_t value);
  static RedisReply string(std::string value);
  static RedisReply status(std::string value);
  static RedisReply error(std::string value);
  static RedisReply array(std::vector<RedisReply> elements);

  Type type() const { return type_; }
  bool is_nil() const { return type_ == Type::kNil; }
  bool is_integer() const { return type_ == Type::kInteger; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_status() const { return type_ == Type::kStatus; }
  bool is_error() const { return type_ == Type::kError; }

  // 0 unless is_integer().
  std::int64_t integer_value() const { return integer_; }
  // The bytes of a string, status or error reply; empty for other types.
  const std::string& text() const { return text_; }
  // The elements of an array; empty for other types.
  const std::vector<RedisReply>& elements() const { return elements_; }

  // True for a status reply with exactly this text ("OK", "QUEUED").
  bool is_status(const char* expected) const { return is_status() && text_ == expected; }

  // A short human form for messages: "nil", "5", "\"abc\"", "[3 elements]",
  // "error: ERR ...". Long strings are cut.
  std::string summary() const;

  friend bool operator==(const RedisReply& a, const RedisReply& b);
  friend bool operator!=(const RedisReply& a, const RedisReply& b) { return !(a == b); }

 private:
  friend class ReplyReader;  // builds replies in place, element by element

  RedisReply(Type type, std::string text) : type_(type), text_(std::move(text)) {}

  Type type_ = Type::kNil;
  std::int64_t integer_ = 0;
  std::string text_;
  std::vector<RedisReply> elements_;
};

}  // namespace presence::cluster
