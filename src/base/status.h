// Status and Result<T>: how every fallible operation in claimcheck reports
// failure. No exception crosses a module face; adapters around throwing
// libraries (SQLiteCpp, nlohmann_json) catch and convert to Status.
//
//   Result<Fact> fact = ParseFactLine(line);
//   if (!fact.ok()) return fact.status();
//   Use(*fact);
//
// Messages are lower case and name their place ("rules/currency.json:14:
// pattern does not compile: missing )"). Thread-compatible value types.
#ifndef CLAIMCHECK_BASE_STATUS_H_
#define CLAIMCHECK_BASE_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace claimcheck {

enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kIoError,
  kParseError,
  kDatabase,
  kInternal,
};

class [[nodiscard]] Status {
 public:
  // An ok status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) {
    return Status(StatusCode::kNotFound, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(StatusCode::kIoError, std::move(msg));
  }
  static Status ParseError(std::string msg) {
    return Status(StatusCode::kParseError, std::move(msg));
  }
  static Status Database(std::string msg) {
    return Status(StatusCode::kDatabase, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(StatusCode::kInternal, std::move(msg));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message", for adding the place
  // (a file, a line) as the error travels up.
  Status WithPrefix(std::string_view prefix) const {
    if (ok()) return *this;
    return Status(code_, std::string(prefix) + ": " + message_);
  }

  // "ok", or the message (the code is for programs, the message for people).
  std::string ToString() const { return ok() ? "ok" : message_; }

  friend bool operator==(const Status&, const Status&) = default;

 private:
  Status(StatusCode code, std::string msg)
      : code_(code), message_(std::move(msg)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a T or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  // REQUIRES: !status.ok()
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // Ok when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(state_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  // By value, so that `for (x : *Call())` does not read a dead temporary.
  T value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_BASE_STATUS_H_
