// The staff side of authentication: console sessions (an HttpOnly cookie whose SHA-256
// is stored, so sessions work on every instance), the owner/staff role rule, the
// same-origin rule for state-changing cookie requests, the slow-down of repeated
// wrong passwords, and the invitation and reset mails with signed set-password links.
// API keys stay what they were: owner-level credentials of an account.
#pragma once

#include <optional>
#include <string>

#include "app.hpp"
#include "mail/delivery.hpp"

namespace kairos::server {

inline constexpr const char* kSessionCookie = "kairos_session";
inline constexpr std::int64_t kSessionSeconds = 12 * 3600;  // one working day

// Front hook for every owner route: API key (Authorization: Bearer) or session cookie.
// Sets req.account_id, staff_id, role, via_session; refuses with 401 unauthorized,
// 403 forbidden (bad key, or a staff member on an owner-only route) or 403
// cross_origin (a cookie request that changes state from another origin).
std::optional<http::Response> authenticate(App& app, http::Request& req);

// False for requests a browser sent from another origin (Origin, else Sec-Fetch-Site).
// Requests without either header (non-browser clients) pass.
bool same_origin(const App& app, const http::Request& req);

// Whether the "staff" role may call this route (method + route pattern): everything
// but settings (hosts, rooms, pages, account, locations, labels, templates, feeds:
// reading only), staff logins (reading only), API keys and webhooks (not at all).
bool staff_may(const std::string& method, const std::string& route);

// The value of one cookie of the request ("" when absent).
std::string cookie_value(const http::Request& req, const std::string& name);

// Whether a Secure cookie is right: the public URL is https, or a proxy says so.
bool secure_context(const App& app, const http::Request& req);

// Failed sign-ins: the first kFreeFailures per e-mail (kFreeClientFailures per client)
// are answered at once; after that each further try must wait 30 s · 2^(n - free),
// capped at an hour, or gets 429 with Retry-After. An hour without failures forgets them.
inline constexpr int kFreeFailures = 9;
inline constexpr int kFreeClientFailures = 30;
// Seconds until `key` may try again (0 = now).
std::int64_t login_wait(App& app, const std::string& key, int free_failures);
void record_login_failure(App& app, const std::string& key);

// Queues the invitation (purpose "invite") or reset ("reset") mail of a staff login.
void queue_password_mail(App& app, const store::StaffRecord& s, const std::string& kind);

// Renders a queued staff mail ("staff.invite" / "staff.reset"): signs the set-password
// link at sending time, so no live token is stored in the outbox.
core::Result<mail::ComposedMail> compose_staff_mail(App& app, const mail::DeliveryItem& item, core::Instant now);

}  // namespace kairos::server
