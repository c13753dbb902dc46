// Readers shared by wire/'s sources (not installed): optional members, arrays and
// enums read without throwing, blaming the field.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kairos/wire/json_mapping.hpp"

namespace kairos::wire {

// Reads an optional member into `out` with `reader`; absent leaves `out` unchanged.
template <class T, class Reader>
core::Status optional_member(const Json& obj, std::string_view key, std::string_view parent, T& out, Reader reader) {
  const Json* m = member(obj, key);
  if (!m) return core::ok_status();
  auto r = reader(*m, field_path(parent, key));
  if (!r) return r.error();
  out = std::move(*r);
  return core::ok_status();
}

// The widget's lenient reading of an answer: a string member, "" when absent or of
// another type (also when `obj` is no object).
inline std::string string_or_empty(const Json& obj, std::string_view key) {
  const Json* m = member(obj, key);
  return (m != nullptr && m->is_string()) ? m->get<std::string>() : std::string();
}

inline Result<std::vector<std::string>> read_strings(const Json& j, std::string_view field) {
  if (!j.is_array()) return core::make_error("invalid_type", "expected an array of strings", std::string(field));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto s = read_string(j[i], field_path(field, i));
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

template <class T, class Reader>
Result<std::vector<T>> read_array(const Json& j, std::string_view field, Reader reader) {
  if (!j.is_array()) return core::make_error("invalid_type", "expected an array", std::string(field));
  std::vector<T> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto v = reader(j[i], field_path(field, i));
    if (!v) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

template <class E, class Parse>
auto enum_reader(Parse parse) {
  return [parse](const Json& j, std::string_view field) -> Result<E> {
    auto s = read_string(j, field);
    if (!s) return s.error();
    auto e = parse(*s);
    if (!e) {
      core::Error err = e.error();
      err.field = std::string(field);
      return err;
    }
    return *e;
  };
}

#define KAIROS_READ(obj, key, parent, out, reader)                                     \
  if (core::Status st_ = optional_member(obj, key, parent, out, reader); !st_.ok()) { \
    return st_.error();                                                                \
  }

}  // namespace kairos::wire
