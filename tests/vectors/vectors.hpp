// The parity harness: each vector file names a kind; the handler registered for that
// kind evaluates the file's inputs with the core and returns its outputs as JSON. The
// same runner is built natively and with em++; ctest compares the two outputs byte for
// byte. Add a kind by dropping a kind_<name>.cpp here that calls KAIROS_VECTOR_KIND.
#pragma once

#include <string>

#include "kairos/wire/json_mapping.hpp"

namespace kairos::vectors {

using Json = nlohmann::json;
using Handler = Json (*)(const Json& input);

bool register_kind(const std::string& kind, Handler h);

// Inputs in vector files are trusted test data: a malformed one aborts the run
// with this message rather than producing a silently different output.
[[noreturn]] void fail(const std::string& message);

// Unwraps a Result or fails the run.
template <class T>
T expect(core::Result<T> r, const std::string& what) {
  if (!r) fail(what + ": " + r.error().code + " (" + r.error().field + ") " + r.error().message);
  return std::move(r).value();
}

}  // namespace kairos::vectors

#define KAIROS_VECTOR_KIND(kind, fn) \
  static const bool kairos_vector_registered_##fn = ::kairos::vectors::register_kind(kind, &fn)
