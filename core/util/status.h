// Errors inside the core: a code (mirroring pe_status) and a message.
// The core reports failures by value; only std::bad_alloc may be thrown.
#pragma once

#include <memory>
#include <string>
#include <utility>

namespace presence::core {

// Values equal the C ABI's pe_status (checked by static_assert in capi/).
enum class Code {
  kOk = 0,
  kInvalidArgument = 1,
  kNotFound = 2,
  kConflict = 3,
  kLimitExceeded = 4,
  kTooFarBehind = 5,
  kClosed = 6,
  kOutOfMemory = 7,
  kUnsupported = 8,
  kInternal = 9,
  kDenied = 10,
  kIoError = 11,  // a file could not be read or written
  kCorrupt = 12,  // a snapshot is damaged, truncated, foreign or inconsistent
};

// Move-only; the success path allocates nothing and costs two words, since
// every signal passes several statuses along its hot path.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message)
      : code_(code), message_(std::make_unique<std::string>(std::move(message))) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const {
    static const std::string kNone;
    return message_ ? *message_ : kNone;
  }

 private:
  Code code_ = Code::kOk;
  std::unique_ptr<std::string> message_;
};

inline Status invalid_argument(std::string message) {
  return {Code::kInvalidArgument, std::move(message)};
}
inline Status not_found(std::string message) {
  return {Code::kNotFound, std::move(message)};
}

}  // namespace presence::core

// Returns the Status of `expr` from the enclosing function unless it is OK.
#define PE_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::presence::core::Status pe_status_ = (expr); \
    if (!pe_status_.is_ok()) return pe_status_;   \
  } while (false)
