// The widget and the demo site, served from the web root and the widget build folder
// (the contract with the widget engineer): precompressed siblings (.br, .gz) when the
// client accepts them, exact MIME types (application/wasm), immutable caching for
// versioned widget assets and no-cache for HTML and embed.js. Paths never leave the
// two folders: segments are decoded, and "..", "." or hidden names are refused.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app.hpp"
#include "route_table.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
namespace fs = std::filesystem;

namespace {

std::string mime_for(const std::string& path) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".otf") return "font/otf";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool safe_relative(const std::string& rel) {
  if (rel.empty() || rel.size() > 512) return false;
  std::size_t i = 0;
  while (i <= rel.size()) {
    auto j = rel.find('/', i);
    if (j == std::string::npos) j = rel.size();
    std::string seg = rel.substr(i, j - i);
    if (seg.empty() || seg[0] == '.' || seg.find('\\') != std::string::npos || seg.find('\0') != std::string::npos)
      return false;
    i = j + 1;
  }
  return true;
}

bool read_file(const fs::path& p, std::string& out) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return false;
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

bool accepts(const Request& req, const char* coding) {
  const std::string* ae = req.header("accept-encoding");
  return ae && ae->find(coding) != std::string::npos;
}

// Serves dir/rel (or nullopt when absent). `immutable` for versioned widget assets and
// for the console's content-hashed assets (`hashed`: the name changes with the content).
std::optional<Response> serve(const Request& req, const std::string& dir, const std::string& rel, bool widget_asset,
                              bool hashed = false) {
  if (dir.empty() || !safe_relative(rel)) return std::nullopt;
  fs::path base(dir);
  fs::path file = base / rel;
  std::string body;
  std::string encoding;
  if (accepts(req, "br") && read_file(fs::path(file.string() + ".br"), body)) encoding = "br";
  else if (accepts(req, "gzip") && read_file(fs::path(file.string() + ".gz"), body)) encoding = "gzip";
  else if (!read_file(file, body)) return std::nullopt;
  Response r = http::text_response(200, std::move(body), mime_for(rel));
  if (!encoding.empty()) r.with_header("Content-Encoding", encoding);
  r.with_header("Vary", "Accept-Encoding");
  bool html = rel.size() >= 5 && rel.compare(rel.size() - 5, 5, ".html") == 0;
  if (hashed || (widget_asset && req.query.count("v") && !html))
    r.with_header("Cache-Control", "public, max-age=31536000, immutable");
  else if (html || rel == "embed.js")
    r.with_header("Cache-Control", "no-cache");
  else
    r.with_header("Cache-Control", "public, max-age=300");
  return r;
}

Response missing() { return http::problem(404, "not_found", "No such file."); }

// The console's page: never cached (it names the current hashed assets), never framed
// by another site (clickjacking of staff actions).
std::optional<Response> console_page(const Request& req, const std::string& dir) {
  auto res = serve(req, dir, "index.html", false);
  if (res) {
    res->with_header("X-Frame-Options", "SAMEORIGIN");
    res->with_header("Content-Security-Policy", "frame-ancestors 'self'");
    res->with_header("Referrer-Policy", "same-origin");
    res->with_header("X-Content-Type-Options", "nosniff");
  }
  return res;
}

}  // namespace

namespace {

Response root_page(App&, Request&) {
  Response res = http::empty_response(302);
  res.with_header("Location", "/demo/");
  return res;
}

Response embed_js(App& app, Request& req) {
  return serve(req, app.cfg.web_root, "embed.js", false).value_or(missing());
}

// The reception kiosk (R-PROP-9): a full-screen page for the front desk's tablet.
Response checkin_index(App& app, Request& req) {
  return serve(req, app.cfg.web_root, "checkin/index.html", false).value_or(missing());
}

Response checkin_file(App& app, Request& req) {
  return serve(req, app.cfg.web_root, "checkin/" + req.params["path"], false).value_or(missing());
}

Response demo_index(App& app, Request& req) {
  return serve(req, app.cfg.web_root, "demo/index.html", false).value_or(missing());
}

Response demo_file(App& app, Request& req) {
  return serve(req, app.cfg.web_root, "demo/" + req.params["path"], false).value_or(missing());
}

// The owner console (web/console, bundled by esbuild into the build folder):
// index.html for /console/ and its client-side routes, hashed files under assets/.
Response console_redirect(App&, Request&) {
  Response res = http::empty_response(301);
  res.with_header("Location", "/console/");
  return res;
}

Response console_index(App& app, Request& req) {
  return console_page(req, app.cfg.console_dir).value_or(missing());
}

Response console_file(App& app, Request& req) {
  const std::string& p = req.params["path"];
  if (p.rfind("assets/", 0) == 0) return serve(req, app.cfg.console_dir, p, false, true).value_or(missing());
  // A path without an extension is one of the console's own screens (links in mails
  // such as /console/set-password?token=…): the page routes it.
  if (p.find('.') == std::string::npos) return console_page(req, app.cfg.console_dir).value_or(missing());
  return missing();
}

Response widget_index(App& app, Request& req) {
  // The built shell (asset hashes filled in) saves a round trip; the template in
  // web/ is the fallback when the widget has not been built.
  if (auto res = serve(req, app.cfg.widget_dir, "index.html", false)) return *res;
  return serve(req, app.cfg.web_root, "widget/index.html", false).value_or(missing());
}

Response widget_file(App& app, Request& req) {
  const std::string& p = req.params["path"];
  // The widget dir is a build folder: only the shipped assets are served from it,
  // never CMake's files or test binaries.
  const bool shipped = p == "index.html" || p.rfind("kairos-widget.", 0) == 0 ||
                       (p.rfind("fonts/", 0) == 0 && p.size() > 10 && p.compare(p.size() - 4, 4, ".ttf") == 0);
  if (shipped) {
    if (auto res = serve(req, app.cfg.widget_dir, p, true)) return *res;
  }
  return serve(req, app.cfg.web_root, "widget/" + p, false).value_or(missing());
}

}  // namespace

void register_static_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"GET", "/", http::Access::open, root_page, false},
      {"GET", "/embed.js", http::Access::open, embed_js, false},
      {"GET", "/checkin/", http::Access::open, checkin_index, false},
      {"GET", "/checkin/{path*}", http::Access::open, checkin_file, false},
      {"GET", "/demo/", http::Access::open, demo_index, false},
      {"GET", "/demo/{path*}", http::Access::open, demo_file, false},
      {"GET", "/console", http::Access::open, console_redirect, false},
      {"GET", "/console/", http::Access::open, console_index, false},
      {"GET", "/console/{path*}", http::Access::open, console_file, false},
      {"GET", "/widget/", http::Access::open, widget_index, false},
      {"GET", "/widget/{path*}", http::Access::open, widget_file, false}
  });
}

}  // namespace kairos::server
