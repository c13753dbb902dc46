// The JSON mapping of core values, shared by the server and the widget so both speak
// exactly the same wire format. Encoding uses nlohmann's ADL hooks (to_json beside the
// types' namespace); decoding never throws: it returns core::Result with the code of
// the core's parser and the JSON field name, because the widget runs without
// exceptions and the server maps these errors to 422 once.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {
void to_json(nlohmann::json& j, const Instant& t);
void to_json(nlohmann::json& j, const LocalDate& d);
void to_json(nlohmann::json& j, const LocalTime& t);
void to_json(nlohmann::json& j, const Interval& i);
void to_json(nlohmann::json& j, const ZoneOffset& o);
void to_json(nlohmann::json& j, const ZoneRules& z);
void to_json(nlohmann::json& j, const Error& e);
}  // namespace kairos::core

namespace kairos::wire {

using Json = nlohmann::json;
using core::Result;

// Parses text without throwing; "invalid_json" on failure.
Result<Json> parse_json(std::string_view text);

// Parses a request body, strictly: "duplicate_key" when an object names a key twice
// (nlohmann would silently keep the last, so two readers could disagree),
// "control_character" (with the field) when a key or string holds NUL or another
// control character other than tab and line breaks, "invalid_json" when malformed or
// nested deeper than 64 levels.
Result<Json> parse_request_json(std::string_view text);

// True when `s` holds no control character at all (for one-line texts: names).
bool is_single_line(std::string_view s);

// Each reader takes the value itself and the field name to blame.
Result<std::string> read_string(const Json& j, std::string_view field);
Result<std::int64_t> read_int(const Json& j, std::string_view field);
Result<bool> read_bool(const Json& j, std::string_view field);
Result<core::Instant> read_instant(const Json& j, std::string_view field);
Result<core::LocalDate> read_date(const Json& j, std::string_view field);
Result<core::LocalTime> read_time(const Json& j, std::string_view field, bool allow_end_of_day = false);
Result<core::Interval> read_interval(const Json& j, std::string_view field);
Result<core::ZoneRules> read_zone_rules(const Json& j, std::string_view field);

// Member access: nullptr when absent or null. A non-object `obj` yields nullptr too.
const Json* member(const Json& obj, std::string_view key);
// "missing_field" when absent.
Result<const Json*> required(const Json& obj, std::string_view key);

// Joins a parent and a child field name: "guest" + "email" → "guest.email".
std::string field_path(std::string_view parent, std::string_view child);

// --- reading a stored text -----------------------------------------------------------

// The one way a stored document is read back (hosts, pages, proposals, requests,
// bookings, message payloads, the front office's records): parse, check it is an object,
// read it with `reader` (any callable (const Json&, std::string_view field) → Result<T>,
// called with `field`). Fails with "corrupt_document", the message naming `what`, the
// field at fault and why ("host document: name: expected a string"), the reader's field
// kept; the server turns it into a 500 and logs it (server/app/stored.hpp's `loud`).
template <class Reader>
auto read_stored_text(std::string_view text, Reader&& reader, std::string_view what, std::string_view field = {})
    -> std::invoke_result_t<Reader&, const Json&, std::string_view> {
  const auto corrupt = [&](const core::Error& e) {
    std::string message = std::string(what) + " document";
    if (!e.field.empty()) message += ": " + e.field;
    return core::Error{"corrupt_document", message + ": " + e.message, e.field};
  };
  auto j = parse_json(text);
  if (!j) return corrupt(core::Error{"invalid_json", "not JSON", ""});
  if (!j->is_object()) return corrupt(core::Error{"invalid_type", "not a JSON object", ""});
  auto r = reader(std::as_const(*j), field);
  if (!r) return corrupt(r.error());
  return r;
}
std::string field_path(std::string_view parent, std::size_t index);

}  // namespace kairos::wire
