// Mail and SMS templates per language (the owner console's "Templates" in Setup): the
// core's default texts, an account's overrides (used by the outbox's composer for every
// page; a page's own overrides still win), and a preview rendered by core::render with
// sample values — the same rendering the delivery worker's mails go through.
#include <algorithm>

#include "app.hpp"
#include "route_table.hpp"
#include "documents.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::string doc_id(const std::string& account, const std::string& key, const std::string& lang) {
  return "tpl|" + account + "|" + key + "|" + lang;
}

// The template key and language of the path, both known; else the problem.
std::optional<Response> check_key(const std::string& key, const std::string& lang) {
  const auto& keys = core::template_keys();
  if (std::find(keys.begin(), keys.end(), key) == keys.end())
    return http::problem(422, "unknown_template", "no such message template", "template");
  const auto& langs = core::supported_languages();
  if (std::find(langs.begin(), langs.end(), lang) == langs.end())
    return http::problem(422, "unsupported_language", "one of en, ja, fi, de, hu", "language");
  return std::nullopt;
}

// {subject, body} of a body: strings within limits, placeholders known.
core::Result<std::pair<std::string, std::string>> read_texts(const json& body, bool need_one) {
  std::string out[2];
  const char* names[2] = {"subject", "body"};
  const std::size_t max[2] = {300, 20000};
  bool any = false;
  for (int i = 0; i < 2; ++i) {
    const json* v = wire::member(body, names[i]);
    if (!v || v->is_null()) continue;
    auto s = wire::read_string(*v, names[i]);
    if (!s) return s.error();
    if (s->size() > max[i]) return core::make_error("too_long", std::string(names[i]) + " is too long", names[i]);
    if (i == 0 && s->find_first_of("\r\n") != std::string::npos)
      return core::make_error("control_character", "a subject is one line", "subject");
    if (auto st = core::check_placeholders(*s, names[i]); !st) return st.error();
    out[i] = *s;
    any = any || !s->empty();
  }
  if (need_one && !any) return core::make_error("missing_field", "give a subject or a body (or DELETE to use the default)", "body");
  return std::pair{out[0], out[1]};
}

core::TemplateOverride stored_override(const store::TokenDoc& d) {
  return read_stored(d.doc, wire::read_template_override_document, "template " + d.id);
}

json view(const std::string& key, const std::string& lang, const std::optional<store::TokenDoc>& d) {
  if (!d) return wire::template_view(key, lang, nullptr);
  const core::TemplateOverride o = stored_override(*d);
  return wire::template_view(key, lang, &o);
}

std::optional<store::TokenDoc> stored(App& app, const std::string& account, const std::string& key,
                                      const std::string& lang) {
  auto d = app.store.token_doc("template", doc_id(account, key, lang));
  if (!d || d->account_id != account || d->state != "live") return std::nullopt;
  return d;
}

}  // namespace

// The account's overrides as the composer merges them (before a page's own).
std::vector<core::TemplateOverride> account_template_overrides(App& app, const std::string& account_id) {
  std::vector<core::TemplateOverride> out;
  for (const auto& d : app.store.token_docs_of("template", account_id)) {
    if (d.state != "live") continue;
    out.push_back(stored_override(d));
  }
  return out;
}

