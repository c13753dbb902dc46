// An area's routes as a table: each row names a method, a path, who may call it and the
// handler function that answers it. An area file then reads as the list of its endpoints
// (the order of the rows is the order of registration) with a named function per
// endpoint below or above it, instead of one long function of lambdas.
#pragma once

#include <initializer_list>
#include <utility>

#include "app.hpp"
#include "http/log.hpp"
#include "http/router.hpp"
#include "kairos/wire/documents.hpp"

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

// A stored document that does not read back is the server's fault, never the caller's:
// 500 `corrupt_document`, logged with the document, instead of an answer built from
// empty fields.
inline http::Response corrupt_document(const http::Request& req, const wire::CorruptDocument& e) {
  log::error("corrupt stored document", {{"route", req.route}, {"kind", e.kind()}, {"id", e.id()}, {"error", e.what()}});
  return http::problem(500, "corrupt_document", "A stored document could not be read back.");
}

inline void add_routes(App& app, http::Router& r, std::initializer_list<RouteRow> table) {
  for (const RouteRow& row : table) {
    if (row.async_handler) {
      r.add_async(row.method, row.path, row.access, [&app, h = row.async_handler](http::Request& req, http::Reply reply) {
        try {
          h(app, req, reply);
        } catch (const wire::CorruptDocument& e) {
          reply(corrupt_document(req, e));  // a Reply answers once: a later call is ignored
        }
      });
    } else {
      r.add(
          row.method, row.path, row.access,
          [&app, h = row.handler](http::Request& req) {
            try {
              return h(app, req);
            } catch (const wire::CorruptDocument& e) {
              return corrupt_document(req, e);
            }
          },
          row.documented);
    }
  }
}

}  // namespace kairos::server
