// The server's own view of an HTTP exchange, independent of Pistache: handlers take a
// Request (path and query parameters already percent-decoded, header names lower-case)
// and return a Response. Keeping Pistache behind one adapter (pistache_adapter.cpp)
// makes handlers plain functions and keeps the library's faults in one place.
#pragma once

#include <map>
#include <stdexcept>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kairos/result.hpp"

namespace kairos::server::http {

struct Request {
  std::string method;                         // "GET", "POST", …
  std::string path;                           // raw (still encoded) path
  std::map<std::string, std::string> params;  // path parameters, decoded
  std::map<std::string, std::string> query;   // query parameters, decoded
  std::map<std::string, std::string> headers; // lower-case names
  std::string body;
  std::string client;        // peer IP, the identity the rate limiter counts
  std::string account_id;    // set by owner authentication
  // Who is acting (owner routes): a staff login through its session cookie, or an API
  // key (staff_id empty, role "owner").
  std::string staff_id;
  std::string role;          // "owner" | "staff"
  bool via_session = false;
  std::string route;         // the matched route pattern, for logs and metrics

  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
  std::string query_or(const std::string& name, std::string fallback = {}) const {
    auto it = query.find(name);
    return it == query.end() ? std::move(fallback) : it->second;
  }
};

class BodyFile;  // encoding.hpp

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // A body shared with a cache, sent without copying it first (takes precedence over body).
  std::shared_ptr<const std::string> shared_body;
  // The same bytes as shared_body in a sealed file, sent with sendfile (encoding.hpp).
  std::shared_ptr<const BodyFile> body_file;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

Response json_response(int status, const nlohmann::json& body);
Response text_response(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
Response empty_response(int status);

// application/problem+json {type, title, status, code, detail, field?}.
Response problem(int status, std::string_view code, std::string_view detail, std::string_view field = {});
// Maps a core error to its HTTP status once, for every endpoint.
Response problem(const core::Error& e);
int status_for_code(std::string_view code);

// An error found where a handler cannot return one (deep in a read of a stored
// document): the front logs `what()` (the details) and answers problem(error), e.g.
// 500 corrupt_document.
struct Fault : std::runtime_error {
  core::Error error;
  Fault(core::Error e, const std::string& detail) : std::runtime_error(detail), error(std::move(e)) {}
};

// "%41+b" → "A b" (query) or "A+b" (path). Invalid escapes are kept literally.
std::string percent_decode(std::string_view s, bool plus_is_space);
std::string percent_encode(std::string_view s);

}  // namespace kairos::server::http
