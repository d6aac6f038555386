// Status: the result of an operation that can fail, carried across module
// borders instead of exceptions (LevelDB style). A Status is cheap to copy
// when ok.
#pragma once
#include <string>
#include <utility>

namespace qalam {

// [[nodiscard]]: a Status dropped on the floor is an error lost; handle it,
// or cast to (void) with a comment saying why it may be ignored.
class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kNotFound, kInvalid, kConflict, kIo };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Invalid(std::string msg) { return Status(Code::kInvalid, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Io(std::string msg) { return Status(Code::kIo, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalid() const { return code_ == Code::kInvalid; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace qalam
