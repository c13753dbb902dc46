// One route table for the whole API. A pattern is a path whose segments are literals or
// "{name}" parameters; "{name*}" as the last segment takes the rest of the path. Segments
// are percent-decoded after splitting, so "%2F" inside an id never creates a new segment.
// The table is also what --print-routes lists, so the OpenAPI test can compare the two.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_types.hpp"

namespace kairos::server::http {

enum class Access { open, owner };  // owner: Authorization: Bearer <api key>

using HandlerFn = std::function<Response(Request&)>;
// A handler that answers later, possibly from another thread (a booking waiting for its
// group commit): it must call the Reply exactly once. The Request stays alive until then.
using Reply = std::function<void(Response)>;
using AsyncHandlerFn = std::function<void(Request&, Reply)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::open;
  HandlerFn handler;
  bool documented = true;  // false for static files, listed separately in OpenAPI tests
  std::vector<std::string> segments;  // the pattern split once, at registration
  bool trailing_slash = false;
  AsyncHandlerFn async_handler;  // set instead of handler by add_async
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;  // some route has this path with another method (→ 405)
  std::vector<std::string> allowed;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, HandlerFn fn, bool documented = true);
  void add_async(std::string method, std::string pattern, Access access, AsyncHandlerFn fn);
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace kairos::server::http
