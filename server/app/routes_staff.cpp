// Staff logins, console sessions, API keys and the set-password links of invitation
// and reset mails. Only owners manage logins and keys (staff.cpp's role rule); another
// account's ids answer 404 like unknown ones.
#include <cctype>

#include "app.hpp"
#include "route_table.hpp"
#include "documents.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "kairos/email.hpp"
#include "kairos/templates.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "staff.hpp"

namespace kairos::server {

using core::make_error;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

const char* const kLanguages[] = {"en", "ja", "fi", "de", "hu"};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

wire::StaffView staff_fields(const store::StaffRecord& s) {
  return {s.id, s.name, s.email, s.role, s.language, s.host_id, s.password_hash.empty(), s.created_at};
}

json staff_view(const store::StaffRecord& s) { return wire::staff_view(staff_fields(s)); }

Response staff_not_found() { return http::problem(404, "not_found", "No such staff login."); }

core::Result<std::string> read_email(const json& body, bool required_field) {
  const json* e = wire::member(body, "email");
  if (!e) {
    if (required_field) return make_error("missing_field", "email is required", "email");
    return std::string();
  }
  auto s = wire::read_string(*e, "email");
  if (!s) return s.error();
  auto check = core::check_email(*s);
  if (!check.valid || check.address.size() > 320) {
    std::string detail = "not a valid e-mail address";
    if (check.suggestion) detail += "; did you mean " + *check.suggestion + "?";
    return make_error("invalid_email", detail, "email");
  }
  return lower(check.address);
}

core::Status check_password(const std::string& p) {
  if (p.size() < 8) return make_error("weak_password", "a password has at least 8 characters", "password");
  if (p.size() > 200) return make_error("weak_password", "a password has at most 200 characters", "password");
  return core::ok_status();
}

// Applies the fields of a POST or PUT body to `s` (name, email, role, host, language).
core::Status apply_staff_fields(App& app, const json& body, store::StaffRecord& s, bool creating) {
  if (const json* n = wire::member(body, "name"); n || creating) {
    if (!n) return make_error("missing_field", "name is required", "name");
    auto v = wire::read_string(*n, "name");
    if (!v) return v.error();
    if (v->empty() || v->size() > 200 || v->find_first_of("\r\n") != std::string::npos)
      return make_error("invalid_name", "1 to 200 characters on one line", "name");
    s.name = *v;
  }
  auto email = read_email(body, creating);
  if (!email) return email.error();
  if (!email->empty()) s.email = *email;
  if (const json* r = wire::member(body, "role"); r || creating) {
    if (!r) return make_error("missing_field", "role is required", "role");
    auto v = wire::read_string(*r, "role");
    if (!v) return v.error();
    if (*v != "owner" && *v != "staff") return make_error("invalid_role", "role is owner or staff", "role");
    s.role = *v;
  }
  if (const json* h = wire::member(body, "host")) {
    if (h->is_null()) {
      s.host_id.clear();
    } else {
      auto v = wire::read_string(*h, "host");
      if (!v) return v.error();
      auto host = app.store.host(*v);
      if (!host || host->account_id != s.account_id) return make_error("unknown_host", "no such host", "host");
      s.host_id = *v;
    }
  }
  if (const json* l = wire::member(body, "language")) {
    auto v = wire::read_string(*l, "language");
    if (!v) return v.error();
    bool known = false;
    for (const char* k : kLanguages) known = known || *v == k;
    if (!known) return make_error("unsupported_language", "one of en, ja, fi, de, hu", "language");
    s.language = *v;
  } else if (creating) {
    s.language = "en";
  }
  return core::ok_status();
}

std::size_t owners_of(App& app, const std::string& account_id) {
  std::size_t n = 0;
  for (const auto& s : app.store.staff_of(account_id)) n += s.role == "owner" ? 1 : 0;
  return n;
}

std::string session_cookie(const App& app, const Request& req, const std::string& value, std::int64_t max_age) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age);
  if (secure_context(app, req)) c += "; Secure";
  return c;
}

