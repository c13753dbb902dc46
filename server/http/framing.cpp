// Request framing (see framing.hpp). Strict where a lenient reading lets two parties
// disagree on where a request ends (request smuggling): bare LF, folded header lines,
// conflicting or malformed Content-Length, Transfer-Encoding are refused.
#include "framing.hpp"

namespace kairos::server::http {
namespace {

bool is_tchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// True when the comma-separated list `v` holds `token` (case-insensitive).
bool has_token(std::string_view v, std::string_view token) {
  while (!v.empty()) {
    auto comma = v.find(',');
    if (ieq(trim(v.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    v.remove_prefix(comma + 1);
  }
  return false;
}

Frame fail(int status, const char* code, const char* detail) {
  Frame f;
  f.kind = Frame::error;
  f.status = status;
  f.code = code;
  f.detail = detail;
  f.close = true;
  return f;
}

Frame bad(const char* detail) { return fail(400, "bad_request", detail); }

// Checks what is already there of a request line that has not ended yet, so junk is
// refused at once instead of waiting for the header timeout.
bool plausible_request_line_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_tchar(static_cast<unsigned char>(s[i]))) ++i;
  if (i == s.size()) return i <= 20;
  if (s[i] != ' ' || i == 0 || i > 20) return false;
  for (++i; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\r') || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::size_t leading_empty_lines(std::string_view buf) {
  std::size_t i = 0;
  while (i < buf.size()) {
    if (buf[i] == '\n') ++i;
    else if (buf[i] == '\r' && i + 1 < buf.size() && buf[i + 1] == '\n') i += 2;
    else break;
  }
  return i;
}

Frame frame_request(std::string_view buf, const FramingLimits& limits) {
  // --- request line: method SP target SP HTTP/1.x CRLF ---
  const std::size_t line_end = buf.find('\n');
  if (line_end == std::string_view::npos) {
    if (!plausible_request_line_prefix(buf)) return bad("The request line is malformed.");
    if (buf.size() > limits.max_header_bytes) return fail(414, "uri_too_long", "The request line is too long.");
    return Frame{};
  }
  if (line_end == 0 || buf[line_end - 1] != '\r') return bad("Lines end with CRLF.");
  const std::string_view line = buf.substr(0, line_end - 1);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || sp1 == 0 || sp1 > 20 || sp2 == sp1 + 1)
    return bad("The request line is malformed.");
  for (std::size_t i = 0; i < sp1; ++i)
    if (!is_tchar(static_cast<unsigned char>(line[i]))) return bad("The request method is malformed.");
  for (std::size_t i = sp1 + 1; i < sp2; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c <= 0x20 || c == 0x7f) return bad("The request target is malformed.");
  }
  const std::string_view version = line.substr(sp2 + 1);
  bool http10 = false;
  if (version == "HTTP/1.0") http10 = true;
  else if (version != "HTTP/1.1") {
    if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[5] >= '0' && version[5] <= '9' &&
        version[6] == '.' && version[7] >= '0' && version[7] <= '9')
      return fail(505, "http_version_not_supported", "Only HTTP/1.0 and HTTP/1.1 are served.");
    return bad("The HTTP version is malformed.");
  }
  if (line_end + 1 > limits.max_header_bytes) return fail(414, "uri_too_long", "The request line is too long.");

  // --- header fields up to the empty line ---
  Frame f;
  bool keep_alive_token = false, close_token = false, transfer_encoding = false;
  bool have_length = false;
  std::size_t length = 0, headers = 0;
  std::size_t pos = line_end + 1;
  for (;;) {
    const std::size_t end = buf.find('\n', pos);
    if (end == std::string_view::npos) {
      if (buf.size() > limits.max_header_bytes)
        return fail(431, "headers_too_large", "The request headers are too large.");
      return Frame{};
    }
    if (end + 1 > limits.max_header_bytes) return fail(431, "headers_too_large", "The request headers are too large.");
    if (end == pos || buf[end - 1] != '\r') return bad("Lines end with CRLF.");
    const std::string_view field = buf.substr(pos, end - 1 - pos);
    pos = end + 1;
    if (field.empty()) break;  // the blank line: the head is complete
    if (++headers > limits.max_headers) return fail(431, "headers_too_large", "The request has too many headers.");
    if (field.front() == ' ' || field.front() == '\t') return bad("Folded header lines are not accepted.");
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad("A header line is malformed.");
    const std::string_view name = field.substr(0, colon);
    for (char c : name)
      if (!is_tchar(static_cast<unsigned char>(c))) return bad("A header name is malformed.");
    const std::string_view value = trim(field.substr(colon + 1));
    for (char ch : value) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c < 0x20 && c != '\t') || c == 0x7f) return bad("A header value holds a control character.");
    }
    if (ieq(name, "content-length")) {
      if (value.empty() || value.size() > 15) return fail(400, "invalid_content_length", "Content-Length must be a decimal number of bytes.");
      std::size_t n = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return fail(400, "invalid_content_length", "Content-Length must be a decimal number of bytes.");
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (have_length && n != length)
        return fail(400, "invalid_content_length", "The request has conflicting Content-Length headers.");
      have_length = true;
      length = n;
    } else if (ieq(name, "transfer-encoding")) {
      transfer_encoding = true;
    } else if (ieq(name, "connection")) {
      close_token = close_token || has_token(value, "close");
      keep_alive_token = keep_alive_token || has_token(value, "keep-alive");
    } else if (ieq(name, "expect")) {
      f.expect_continue = ieq(value, "100-continue");
    }
  }
  if (transfer_encoding) {
    if (have_length) return bad("Transfer-Encoding and Content-Length together are not accepted.");
    return fail(411, "length_required", "Send the body with a Content-Length (no Transfer-Encoding).");
  }
  if (length > limits.max_body_bytes) return fail(413, "payload_too_large", "The request body is too large.");
  f.head_bytes = pos;
  f.body_bytes = length;
  f.close = close_token || (http10 && !keep_alive_token);
  f.kind = buf.size() >= pos + length ? Frame::complete : Frame::incomplete;
  return f;
}

}  // namespace kairos::server::http
