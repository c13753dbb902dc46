// Stored documents read back through wire/. One that does not read back is the server's
// fault, never the caller's: it throws http::Fault, which the front logs with the
// document's id and the reader's reason and answers 500 "corrupt_document".
#pragma once

#include <string>
#include <utility>

#include "http/http_types.hpp"
#include "kairos/result.hpp"

namespace kairos::server {

[[noreturn]] inline void corrupt_document(const std::string& id, const core::Error& e) {
  throw http::Fault(core::Error{"corrupt_document", "A stored document could not be read back.", ""},
                    "corrupt document " + id + ": " + e.message);
}

// The value of a stored document's reader, or a Fault naming the document `id`.
template <class T>
T loud(core::Result<T> r, const std::string& id) {
  if (!r) corrupt_document(id, r.error());
  return std::move(*r);
}

}  // namespace kairos::server