// The set-password page a staff member opens from their invitation or reset mail speaks
// their language (the mail does), not only English.
struct PasswordTexts {
  const char* lang;
  const char* choose;     // title of the form
  const char* label;
  const char* save;
  const char* invalid;    // title when the link cannot be used
  const char* invalid_body;
  const char* failed;     // title when saving did not work
  const char* saved;      // title after saving
  const char* saved_body; // {console} = the link to the console
  const char* weak;
  const char* used;
};
constexpr PasswordTexts kPasswordTexts[] = {
    {"en", "Choose your password", "New password (at least 8 characters)", "Save password", "This link is not valid",
     "It may have expired or been used. Ask for a new one from the sign-in page.", "This did not work",
     "Password saved", "You can now {console}.", "A password has 8 to 200 characters.",
     "This link has already been used. Ask for a new one from the sign-in page."},
    {"ja", "パスワードを設定", "新しいパスワード(8文字以上)", "パスワードを保存", "このリンクは使えません",
     "期限切れか、すでに使われています。サインイン画面から新しいリンクを依頼してください。", "保存できませんでした",
     "パスワードを保存しました", "{console}できます。", "パスワードは8〜200文字です。",
     "このリンクはすでに使われています。サインイン画面から新しいリンクを依頼してください。"},
    {"fi", "Valitse salasana", "Uusi salasana (vähintään 8 merkkiä)", "Tallenna salasana", "Linkki ei kelpaa",
     "Se on ehkä vanhentunut tai jo käytetty. Pyydä uusi kirjautumissivulta.", "Tämä ei onnistunut",
     "Salasana tallennettu", "Voit nyt {console}.", "Salasanassa on 8–200 merkkiä.",
     "Linkki on jo käytetty. Pyydä uusi kirjautumissivulta."},
    {"de", "Passwort festlegen", "Neues Passwort (mindestens 8 Zeichen)", "Passwort speichern", "Dieser Link ist ungültig",
     "Er ist vielleicht abgelaufen oder wurde schon benutzt. Fordern Sie auf der Anmeldeseite einen neuen an.",
     "Das hat nicht geklappt", "Passwort gespeichert", "Sie können sich jetzt {console}.",
     "Ein Passwort hat 8 bis 200 Zeichen.",
     "Dieser Link wurde schon benutzt. Fordern Sie auf der Anmeldeseite einen neuen an."},
    {"hu", "Jelszó megadása", "Új jelszó (legalább 8 karakter)", "Jelszó mentése", "Ez a link nem érvényes",
     "Lehet, hogy lejárt vagy már felhasználták. Kérjen újat a bejelentkezési oldalon.", "Ez nem sikerült",
     "Jelszó elmentve", "Most már {console}.", "A jelszó 8–200 karakter hosszú.",
     "Ezt a linket már felhasználták. Kérjen újat a bejelentkezési oldalon."},
};
constexpr const char* kSignInLink[] = {"sign in to the console", "コンソールにサインイン", "kirjautua konsoliin",
                                       "in der Konsole anmelden", "bejelentkezhet a konzolba"};

std::size_t password_lang_index(const std::string& lang) {
  for (std::size_t i = 0; i < std::size(kPasswordTexts); ++i)
    if (lang == kPasswordTexts[i].lang) return i;
  return 0;
}

// The language of a set-password link: its login's, else the page's ?lang=, else English.
std::size_t password_lang(App& app, const Request& req, const core::Result<LinkClaims>& claims) {
  if (claims)
    if (auto s = app.store.staff(claims->subject)) return password_lang_index(s->language);
  return password_lang_index(req.query_or("lang"));
}

Response password_page(int status, const std::string& title, const std::string& body_html, std::size_t lang = 0) {
  std::string h = "<!doctype html><html lang=\"" + std::string(kPasswordTexts[lang].lang) +
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                  "content=\"width=device-width,initial-scale=1\"><title>" + core::escape_html(title) +
                  "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;"
                  "padding:0 1rem;color:#1d2330}label{display:block;margin:1rem 0 .3rem}input{font:inherit;"
                  "width:100%;box-sizing:border-box;padding:.5rem}button{font:inherit;margin-top:1rem;"
                  "padding:.6rem 1.2rem;border:0;border-radius:6px;background:#2457d6;color:#fff}"
                  ".error{color:#a4161a}</style></head><body><main><h1>" + core::escape_html(title) + "</h1>" +
                  body_html + "</main></body></html>";
  return http::text_response(status, std::move(h), "text/html; charset=utf-8")
      .with_header("Cache-Control", "no-store")
      .with_header("Referrer-Policy", "no-referrer");
}

std::string password_form(const std::string& error, std::size_t lang = 0) {
  const PasswordTexts& t = kPasswordTexts[lang];
  std::string err = error.empty() ? std::string() : "<p class=\"error\" role=\"alert\">" + core::escape_html(error) + "</p>";
  return err + "<form method=\"post\"><label for=\"pw\">" + t.label +
         "</label><input id=\"pw\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" "
         "required><button type=\"submit\">" + t.save + "</button></form>";
}

