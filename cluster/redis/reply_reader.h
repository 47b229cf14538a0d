// Turns the bytes a server sends into RedisReply values, using hiredis's
// RESP parser (redisReader) with our own object functions, so replies are
// built directly as RedisReply trees (no second copy through redisReply).
//
// Bounded: a reply whose bytes exceed max_reply_bytes fails with
// kLimitExceeded as soon as that many bytes are buffered, before the rest
// arrives (hiredis buffers a whole bulk string before handing it over).
#pragma once

#include <cstddef>
#include <string>

#include "redis/reply.h"
#include "redis/status.h"

struct redisReader;
struct redisReadTask;
struct redisReplyObjectFunctions;

namespace presence::cluster {

class ReplyReader {
 public:
  explicit ReplyReader(std::size_t max_reply_bytes);
  ~ReplyReader();
  ReplyReader(const ReplyReader&) = delete;
  ReplyReader& operator=(const ReplyReader&) = delete;

  // Buffers bytes received from the server.
  RedisStatus feed(const char* data, std::size_t size);
  // Takes the next complete reply into *out and sets *out_complete, or sets
  // *out_complete false when more bytes are needed. After a failure
  // (kProtocol, kLimitExceeded) the reader stays failed: the byte stream
  // can no longer be split into replies.
  RedisStatus next(RedisReply* out, bool* out_complete);

 private:
  // The functions hiredis calls to build each part of a reply.
  static redisReplyObjectFunctions* object_functions();
  RedisStatus fail(RedisCode code, std::string message);

  template <typename Count>
  static void* create_array(const redisReadTask* task, Count elements);
  static void* create_string(const redisReadTask* task, char* data, std::size_t size);
  static void* create_integer(const redisReadTask* task, long long value);
  static void* create_nil(const redisReadTask* task);
  static void free_object(void* object);
  // Places `value` in its parent array (or makes it the root) and returns it.
  static void* place(const redisReadTask* task, RedisReply&& value);

  redisReader* reader_ = nullptr;
  std::size_t max_reply_bytes_;
  // Bytes fed since the end of the last complete reply: the size, so far,
  // of the reply being received.
  std::size_t pending_bytes_ = 0;
  // Why an object function failed (hiredis only knows "out of memory").
  std::string failure_;
  // Set once the reader failed; every later call repeats the failure.
  RedisCode failed_code_ = RedisCode::kOk;
  std::string failed_message_;
};

}  // namespace presence::cluster
