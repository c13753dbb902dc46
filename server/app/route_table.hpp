// An area's routes as a table: each row names a method, a path, who may call it and the
// handler function that answers it. An area file then reads as the list of its endpoints
// (the order of the rows is the order of registration) with a named function per
// endpoint below or above it, instead of one long function of lambdas.
#pragma once

#include <initializer_list>
#include <utility>

#include "app.hpp"
#include "http/router.hpp"

namespace kairos::server {

using RouteHandler = http::Response (*)(App&, http::Request&);
// Answers later (see http::Router::add_async): calls the Reply exactly once.
using AsyncRouteHandler = void (*)(App&, http::Request&, http::Reply);

struct RouteRow {
  RouteRow(const char* m, const char* p, http::Access a, RouteHandler h, bool doc = true)
      : method(m), path(p), access(a), handler(h), documented(doc) {}
  RouteRow(const char* m, const char* p, http::Access a, AsyncRouteHandler h)
      : method(m), path(p), access(a), async_handler(h) {}
  const char* method;
  const char* path;
  http::Access access;
  RouteHandler handler = nullptr;
  AsyncRouteHandler async_handler = nullptr;  // instead of handler
  bool documented = true;                     // false: not in the OpenAPI document (static files)
};

inline void add_routes(App& app, http::Router& r, std::initializer_list<RouteRow> table) {
  for (const RouteRow& row : table) {
    if (row.async_handler) {
      r.add_async(row.method, row.path, row.access,
                  [&app, h = row.async_handler](http::Request& req, http::Reply reply) { h(app, req, std::move(reply)); });
    } else {
      r.add(row.method, row.path, row.access, [&app, h = row.handler](http::Request& req) { return h(app, req); },
            row.documented);
    }
  }
}

}  // namespace kairos::server
