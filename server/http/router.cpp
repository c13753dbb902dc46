// Matching of request paths against the route table.
#include "router.hpp"

namespace kairos::server::http {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(std::string method, std::string pattern, Access access, HandlerFn fn, bool documented) {
  Route r{std::move(method), std::move(pattern), access, std::move(fn), documented, {}, false, nullptr};
  r.segments = split_path(r.pattern);
  r.trailing_slash = r.pattern.size() > 1 && r.pattern.back() == '/';
  routes_.push_back(std::move(r));
}

void Router::add_async(std::string method, std::string pattern, Access access, AsyncHandlerFn fn) {
  add(std::move(method), std::move(pattern), access, nullptr);
  routes_.back().async_handler = std::move(fn);
}

namespace {
bool match_pattern(const Route& route, const std::vector<std::string>& segs, bool trailing_slash,
                   std::map<std::string, std::string>& params) {
  const auto& pat = route.segments;
  bool pattern_slash = route.trailing_slash;
  bool takes_rest = !pat.empty() && pat.back().size() > 3 && pat.back()[pat.back().size() - 2] == '*';
  if (!takes_rest && pat.size() != segs.size()) return false;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    const std::string& p = pat[i];
    bool is_param = p.size() > 2 && p.front() == '{' && p.back() == '}';
    if (is_param && p[p.size() - 2] == '*') {
      std::string rest;
      for (std::size_t k = i; k < segs.size(); ++k) {
        if (!rest.empty()) rest += '/';
        rest += percent_decode(segs[k], false);
      }
      if (rest.empty()) return false;
      params[p.substr(1, p.size() - 3)] = rest;
      return true;
    }
    if (i >= segs.size()) return false;
    if (is_param) {
      std::string v = percent_decode(segs[i], false);
      if (v.empty()) return false;
      params[p.substr(1, p.size() - 2)] = std::move(v);
    } else if (p != segs[i]) {
      return false;
    }
  }
  return pat.size() == segs.size() && pattern_slash == trailing_slash;
}
}  // namespace

Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  auto segs = split_path(path);
  bool trailing = path.size() > 1 && path.back() == '/';
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r, segs, trailing, params)) continue;
    if (r.method == method) {
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
    if (method == "HEAD" && r.method == "GET" && !m.route) {  // HEAD is GET without a body
      m.route = &r;
      m.params = params;
    }
    m.path_known = true;
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace kairos::server::http