// "a=b&password=x%20y" → the decoded value of `name`.
std::string form_value(const std::string& body, const std::string& name) {
  std::size_t i = 0;
  while (i <= body.size()) {
    auto amp = body.find('&', i);
    if (amp == std::string::npos) amp = body.size();
    std::string part = body.substr(i, amp - i);
    auto eq = part.find('=');
    if (eq != std::string::npos && http::percent_decode(part.substr(0, eq), true) == name)
      return http::percent_decode(part.substr(eq + 1), true);
    i = amp + 1;
  }
  return {};
}

}  // namespace

namespace {

// The host of the signed-in staff member (their own SMS settings).
core::Result<store::HostRecord> my_host(App& app, const Request& req) {
  if (!req.via_session || req.staff_id.empty())
    return make_error("no_host", "an API key is no staff member: sign in to the console");
  auto s = app.store.staff(req.staff_id);
  if (!s || s->host_id.empty()) return make_error("no_host", "this login is not linked to a host");
  auto h = app.store.host(s->host_id);
  if (!h || h->account_id != req.account_id) return make_error("no_host", "this login's host no longer exists");
  return *h;
}
json sms_view(const store::HostRecord& h) { return wire::host_sms_view(h.id, stored_host(h)); }

}  // namespace

namespace {

// --- sessions ---------------------------------------------------------------------
Response sign_in(App& app, Request& req) {
  if (!same_origin(app, req))
    return http::problem(403, "cross_origin", "Sign in from this server's own pages.");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto email = read_email(*body, true);
  if (!email) return http::problem(email.error());
  auto pw = wire::required(*body, "password");
  if (!pw) return http::problem(pw.error());
  auto password = wire::read_string(**pw, "password");
  if (!password) return http::problem(password.error());
  const std::string by_email = "email:" + *email, by_client = "client:" + req.client;
  const std::int64_t wait = std::max(login_wait(app, by_email, kFreeFailures),
                                     login_wait(app, by_client, kFreeClientFailures));
  if (wait > 0)
    return http::problem(429, "too_many_attempts", "Too many wrong passwords; try again later.")
        .with_header("Retry-After", std::to_string(wait));
  auto staff = app.store.staff_by_email(*email);
  const bool ok = auth::verify_password(*password, staff ? staff->password_hash : std::string());
  if (!ok || !staff) {
    record_login_failure(app, by_email);
    record_login_failure(app, by_client);
    return http::problem(401, "bad_credentials", "The e-mail address or the password is wrong.");
  }
  app.store.reset_login_failures(by_email);
  const std::string token = auth::random_token(32);
  const core::Instant now = app.now();
  app.store.put_session(store::SessionRecord{auth::sha256_hex(token), staff->id, staff->account_id, now,
                                             now + core::Seconds(kSessionSeconds)});
  return http::empty_response(204).with_header("Set-Cookie", session_cookie(app, req, token, kSessionSeconds));
}

Response current_session(App& app, Request& req) {
  std::optional<wire::StaffView> staff;
  if (auto s = req.via_session ? app.store.staff(req.staff_id) : std::nullopt) staff = staff_fields(*s);
  return http::json_response(200, wire::session_view(req.account_id, app.store.account_name(req.account_id).value_or(""),
                                                     req.role, req.via_session, staff));
}

Response sign_out(App& app, Request& req) {
  if (req.via_session) app.store.delete_session(auth::sha256_hex(cookie_value(req, kSessionCookie)));
  return http::empty_response(204).with_header("Set-Cookie", session_cookie(app, req, "", 0));
}

// --- password reset and set-password links ------------------------------------------
Response request_password_reset(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto email = read_email(*body, true);
  if (!email) return http::problem(email.error());
  // The same answer whether or not the address has a login: no address probing.
  const std::string key = "reset:" + *email;
  if (login_wait(app, key, 3) == 0) {
    record_login_failure(app, key);  // at most a few reset mails per address and hour
    if (auto s = app.store.staff_by_email(*email)) queue_password_mail(app, *s, "reset");
  }
  return http::json_response(202, wire::accepted_view());
}

Response password_link_page(App& app, Request& req) {
  auto claims = app.links.verify(req.params.at("token"), "set_password", app.now());
  const std::size_t lang = password_lang(app, req, claims);
  const PasswordTexts& t = kPasswordTexts[lang];
  if (!claims || !app.store.staff(claims->subject))
    return password_page(!claims && claims.error().code == "link_expired" ? 410 : 400, t.invalid,
                         std::string("<p>") + t.invalid_body + "</p>", lang);
  return password_page(200, t.choose, password_form("", lang), lang);
}

Response set_password(App& app, Request& req) {
  const std::string* ct = req.header("content-type");
  const bool as_json = ct && ct->find("json") != std::string::npos;
  std::string password;
  if (as_json) {
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto p = wire::required(*body, "password");
    if (!p) return http::problem(p.error());
    auto s = wire::read_string(**p, "password");
    if (!s) return http::problem(s.error());
    password = *s;
  } else {
    password = form_value(req.body, "password");
  }
  auto claims = app.links.verify(req.params.at("token"), "set_password", app.now());
  const std::size_t lang = password_lang(app, req, claims);
  const PasswordTexts& t = kPasswordTexts[lang];
  auto fail = [&](int status, const core::Error& e) {
    const char* said = e.code == "link_used" ? t.used : t.invalid_body;
    return as_json ? http::problem(status, e.code, e.message, e.field)
                   : password_page(status, t.failed, std::string("<p class=\"error\">") + said + "</p>", lang);
  };
  if (!claims) return fail(claims.error().code == "link_expired" ? 410 : 400, claims.error());
  if (auto st = check_password(password); !st) {
    if (as_json) return http::problem(st.error());
    return password_page(422, t.choose, password_form(t.weak, lang), lang);
  }
  auto staff = app.store.staff(claims->subject);
  if (!staff) return fail(400, make_error("invalid_link", "this link is not valid", "token"));
  if (!app.store.use_link(claims->nonce, "set_password", claims->subject, app.now()))
    return fail(410, make_error("link_used", "this link has already been used", "token"));
  staff->password_hash = auth::hash_password(password);
  staff->updated_at = app.now();
  app.store.put_staff(*staff);
  app.store.delete_sessions_of(staff->id);  // a reset signs out every other browser
  app.store.reset_login_failures("email:" + staff->email);
  if (as_json) return http::empty_response(204);
  std::string done = t.saved_body;
  done.replace(done.find("{console}"), 9, std::string("<a href=\"/console/\">") + kSignInLink[lang] + "</a>");
  return password_page(200, t.saved, "<p>" + done + "</p>", lang);
}

// --- staff logins -------------------------------------------------------------------
Response create_staff(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  store::StaffRecord s;
  s.id = auth::random_id("st_");
  s.account_id = req.account_id;
  if (auto st = apply_staff_fields(app, *body, s, true); !st) return http::problem(st.error());
  std::string password;
  if (const json* p = wire::member(*body, "password")) {
    auto v = wire::read_string(*p, "password");
    if (!v) return http::problem(v.error());
    if (auto st = check_password(*v); !st) return http::problem(st.error());
    password = *v;
  }
  if (!password.empty()) s.password_hash = auth::hash_password(password);
  s.created_at = s.updated_at = app.now();
  if (!app.store.put_staff(s))
    return http::problem(409, "already_exists", "Another login has this e-mail address.", "email");
  if (password.empty()) queue_password_mail(app, s, "invite");
  return http::json_response(201, staff_view(s)).with_header("Location", "/v1/admin/staff/" + s.id);
}

Response list_staff(App& app, Request& req) {
  std::vector<json> items;
  for (const auto& s : app.store.staff_of(req.account_id)) items.push_back(staff_view(s));
  return http::json_response(200, wire::list_view(items));
}

Response get_staff(App& app, Request& req) {
  auto s = app.store.staff(req.params.at("id"));
  if (!s || s->account_id != req.account_id) return staff_not_found();
  return http::json_response(200, staff_view(*s));
}

Response put_staff(App& app, Request& req) {
  auto s = app.store.staff(req.params.at("id"));
  if (!s || s->account_id != req.account_id) return staff_not_found();
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  store::StaffRecord updated = *s;
  if (auto st = apply_staff_fields(app, *body, updated, false); !st) return http::problem(st.error());
  if (s->role == "owner" && updated.role != "owner" && owners_of(app, req.account_id) <= 1)
    return http::problem(409, "last_owner", "An account keeps at least one owner.", "role");
  updated.updated_at = app.now();
  if (!app.store.put_staff(updated))
    return http::problem(409, "already_exists", "Another login has this e-mail address.", "email");
  return http::json_response(200, staff_view(updated));
}

Response delete_staff(App& app, Request& req) {
  auto s = app.store.staff(req.params.at("id"));
  if (!s || s->account_id != req.account_id) return staff_not_found();
  if (s->role == "owner" && owners_of(app, req.account_id) <= 1)
    return http::problem(409, "last_owner", "An account keeps at least one owner.");
  app.store.delete_staff(req.account_id, s->id);
  return http::empty_response(204);
}

Response invite_staff(App& app, Request& req) {
  auto s = app.store.staff(req.params.at("id"));
  if (!s || s->account_id != req.account_id) return staff_not_found();
  queue_password_mail(app, *s, s->password_hash.empty() ? "invite" : "reset");
  return http::json_response(202, wire::accepted_view());
}

// --- API keys -----------------------------------------------------------------------
// The signed-in person's own SMS (R-LIFE-3's staff SMS, seed 001: the staff member gets
// the reminder too): the phone of the host their login is linked to, and which events
// text them. A `staff` member may change these fields of their own host only (hosts are
// otherwise the owner's); an API key is nobody's and a login without a host has no visits.
Response get_my_sms(App& app, Request& req) {
  auto h = my_host(app, req);
  if (!h) return http::problem(409, h.error().code, h.error().message);
  return http::json_response(200, sms_view(*h));
}

Response put_my_sms(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto h = my_host(app, req);
  if (!h) return http::problem(409, h.error().code, h.error().message);
  json merged = wire::host_document(stored_host(*h));
  bool wants = false;  // an event switched on needs a number to text
  for (const char* k : {"phone", "sms_reminders", "sms_arrivals"})
    if (const json* v = wire::member(*body, k)) {
      merged[k] = *v;
      if (v->is_boolean() && v->get<bool>()) wants = true;
    }
  auto doc = host_from_request(merged, app.zones);
  if (!doc) return http::problem(doc.error());
  if (wants && doc->phone.empty()) return http::problem(422, "phone_required", "an SMS needs a phone number", "phone");
  h->doc = wire::host_document(*doc).dump();
  app.store.put_host(*h);
  return http::json_response(200, sms_view(*h));
}

Response create_api_key(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto n = wire::required(*body, "name");
  if (!n) return http::problem(n.error());
  auto name = wire::read_string(**n, "name");
  if (!name) return http::problem(name.error());
  if (name->empty() || name->size() > 120 || name->find_first_of("\r\n") != std::string::npos)
    return http::problem(422, "invalid_name", "1 to 120 characters on one line", "name");
  const std::string key = "kk_" + auth::random_token(32);
  store::ApiKeyRecord k{auth::random_id("k_"), req.account_id, *name, auth::sha256_hex(key), app.now()};
  app.store.add_api_key(k);
  return http::json_response(201, wire::api_key_view(k.id, k.name, k.created_at, key))
      .with_header("Location", "/v1/admin/api-keys/" + k.id);
}

Response list_api_keys(App& app, Request& req) {
  std::vector<json> items;
  for (const auto& k : app.store.api_keys(req.account_id)) items.push_back(wire::api_key_view(k.id, k.name, k.created_at));
  return http::json_response(200, wire::list_view(items));
}

Response delete_api_key(App& app, Request& req) {
  if (!app.store.delete_api_key(req.account_id, req.params.at("id")))
    return http::problem(404, "not_found", "No such API key.");
  app.keys.forget();
  return http::empty_response(204);
}

}  // namespace

