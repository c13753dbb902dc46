// Sessions, roles, origins, sign-in slow-down and the staff mails.
#include "staff.hpp"

#include <algorithm>
#include <cstring>

#include "auth/tokens.hpp"
#include "http/front.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/office.hpp"

namespace kairos::server {

using http::Request;
using http::Response;

namespace {

bool starts_with(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "scheme://host[:port]" of a URL.
std::string origin_of(const std::string& url) {
  auto p = url.find("://");
  if (p == std::string::npos) return {};
  auto slash = url.find('/', p + 3);
  return lower(slash == std::string::npos ? url : url.substr(0, slash));
}

bool safe_method(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

}  // namespace

std::string cookie_value(const Request& req, const std::string& name) {
  const std::string* h = req.header("cookie");
  if (!h) return {};
  std::string_view v = *h;
  while (!v.empty()) {
    auto semi = v.find(';');
    std::string_view part = v.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      std::string_view val = part.substr(eq + 1);
      while (!val.empty() && val.back() == ' ') val.remove_suffix(1);
      return std::string(val);
    }
    if (semi == std::string_view::npos) break;
    v.remove_prefix(semi + 1);
  }
  return {};
}

bool secure_context(const App& app, const Request& req) {
  if (starts_with(app.cfg.public_url, "https://")) return true;
  const std::string* proto = req.header("x-forwarded-proto");
  return proto && lower(*proto) == "https";
}

bool same_origin(const App& app, const Request& req) {
  if (const std::string* origin = req.header("origin")) {
    const std::string o = lower(*origin);
    if (o == origin_of(app.cfg.public_url)) return true;
    if (const std::string* host = req.header("host")) {
      const std::string scheme = secure_context(app, req) ? "https://" : "http://";
      if (o == scheme + lower(*host)) return true;
    }
    return false;
  }
  if (const std::string* site = req.header("sec-fetch-site")) return *site == "same-origin";
  return true;
}

bool staff_may(const std::string& method, const std::string& route) {
  static const char* const never[] = {"/v1/admin/api-keys", "/v1/admin/webhooks"};
  for (const char* p : never)
    if (starts_with(route, p)) return false;
  static const char* const read_only[] = {"/v1/admin/staff",  "/v1/admin/hosts",     "/v1/admin/rooms",
                                          "/v1/admin/pages",  "/v1/admin/account",   "/v1/admin/locations",
                                          "/v1/admin/labels", "/v1/admin/templates", "/v1/admin/feeds",
                                          "/v1/admin/settings"};
  for (const char* p : read_only)
    if (starts_with(route, p)) return safe_method(method);
  return true;
}

std::optional<Response> authenticate(App& app, Request& req) {
  std::string key = http::bearer_token(req);
  if (!key.empty()) {
    auto account = app.keys.account_for(key);
    if (!account) return http::problem(403, "forbidden", "The API key is not valid.");
    req.account_id = *account;
    req.role = "owner";
    return std::nullopt;
  }
  const std::string token = cookie_value(req, kSessionCookie);
  auto unauthorized = [] {
    return http::problem(401, "unauthorized",
                         "Sign in (POST /v1/session) or send an API key: Authorization: Bearer <key>.")
        .with_header("WWW-Authenticate", "Bearer");
  };
  if (token.empty() || token.size() > 200) return unauthorized();
  auto session = app.store.session(auth::sha256_hex(token));
  if (!session || session->expires_at <= app.now()) return unauthorized();
  auto staff = app.store.staff(session->staff_id);
  if (!staff || staff->account_id != session->account_id) return unauthorized();
  // The cookie is SameSite=Strict; this also stops same-site pages (another port of
  // the same host) from changing anything with it.
  if (!safe_method(req.method) && !same_origin(app, req))
    return http::problem(403, "cross_origin", "A signed-in change must come from this server's own pages.");
  req.account_id = staff->account_id;
  req.staff_id = staff->id;
  req.role = staff->role;
  req.via_session = true;
  if (staff->role != "owner" && !staff_may(req.method, req.route))
    return http::problem(403, "forbidden", "Only an owner of the account may do this.");
  return std::nullopt;
}

std::int64_t login_wait(App& app, const std::string& key, int free_failures) {
  auto [failures, last] = app.store.login_failures(key);
  const core::Instant now = app.now();
  if (failures < free_failures || now - last > core::Seconds(3600)) return 0;
  const int over = std::min(failures - free_failures, 7);
  const core::Seconds wait{std::min<std::int64_t>(30LL << over, 3600)};
  return std::max<std::int64_t>(0, (last + wait - now).count());
}

void record_login_failure(App& app, const std::string& key) {
  const core::Instant now = app.now();
  auto [failures, last] = app.store.login_failures(key);
  if (failures > 0 && now - last > core::Seconds(3600)) app.store.reset_login_failures(key);
  app.store.record_login_failure(key, now);
}

// --- mails ----------------------------------------------------------------------------

void queue_password_mail(App& app, const store::StaffRecord& s, const std::string& kind) {
  store::OutboxMessage m;
  m.account_id = s.account_id;
  m.booking_uid = "staff:" + s.id;
  m.key = "staff." + kind + ":" + auth::random_id("", 10);
  m.template_key = "staff." + kind;
  m.channel = "mail";
  m.recipient = s.email;
  m.send_at = app.now();
  m.state = store::OutboxState::scheduled;
  wire::MessagePayload payload;
  payload.role = "staff";
  payload.language = s.language;
  m.payload = wire::message_payload(payload).dump();
  m.created_at = m.send_at;
  app.store.add_outbox(m);
}

namespace {

struct StaffText {
  const char* lang;
  const char* invite_subject;
  const char* invite_body;  // {name} {account} {link}
  const char* reset_subject;
  const char* reset_body;
  const char* button;
};

// Short and plain on purpose: a sign-in mail should look like one.
constexpr StaffText kTexts[] = {
    {"en", "You are invited to {account} on Kairos",
     "Hello {name},\n\nyou have been given a login to the booking console of {account}.\n"
     "Choose your password here (the link is valid for 7 days and works once):\n\n{link}\n",
     "Reset your Kairos password",
     "Hello {name},\n\nsomeone asked to reset the password of your login to {account}.\n"
     "Choose a new password here (the link is valid for 2 hours and works once):\n\n{link}\n\n"
     "If it was not you, ignore this mail; your password stays as it is.\n",
     "Choose password"},
    {"ja", "Kairos の {account} への招待",
     "{name} 様\n\n{account} の予約管理コンソールのログインが作成されました。\n"
     "次のリンクからパスワードを設定してください（7日間有効、1回限り）。\n\n{link}\n",
     "Kairos のパスワード再設定",
     "{name} 様\n\n{account} のログインのパスワード再設定が依頼されました。\n"
     "次のリンクから新しいパスワードを設定してください（2時間有効、1回限り）。\n\n{link}\n\n"
     "お心当たりがない場合は、このメールを無視してください。\n",
     "パスワードを設定"},
    {"fi", "Kutsu: {account} Kairosissa",
     "Hei {name},\n\nsinulle on luotu tunnus tilin {account} ajanvarauskonsoliin.\n"
     "Valitse salasanasi tästä (linkki on voimassa 7 päivää ja toimii kerran):\n\n{link}\n",
     "Kairos-salasanan vaihto",
     "Hei {name},\n\ntunnuksesi ({account}) salasanan vaihtoa pyydettiin.\n"
     "Valitse uusi salasana tästä (linkki on voimassa 2 tuntia ja toimii kerran):\n\n{link}\n\n"
     "Jos et pyytänyt vaihtoa, voit jättää tämän viestin huomiotta.\n",
     "Valitse salasana"},
    {"de", "Einladung zu {account} bei Kairos",
     "Hallo {name},\n\nfür Sie wurde ein Zugang zur Terminkonsole von {account} angelegt.\n"
     "Wählen Sie hier Ihr Passwort (der Link gilt 7 Tage und nur einmal):\n\n{link}\n",
     "Kairos-Passwort zurücksetzen",
     "Hallo {name},\n\nfür Ihren Zugang zu {account} wurde ein neues Passwort angefordert.\n"
     "Wählen Sie es hier (der Link gilt 2 Stunden und nur einmal):\n\n{link}\n\n"
     "Waren Sie das nicht, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.\n",
     "Passwort wählen"},
    {"hu", "Meghívó: {account} a Kairosban",
     "Kedves {name}!\n\nHozzáférést kapott a(z) {account} foglalási konzoljához.\n"
     "Itt választhat jelszót (a link 7 napig érvényes, egyszer használható):\n\n{link}\n",
     "Kairos-jelszó visszaállítása",
     "Kedves {name}!\n\nJelszó-visszaállítást kértek a(z) {account} fiókhoz tartozó belépéséhez.\n"
     "Itt választhat új jelszót (a link 2 óráig érvényes, egyszer használható):\n\n{link}\n\n"
     "Ha nem Ön kérte, hagyja figyelmen kívül ezt a levelet.\n",
     "Jelszó választása"},
};

std::string fill(std::string t, const std::string& name, const std::string& account, const std::string& link) {
  for (auto [key, value] : {std::pair{"{name}", &name}, std::pair{"{account}", &account}, std::pair{"{link}", &link}}) {
    for (auto p = t.find(key); p != std::string::npos; p = t.find(key, p + value->size())) t.replace(p, std::strlen(key), *value);
  }
  return t;
}

}  // namespace

core::Result<mail::ComposedMail> compose_staff_mail(App& app, const mail::DeliveryItem& item, core::Instant now) {
  const std::string id = item.booking_uid.substr(std::string("staff:").size());
  auto s = app.store.staff(id);
  if (!s) return core::make_error("unrenderable", "the staff login of this message no longer exists");
  const bool invite = item.template_key == "staff.invite";
  const StaffText* t = &kTexts[0];
  for (const auto& x : kTexts)
    if (s->language == x.lang) t = &x;
  LinkClaims c{"set_password", s->id, now + (invite ? core::Seconds(core::Days(7)) : core::Seconds(2 * 3600)),
               auth::random_token().substr(0, 16)};
  const std::string link = app.cfg.public_url + "/v1/links/password/" + app.links.sign(c);
  std::string account = app.store.account_name(s->account_id).value_or("Kairos");
  if (account.empty() || account == "admin") account = "Kairos";
  mail::ComposedMail m;
  m.envelope_from = app.cfg.mail_from;
  m.recipients = {item.recipient};
  m.message.from = {account == "Kairos" ? app.cfg.mail_name : account, app.cfg.mail_from};
  m.message.to = {{s->name, item.recipient}};
  m.message.subject = fill(invite ? t->invite_subject : t->reset_subject, s->name, account, link);
  m.message.text = fill(invite ? t->invite_body : t->reset_body, s->name, account, link);
  std::string html_body = core::escape_html(fill(invite ? t->invite_body : t->reset_body, s->name, account, "\x01"));
  std::string html;
  for (char ch : html_body) html += ch == '\n' ? std::string("<br>") : std::string(1, ch);
  const std::string a = "<a href=\"" + core::escape_html(link) + "\">" + core::escape_html(t->button) + "</a>";
  if (auto p = html.find('\x01'); p != std::string::npos) html.replace(p, 1, a);
  m.message.html = "<!doctype html><html><body style=\"font-family:sans-serif\"><p>" + html + "</p></body></html>";
  m.message.message_id = mail::message_id_for(item, "kairos.local");
  m.message.date = now;
  return m;
}

}  // namespace kairos::server
