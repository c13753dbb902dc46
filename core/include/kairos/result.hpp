// Errors as values: every core operation that can fail returns Result<T>, carrying
// either the value or an Error with a stable machine code shared by the widget, the
// REST API and the docs. The core never throws, so it builds with exceptions off.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kairos::core {

struct Error {
  std::string code;     // stable, e.g. "slot_unavailable"
  std::string message;  // English, for logs and developers; UIs translate by code
  std::string field;    // the input field at fault, empty when none

  friend bool operator==(const Error&, const Error&) = default;
};

inline Error make_error(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

struct Unit {
  friend bool operator==(Unit, Unit) = default;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}         // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Contract: value() only when ok(), error() only when !ok().
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace kairos::core