void register_staff_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"POST", "/v1/session", http::Access::open, sign_in},
      {"GET", "/v1/session", http::Access::owner, current_session},
      {"DELETE", "/v1/session", http::Access::owner, sign_out},
      {"POST", "/v1/password-reset", http::Access::open, request_password_reset},
      {"GET", "/v1/links/password/{token}", http::Access::open, password_link_page},
      {"POST", "/v1/links/password/{token}", http::Access::open, set_password},
      {"POST", "/v1/admin/staff", http::Access::owner, create_staff},
      {"GET", "/v1/admin/staff", http::Access::owner, list_staff},
      {"GET", "/v1/admin/staff/{id}", http::Access::owner, get_staff},
      {"PUT", "/v1/admin/staff/{id}", http::Access::owner, put_staff},
      {"DELETE", "/v1/admin/staff/{id}", http::Access::owner, delete_staff},
      {"POST", "/v1/admin/staff/{id}/invite", http::Access::owner, invite_staff},
      {"GET", "/v1/admin/me/sms", http::Access::owner, get_my_sms},
      {"PUT", "/v1/admin/me/sms", http::Access::owner, put_my_sms},
      {"POST", "/v1/admin/api-keys", http::Access::owner, create_api_key},
      {"GET", "/v1/admin/api-keys", http::Access::owner, list_api_keys},
      {"DELETE", "/v1/admin/api-keys/{id}", http::Access::owner, delete_api_key}
  });
}

}  // namespace kairos::server
