// The only file that knows Pistache: converts its request into http::Request, hands it
// to the Front, and writes the Response back. It also works around the faults of the
// packaged Pistache 0.0.5 (TOOLCHAIN.md): requests are framed by framing.hpp (pipelined
// requests answered in order, a refused or malformed request answered and the
// connection closed), HTTP/1.1 keep-alive by default, `Connection: close` and HTTP/1.0
// really close, no internal exception text in answers, and connections are capped per
// client and in total (docs/DEPLOY.md: what nginx in front adds).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "front.hpp"

namespace kairos::server::http {

struct ListenOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (the chosen one is reported by Listener::port())
  int threads = 2;
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  // Connections: beyond either cap a new connection is answered 503 and closed. The
  // per-client cap counts peer addresses; behind a proxy (every peer is the proxy) it
  // is off. 0 = derived from the descriptor limit.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_client = 64;
  std::chrono::milliseconds keepalive_idle{30000};
  // Under pressure (more than half of max_connections open) keep-alive connections
  // idle longer than this are closed to make room.
  std::chrono::milliseconds pressure_idle{2000};
};

class Listener {
 public:
  Listener(Front& front, ListenOptions opts);
  ~Listener();
  void start();      // returns once the socket listens
  int port() const;  // the bound port
  std::size_t max_connections() const;  // the effective total cap
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kairos::server::http
