// Guest routes: the public page configuration (more arrive with the slot engine).
#include "app.hpp"
#include "documents.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;

void register_guest_routes(App& app, http::Router& r) {
  r.add("GET", "/v1/pages/{page}", http::Access::open, [&app](Request& req) {
    auto p = app.store.page(req.params["page"]);
    if (!p) return http::problem(404, "page_not_found", "No such page.");
    json out = public_page(json::parse(p->doc, nullptr, false), app.store);
    out["id"] = p->id;
    return http::json_response(200, out);
  });
}

}  // namespace kairos::server
