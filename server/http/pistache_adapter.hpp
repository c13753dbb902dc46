// The only file that knows Pistache: converts its request into http::Request, hands it
// to the Front, and writes the Response back. It also works around the faults of the
// packaged Pistache 0.0.5 (TOOLCHAIN.md): HTTP/1.1 keep-alive by default, no internal
// exception text in answers to malformed requests.
#pragma once

#include <memory>
#include <string>

#include "front.hpp"

namespace kairos::server::http {

struct ListenOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (the chosen one is reported by Listener::port())
  int threads = 2;
  std::size_t max_request_bytes = 64 * 1024 + 16 * 1024;
};

class Listener {
 public:
  Listener(Front& front, ListenOptions opts);
  ~Listener();
  void start();      // returns once the socket listens
  int port() const;  // the bound port
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kairos::server::http
