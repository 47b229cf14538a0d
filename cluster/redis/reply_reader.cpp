#include "redis/reply_reader.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <memory>
#include <new>
#include <string>
#include <utility>

namespace presence::cluster {

void* ReplyReader::place(const redisReadTask* task, RedisReply&& value) {
  auto* self = static_cast<ReplyReader*>(task->privdata);
  try {
    if (task->parent == nullptr) return new RedisReply(std::move(value));
    auto* parent = static_cast<RedisReply*>(task->parent->obj);
    // hiredis fills an array's elements strictly in order, and only the
    // newest element of an array can still be under construction, so
    // appending never moves an element hiredis still points to.
    if (static_cast<std::size_t>(task->idx) != parent->elements_.size()) {
      self->failure_ = "reply elements arrived out of order";
      return nullptr;
    }
    parent->elements_.push_back(std::move(value));
    return &parent->elements_.back();
  } catch (const std::bad_alloc&) {
    self->failure_ = "out of memory while reading a reply";
    return nullptr;
  }
}

template <typename Count>
void* ReplyReader::create_array(const redisReadTask* task, Count elements) {
  RedisReply array(RedisReply::Type::kArray, {});
  // The count comes from the server; reserve only a bounded amount so a
  // bogus count cannot allocate before the elements are really there.
  constexpr std::size_t kMaxReserve = 4096;
  try {
    array.elements_.reserve(std::min(static_cast<std::size_t>(elements), kMaxReserve));
  } catch (const std::bad_alloc&) {
    static_cast<ReplyReader*>(task->privdata)->failure_ = "out of memory while reading a reply";
    return nullptr;
  }
  return place(task, std::move(array));
}

void* ReplyReader::create_string(const redisReadTask* task, char* data, std::size_t size) {
  const auto type = task->type == REDIS_REPLY_ERROR    ? RedisReply::Type::kError
                    : task->type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                       : RedisReply::Type::kString;
  try {
    return place(task, RedisReply(type, std::string(data, size)));
  } catch (const std::bad_alloc&) {
    static_cast<ReplyReader*>(task->privdata)->failure_ = "out of memory while reading a reply";
    return nullptr;
  }
}

void* ReplyReader::create_integer(const redisReadTask* task, long long value) {
  return place(task, RedisReply::integer(value));
}

void* ReplyReader::create_nil(const redisReadTask* task) {
  return place(task, RedisReply());
}

// hiredis frees only the root of an unfinished reply; elements belong to it.
void ReplyReader::free_object(void* object) {
  delete static_cast<RedisReply*>(object);
}

// The object functions are the same for every reader; hiredis keeps a
// pointer to them. Members are assigned by name (not positionally) so newer
// hiredis versions, which add RESP3 functions, compile too: those stay null
// and are never called since we speak RESP2.
redisReplyObjectFunctions* ReplyReader::object_functions() {
  static redisReplyObjectFunctions functions = [] {
    redisReplyObjectFunctions f{};
    f.createString = &ReplyReader::create_string;
    f.createArray = &ReplyReader::create_array;
    f.createInteger = &ReplyReader::create_integer;
    f.createNil = &ReplyReader::create_nil;
    f.freeObject = &ReplyReader::free_object;
    return f;
  }();
  return &functions;
}

ReplyReader::ReplyReader(std::size_t max_reply_bytes)
    : reader_(redisReaderCreateWithFunctions(object_functions())),
      max_reply_bytes_(max_reply_bytes) {
  if (reader_ == nullptr) throw std::bad_alloc();
  // Direct assignment: 0.14's redisReaderSetPrivdata macro casts the pointer to int.
  reader_->privdata = this;
}

ReplyReader::~ReplyReader() {
  redisReaderFree(reader_);
}

RedisStatus ReplyReader::fail(RedisCode code, std::string message) {
  failed_code_ = code;
  failed_message_ = std::move(message);
  return {failed_code_, failed_message_};
}

RedisStatus ReplyReader::feed(const char* data, std::size_t size) {
  if (failed_code_ != RedisCode::kOk) return {failed_code_, failed_message_};
  if (redisReaderFeed(reader_, data, size) != REDIS_OK) {
    return fail(RedisCode::kLimitExceeded, "out of memory while buffering a reply");
  }
  pending_bytes_ += size;
  return RedisStatus::ok();
}

RedisStatus ReplyReader::next(RedisReply* out, bool* out_complete) {
  *out_complete = false;
  if (failed_code_ != RedisCode::kOk) return {failed_code_, failed_message_};
  auto too_large = [this] {
    return "reply larger than max_reply_bytes (" + std::to_string(max_reply_bytes_) + " bytes)";
  };
  void* object = nullptr;
  if (redisReaderGetReply(reader_, &object) != REDIS_OK) {
    if (!failure_.empty()) return fail(RedisCode::kLimitExceeded, failure_);
    return fail(RedisCode::kProtocol, std::string("malformed reply: ") + reader_->errstr);
  }
  if (object == nullptr) {
    if (pending_bytes_ > max_reply_bytes_) return fail(RedisCode::kLimitExceeded, too_large());
    return RedisStatus::ok();
  }
  std::unique_ptr<RedisReply> reply(static_cast<RedisReply*>(object));
  // Bytes still buffered belong to the replies that follow this one.
  const std::size_t remaining = reader_->len - reader_->pos;
  const std::size_t reply_bytes = pending_bytes_ - remaining;
  pending_bytes_ = remaining;
  // Refused even when it arrived whole: whether a reply passes must not
  // depend on how the network happened to split it.
  if (reply_bytes > max_reply_bytes_) return fail(RedisCode::kLimitExceeded, too_large());
  *out = std::move(*reply);
  *out_complete = true;
  return RedisStatus::ok();
}

}  // namespace presence::cluster
