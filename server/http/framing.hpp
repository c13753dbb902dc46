// HTTP/1.1 request framing: where one request ends and the next begins (RFC 9112).
// Pistache 0.0.5 frames requests itself but drops pipelined requests, keeps reading a
// body it refused, accepts conflicting Content-Length headers and never answers a
// malformed request line. The adapter frames every request here first and hands
// Pistache exactly one complete request at a time. Pure: no I/O, fuzzed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kairos::server::http {

struct FramingLimits {
  std::size_t max_header_bytes = 16 * 1024;  // request line and headers, with the blank line
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_headers = 100;
};

struct Frame {
  enum Kind { incomplete, complete, error } kind = incomplete;
  // complete: the first request is bytes [0, head_bytes + body_bytes) of the buffer.
  // incomplete with head_bytes > 0: the head is complete, the body is still arriving.
  std::size_t head_bytes = 0;
  std::size_t body_bytes = 0;
  bool close = false;            // the connection ends after this answer (HTTP/1.0, "close")
  bool expect_continue = false;  // "Expect: 100-continue"
  // error: the answer, after which the connection is closed (the rest of the stream
  // can no longer be framed).
  int status = 0;
  std::string code;
  std::string detail;
};

// Frames the first request of `buf` (bytes received and not yet consumed).
Frame frame_request(std::string_view buf, const FramingLimits& limits);

// Bytes of empty lines before a request line (RFC 9112 2.2: a server ignores them).
std::size_t leading_empty_lines(std::string_view buf);

}  // namespace kairos::server::http
