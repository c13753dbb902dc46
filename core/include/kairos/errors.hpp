// The one registry of error codes: every `code` an Error, a problem+json answer or the
// widget can carry, with its HTTP status and the key of its user-facing text. The
// server's status mapping (http::status_for_code) is read from here, docs/ERRORS.md
// lists the same table, and the test `errors.registry` fails when a source file emits
// a code this table lacks, or when a literal status disagrees with it.
#pragma once

#include <string_view>
#include <vector>

namespace kairos::core {

struct ErrorCode {
  std::string_view code;         // stable snake_case, e.g. "slot_unavailable"
  int http_status;               // what the REST API answers
  std::string_view message_key;  // "error.<code>": the text UIs show, by language
  std::string_view meaning;      // one line for docs/ERRORS.md
};

// Every code, sorted by code.
const std::vector<ErrorCode>& error_codes();

// The entry of `code`, nullptr when unregistered.
const ErrorCode* find_error_code(std::string_view code);

// The HTTP status of `code`; 422 for an unregistered one (the request was understood
// but not acceptable), which the registry test forbids in the sources.
int http_status_of(std::string_view code);

}  // namespace kairos::core
