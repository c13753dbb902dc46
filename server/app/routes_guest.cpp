// Guest routes that read: the public page, its slots (the hot path: cached and
// serialised by hand) and the availability document the widget computes slots from.
#include <malloc.h>

#include <cctype>
#include <chrono>
#include <unordered_map>

#include "app.hpp"
#include "route_table.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "front.hpp"
#include "http/encoding.hpp"
#include "kairos/language.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "zoneinfo.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;

// Answers of the slot endpoint, valid while nothing they depend on has changed and for
// at most a few seconds, because `now` moves the notice limit. What they depend on is
// the page, its hosts, its rooms and the open proposals: each answer keeps the store's
// counters of those keys (CalendarGenerations) and the sum they had before it was
// computed, so a booking for another host leaves it in place. Each keeps its gzip and
// brotli forms beside the plain body, made once on first demand.
class SlotCache {
 public:
  // `base`: what every answer depends on besides its keys (calendar feeds; the store's
  // generation when it keeps no counters per key).
  std::shared_ptr<const http::EncodedBody> get(const std::string& key, const store::CalendarGenerations* gens,
                                               std::uint64_t base) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    const Entry& e = it->second;
    if (std::chrono::steady_clock::now() - e.made > kMaxAge) return nullptr;
    if (e.stamp != base + (gens ? gens->stamp(e.slots) : 0)) return nullptr;
    return e.body;
  }
  void put(const std::string& key, std::uint64_t stamp, std::vector<std::size_t> slots,
           std::shared_ptr<const http::EncodedBody> body) {
    std::lock_guard lock(mu_);
    if (entries_.size() > 4096) entries_.clear();
    entries_[key] = Entry{stamp, std::move(slots), std::chrono::steady_clock::now(), std::move(body)};
  }

 private:
  static constexpr auto kMaxAge = std::chrono::seconds(5);
  struct Entry {
    std::uint64_t stamp;
    std::vector<std::size_t> slots;  // the counters of its page, hosts, rooms, proposals
    std::chrono::steady_clock::time_point made;
    std::shared_ptr<const http::EncodedBody> body;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

namespace {

struct DateRange {
  core::LocalDate from, to;
};

core::Result<DateRange> read_range(const Request& req, int max_days) {
  DateRange r;
  for (auto [name, out] : {std::pair{"from", &r.from}, std::pair{"to", &r.to}}) {
    auto it = req.query.find(name);
    if (it == req.query.end()) return core::make_error("missing_field", std::string(name) + " is required", name);
    auto d = core::parse_date(it->second);
    if (!d) return core::make_error(d.error().code, d.error().message, name);
    *out = *d;
  }
  if (r.to < r.from) return core::make_error("invalid_range", "to is before from", "to");
  if (r.to - r.from >= core::Days(max_days))
    return core::make_error("range_too_long", std::string("at most ").append(std::to_string(max_days)).append(" days"), "to");
  return r;
}

std::string slots_body(const std::string& tz, const std::vector<core::DaySlots>& days) {
  std::string out;
  out.reserve(64 + days.size() * 700);
  out += "{\"tz\":";
  out += json(tz).dump();
  out += ",\"days\":{";
  bool first_day = true;
  for (const auto& d : days) {
    if (d.slots.empty()) continue;
    if (!first_day) out += ',';
    first_day = false;
    out += '"';
    out += core::format_date(d.date);
    out += "\":[";
    for (std::size_t i = 0; i < d.slots.size(); ++i) {
      if (i) out += ',';
      out += "{\"start\":\"";
      out += core::format_instant(d.slots[i].when.start);
      out += "\",\"end\":\"";
      out += core::format_instant(d.slots[i].when.end);
      out += "\"}";
    }
    out += ']';
  }
  out += "}}";
  return out;
}

Response get_public_page(App& app, Request& req) {
  auto p = app.store.page(req.params["page"]);
  if (!p) return http::problem(404, "page_not_found", "No such page.");
  // ?language=ja (or ja-JP): owner content in the guest's language, else the page's.
  std::string lang = req.query_or("language");
  lang = lang.substr(0, lang.find('-'));
  for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!req.query_or("language").empty() && !core::is_supported_language(lang))
    return http::problem(422, "unsupported_language", "language is one of en, ja, fi, de, hu", "language");
  // A page without a logo of its own shows the account's (PUT /v1/admin/account), and
  // the widget learns whether confirmation mail really leaves this server (--smtp), so
  // it does not promise an e-mail that will only wait in the outbox.
  return http::json_response(200, wire::guest_page_view(public_page(*p, app.store, lang), p->id,
                                                        stored_account_settings(app, p->account_id).logo,
                                                        !app.cfg.smtp.empty()));
}

Response get_slots(App& app, Request& req) {
  std::string et = req.query_or("event_type");
  if (et.empty()) return http::problem(422, "missing_field", "event_type is required", "event_type");
  auto range = read_range(req, 92);
  if (!range) return http::problem(range.error());
  std::string tz = req.query_or("tz", "UTC");
  std::string key = req.params["page"] + '\n' + et + '\n' + core::format_date(range->from) + '\n' +
                    core::format_date(range->to) + '\n' + tz;
  // Calendar feeds change busy time outside the store's transactions. Read before
  // anything the answer is computed from, as the keys' stamp below.
  const store::CalendarGenerations* gens = app.store.calendar_generations();
  const std::uint64_t base = (gens ? 0 : app.store.generation()) + (app.integrations.busy_version.load() << 40);
  // The cached answer in the coding the client takes (Vary: Accept-Encoding), with
  // that representation's ETag; 304 when the client holds it already.
  auto json_shared = [&req](const std::shared_ptr<const http::EncodedBody>& body) {
    const http::Coding coding = http::choose_coding(req.header("accept-encoding"));
    const std::string& etag = body->etag(coding);
    const std::string* held = req.header("if-none-match");
    Response res = http::text_response(held && http::etag_matches(*held, etag) ? 304 : 200, {}, "application/json");
    if (res.status == 200) {
      res.shared_body = body->body(coding);
      res.body_file = body->file(coding);
    }
    else res.content_type.clear();
    res.headers.reserve(4);
    res.headers.emplace_back("ETag", etag);
    res.headers.emplace_back("Vary", "Accept-Encoding");
    if (coding != http::Coding::identity) res.headers.emplace_back("Content-Encoding", http::coding_name(coding));
    return res;
  };
  if (auto hit = app.slots.cache->get(key, gens, base)) {
    app.slots.hits.fetch_add(1, std::memory_order_relaxed);
    return json_shared(hit);
  }
  app.slots.misses.fetch_add(1, std::memory_order_relaxed);

  // The page's documents are current as of `config` (read first); the keys' stamp is
  // read after them and before the bookings: if a page or host write moved `config`
  // meanwhile, the documents may be older than the stamp, and the answer is not kept.
  const auto config = app.store.config_generation();
  auto shared = shared_page_context(app, req.params["page"], et);
  if (!shared) return http::problem(shared.error());
  const auto& ctx = *shared;
  std::vector<std::size_t> slots;
  if (gens) {
    using G = store::CalendarGenerations;
    slots.reserve(ctx->hosts.size() + ctx->policy.room_ids.size() + 2);
    slots.push_back(G::slot(G::page_key(ctx->page.id)));
    slots.push_back(G::slot(G::kProposals));
    for (const auto& h : ctx->hosts) slots.push_back(G::slot(G::host_key(h.id)));
    for (const auto& room : ctx->policy.room_ids) slots.push_back(G::slot(G::room_key(room)));
  }
  const std::uint64_t stamp = base + (gens ? gens->stamp(slots) : 0);
  auto zone = app.zones.get(tz);
  if (!zone) return http::problem(422, "unknown_zone", "not a time zone of the tz database", "tz");
  const core::Interval span = core::local_dates(**zone, range->from, range->to);
  std::vector<core::DaySlots> days;
  if (ctx->enabled) {  // a disabled page offers nothing
    auto inputs = build_inputs(app, *ctx, span, app.now());
    days = core::group_by_local_date(core::free_slots(inputs, span, core::SlotDetail::times), **zone);
  }
  auto body = std::make_shared<const http::EncodedBody>(slots_body(tz, days));
  if (!gens || (config && app.store.config_generation() == config))
    app.slots.cache->put(key, stamp, std::move(slots), body);
  // A big team's month takes tens of MB of inputs for a moment: give them back to the
  // system (glibc keeps freed memory in its arenas otherwise).
  if (ctx->hosts.size() >= 200) malloc_trim(0);
  return json_shared(body);
}

Response get_availability(App& app, Request& req) {
  std::string et = req.query_or("event_type");
  if (et.empty()) return http::problem(422, "missing_field", "event_type is required", "event_type");
  auto range = read_range(req, 92);
  if (!range) return http::problem(range.error());
  auto ctx = load_page_context(app, req.params["page"], et);
  if (!ctx) return http::problem(ctx.error());
  if (!ctx->enabled) return http::problem(409, "page_disabled", "This page takes no bookings at the moment.", "page");
  // The core says which instants the dates cover in any guest zone, and how much
  // around them the answer depends on; zone tables are cut to that, so the document
  // stays small.
  const core::Interval query = core::any_zone_dates(range->from, range->to);
  const core::Interval span = core::inputs_span(query);
  for (std::size_t i = 0; i < ctx->hosts.size(); ++i) {
    auto narrow = zoneinfo::load_zone(ctx->host_docs[i].timezone, span.start, span.end);
    if (!narrow) return http::problem(narrow.error());
    ctx->hosts[i].zone = std::move(*narrow);
  }
  auto inputs = build_inputs(app, *ctx, query, app.now());
  // Guests see when hosts are busy, never who booked: ids are replaced.
  for (std::size_t i = 0; i < inputs.bookings.size(); ++i) inputs.bookings[i].id = std::string(1, 'b').append(std::to_string(i + 1));
  for (std::size_t i = 0; i < inputs.holds.size(); ++i) inputs.holds[i].id = std::string(1, 'h').append(std::to_string(i + 1));
  return http::json_response(200, wire::availability_view(inputs, ctx->page.id));
}

}  // namespace

void register_guest_routes(App& app, http::Router& r) {
  app.slots.cache = std::make_shared<SlotCache>();
  add_routes(app, r, {
      {"GET", "/v1/pages/{page}", http::Access::open, get_public_page},
      {"GET", "/v1/pages/{page}/slots", http::Access::open, get_slots},
      {"GET", "/v1/pages/{page}/availability", http::Access::open, get_availability},
  });
}

}  // namespace kairos::server