namespace {

Response list_templates(App& app, Request& req) {
  const std::string lang = req.query_or("language");
  const auto& langs = core::supported_languages();
  if (!lang.empty() && std::find(langs.begin(), langs.end(), lang) == langs.end())
    return http::problem(422, "unsupported_language", "one of en, ja, fi, de, hu", "language");
  std::vector<json> items;
  for (const auto& key : core::template_keys())
    for (const auto& l : langs)
      if (lang.empty() || l == lang) items.push_back(view(key, l, stored(app, req.account_id, key, l)));
  return http::json_response(200, wire::template_list_view(std::move(items)));
}

Response get_template(App& app, Request& req) {
  const std::string key = req.params["key"], lang = req.params["lang"];
  if (auto p = check_key(key, lang)) return *p;
  const auto d = stored(app, req.account_id, key, lang);
  if (!d) return http::json_response(200, wire::template_detail_view(key, lang, nullptr));
  const core::TemplateOverride o = stored_override(*d);
  return http::json_response(200, wire::template_detail_view(key, lang, &o));
}

Response put_template(App& app, Request& req) {
  const std::string key = req.params["key"], lang = req.params["lang"];
  if (auto p = check_key(key, lang)) return *p;
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto texts = read_texts(*body, true);
  if (!texts) return http::problem(texts.error());
  const auto now = app.now();
  const std::string id = doc_id(req.account_id, key, lang);
  auto old = app.store.token_doc("template", id);
  const json doc = wire::template_override_document({key, lang, texts->first, texts->second});
  app.store.put_token_doc(store::TokenDoc{id, req.account_id, id, "template", "live", doc.dump(),
                                          old ? old->created_at : now, now});
  return http::json_response(200, view(key, lang, stored(app, req.account_id, key, lang)));
}

Response delete_template(App& app, Request& req) {
  const std::string key = req.params["key"], lang = req.params["lang"];
  if (auto p = check_key(key, lang)) return *p;
  if (!stored(app, req.account_id, key, lang))
    return http::problem(404, "not_found", "This template has no override; it already uses the default.");
  app.store.delete_token_doc("template", doc_id(req.account_id, key, lang));
  return http::empty_response(204);
}

// A draft (subject/body in the body) or the stored text, filled with sample values.
Response preview_template(App& app, Request& req) {
  const std::string key = req.params["key"], lang = req.params["lang"];
  if (auto p = check_key(key, lang)) return *p;
  json in = wire::Json::object();
  if (!req.body.empty()) {
    auto b = parse_body(req);
    if (!b) return http::problem(b.error());
    in = *b;
  }
  auto texts = read_texts(in, false);
  if (!texts) return http::problem(texts.error());
  std::vector<core::TemplateOverride> overrides = account_template_overrides(app, req.account_id);
  overrides.push_back({key, lang, texts->first, texts->second});  // a draft wins; empty parts keep the rest
  core::MessageContext ctx;
  ctx.guest_name = "Maria Laine";
  ctx.guest_company = "Laine Oy";
  ctx.host_name = "Yui Tanaka";
  auto account = app.store.account_name(req.account_id);
  ctx.host_company = account && !account->empty() ? *account : "Aurora & Sakura";
  ctx.page_name = "Consultation";
  ctx.event_name = "Intro call";
  ctx.location = "Shibuya office, Shibuya 1-2-3 · Room Fuji";
  ctx.guidance = "Ring the bell at door B.";
  ctx.reception_code = "K7Q2";
  ctx.reason = "The host is ill.";
  ctx.message = "Does Thursday suit you better?";
  ctx.notes = "First visit.";
  const auto start = core::Instant::from_unix_seconds((app.now().unix_seconds() / 86400 + 2) * 86400 + 9 * 3600);
  ctx.when = {start, start + core::Minutes(30)};
  ctx.previous_when = core::Interval{start + core::Minutes(-24 * 60), start + core::Minutes(-(23 * 60 + 30))};
  ctx.appointments = {ctx.when, {start + core::Minutes(7 * 24 * 60), start + core::Minutes(7 * 24 * 60 + 30)}};
  std::shared_ptr<const core::ZoneRules> zone;
  if (const std::string tz = req.query_or("tz"); !tz.empty()) {
    auto z = app.zones.get(tz);
    if (!z) return http::problem(422, "unknown_zone", "unknown time zone", "tz");
    zone = *z;
    ctx.zone = zone.get();
  }
  for (auto a : {core::SignedAction::cancel, core::SignedAction::book_again})
    ctx.links.push_back({a, app.cfg.public_url + "/v1/links/preview-" + std::string(core::to_string(a))});
  auto rendered = core::render(key, lang, ctx, overrides);
  if (!rendered) return http::problem(rendered.error());
  return http::json_response(200, wire::template_preview(key, lang, *rendered));
}

}  // namespace

void register_template_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"GET", "/v1/admin/templates", http::Access::owner, list_templates},
      {"GET", "/v1/admin/templates/{key}/{lang}", http::Access::owner, get_template},
      {"PUT", "/v1/admin/templates/{key}/{lang}", http::Access::owner, put_template},
      {"DELETE", "/v1/admin/templates/{key}/{lang}", http::Access::owner, delete_template},
      {"POST", "/v1/admin/templates/{key}/{lang}/preview", http::Access::owner, preview_template}
  });
}

}  // namespace kairos::server
