// Status and Result<T>: how every fallible call inside warmcity reports failure.
//
// No exceptions cross module boundaries. A Status carries a Code (what kind of
// failure, which the HTTP edge maps to a status code) and a human message. A
// Result<T> holds either a value or a non-ok Status. Field-level validation
// errors travel in Status::field_errors() so the edge can answer RFC 9457
// `errors: [{field, message}]`.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace warmcity {

enum class Code {
  kOk = 0,
  kInvalidArgument,    // 400: the request itself is malformed
  kUnprocessable,      // 422: well-formed but fails validation
  kNotFound,           // 404
  kConflict,           // 409: state does not allow it / duplicate
  kUnauthenticated,    // 401
  kPermissionDenied,   // 403
  kTooLarge,           // 413
  kUnsupportedMedia,   // 415
  kResourceExhausted,  // 429: throttled
  kUnavailable,        // 503: shutting down / overloaded
  kStorageFull,        // 507: a storage quota is reached
  kInternal,           // 500: a bug or an I/O failure
};

struct FieldError {
  std::string field;
  std::string message;
};

class Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(Code::kInvalidArgument, std::move(m));
  }
  static Status Unprocessable(std::string m, std::vector<FieldError> errors = {}) {
    Status s(Code::kUnprocessable, std::move(m));
    s.errors_ = std::move(errors);
    return s;
  }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }
  static Status Unauthenticated(std::string m) {
    return Status(Code::kUnauthenticated, std::move(m));
  }
  static Status PermissionDenied(std::string m) {
    return Status(Code::kPermissionDenied, std::move(m));
  }
  static Status TooLarge(std::string m) { return Status(Code::kTooLarge, std::move(m)); }
  static Status UnsupportedMedia(std::string m) {
    return Status(Code::kUnsupportedMedia, std::move(m));
  }
  static Status ResourceExhausted(std::string m) {
    return Status(Code::kResourceExhausted, std::move(m));
  }
  static Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }
  static Status StorageFull(std::string m) { return Status(Code::kStorageFull, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& field_errors() const { return errors_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> errors_;
};

// Result<T>: a value or a non-ok Status. REQUIRES: the Status given is not ok.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status s) : v_(std::move(s)) {      // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace warmcity
