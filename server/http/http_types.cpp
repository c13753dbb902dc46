// Response builders and the one mapping from core error codes to HTTP statuses.
#include "http_types.hpp"

#include "kairos/errors.hpp"

#include <array>

namespace kairos::server::http {

Response json_response(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response text_response(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response empty_response(int status) {
  Response r;
  r.status = status;
  r.content_type.clear();
  return r;
}

namespace {
const char* title_for(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}
}  // namespace

Response problem(int status, std::string_view code, std::string_view detail, std::string_view field) {
  nlohmann::json j{{"type", "https://kairos.example/problems/" + std::string(code)},
                   {"title", title_for(status)},
                   {"status", status},
                   {"code", std::string(code)},
                   {"detail", std::string(detail)}};
  if (!field.empty()) j["field"] = std::string(field);
  Response r = json_response(status, j);
  r.content_type = "application/problem+json";
  return r;
}

int status_for_code(std::string_view code) {
  // One registry of codes and their statuses (kairos/errors.hpp, docs/ERRORS.md).
  return core::http_status_of(code);
}

Response problem(const core::Error& e) { return problem(status_for_code(e.code), e.code, e.message, e.field); }

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace kairos::server::http
