// Vector kind "lifecycle": chains of booking transitions (with the messages they plan),
// proposal choices, confirmation requests and rendered templates, so that the native
// and the wasm core are compared on the whole lifecycle, texts included.
#include "kairos/wire/lifecycle.hpp"
#include "vectors.hpp"
#include "zoneinfo.hpp"

namespace kairos::vectors {
namespace {

core::ZoneRules load(const std::string& id) {
  return expect(zoneinfo::load_zone(id, core::utc_midnight(core::LocalDate::from_days(20089)),   // 2025-01-01
                                    core::utc_midnight(core::LocalDate::from_days(21550))),     // 2029-01-01
                id);
}

template <class T>
Json result_json(const core::Result<T>& r) {
  if (!r) return Json{{"error", r.error()}};
  return Json(*r);
}

Json run_steps(const Json& c, const core::NotificationSettings& settings) {
  core::Booking b = expect(wire::read_booking(c.at("booking"), "booking"), "booking");
  Json out = Json::array();
  if (c.value("create", false)) {
    const auto now = expect(wire::read_instant(c.at("now"), "now"), "now");
    const auto r = core::create_booking_outcome(b, now, settings);
    out.push_back(result_json(r));
    if (r) b = r->booking;
  }
  for (const Json& s : c.value("steps", Json::array())) {
    const auto action = expect(core::parse_booking_action(s.at("action").get<std::string>()), "action");
    const auto actor = expect(core::parse_actor(s.at("actor").get<std::string>()), "actor");
    const auto now = expect(wire::read_instant(s.at("now"), "now"), "now");
    core::ActionDetails d;
    if (s.contains("new_when")) d.new_when = expect(wire::read_interval(s.at("new_when"), "new_when"), "new_when");
    d.reason = s.value("reason", "");
    const auto r = core::apply(b, action, actor, now, settings, d);
    out.push_back(result_json(r));
    if (r) b = r->booking;
  }
  return out;
}

Json run_proposal(const Json& c, const core::NotificationSettings& settings) {
  const auto p = expect(wire::read_proposal(c.at("proposal"), "proposal"), "proposal");
  const auto now = expect(wire::read_instant(c.at("now"), "now"), "now");
  Json out{{"valid", core::validate_proposal(p, now).ok()}, {"holds", core::proposal_holds(p)},
           {"invites", core::plan_proposal_invites(p, now)}};
  std::vector<core::RoomBusy> busy;
  for (const Json& rb : c.value("room_busy", Json::array())) {
    busy.push_back({rb.at("room").get<std::string>(), expect(wire::read_interval(rb, "room_busy"), "room_busy")});
  }
  const auto start = expect(wire::read_instant(c.at("choose"), "choose"), "choose");
  const auto r = core::choose_candidate(p, start, busy, now, c.at("uid").get<std::string>(),
                                        c.at("random").get<std::uint64_t>(), settings);
  if (r) {
    out["chosen"] = {{"booking", r->booking},
                     {"released", r->released_hold_ids},
                     {"messages", r->messages},
                     {"calendar_title", r->calendar_title}};
  } else {
    out["chosen"] = {{"error", r.error()}};
  }
  const auto readjust = core::ask_other_times(p, now, settings);
  if (readjust) out["readjust"] = {{"released", readjust->released_hold_ids}, {"messages", readjust->messages}};
  return out;
}

Json run_edit(const Json& c, const core::NotificationSettings& settings) {
  const auto before = expect(wire::read_booking(c.at("before"), "before"), "before");
  const auto after = expect(wire::read_booking(c.at("after"), "after"), "after");
  const auto now = expect(wire::read_instant(c.at("now"), "now"), "now");
  const auto zone = load(c.at("zone").get<std::string>());
  const auto r = core::edit_booking(before, after, c.at("notify").get<bool>(), now, settings, zone);
  if (!r) return Json{{"error", r.error()}};
  return Json{{"changes", r->changes}, {"messages", r->messages}, {"cancel_key_prefixes", r->cancel_key_prefixes}};
}

Json run_request(const Json& c) {
  std::vector<core::Booking> bookings;
  for (const Json& b : c.at("bookings")) bookings.push_back(expect(wire::read_booking(b, "bookings"), "bookings"));
  const auto draft = expect(wire::read_confirmation_request(c.at("request"), "request"), "request");
  const auto now = expect(wire::read_instant(c.at("now"), "now"), "now");
  const auto zone = load(c.at("zone").get<std::string>());
  Json out{{"related", core::suggest_related(bookings, bookings.front(), zone)}};
  const auto created = core::create_request(draft, bookings, now);
  out["created"] = result_json(created);
  if (!created) return out;
  const auto answer_at = expect(wire::read_instant(c.at("answer_at"), "answer_at"), "answer_at");
  out["visible_state"] = core::to_string(core::visible_state(created->request, answer_at));
  const std::string who = c.at("who").get<std::string>();
  if (c.at("answer").get<std::string>() == "accept") {
    out["answer"] = result_json(core::accept_request(created->request, bookings, who, answer_at));
  } else {
    out["answer"] = result_json(core::decline_request(created->request, bookings, who, c.value("reason", ""), answer_at));
  }
  out["deleted"] = core::on_booking_deleted(created->request, bookings.front(), answer_at);
  return out;
}

Json run_render(const Json& c) {
  const auto zone = load(c.at("zone").get<std::string>());
  const Json& x = c.at("context");
  core::MessageContext ctx;
  ctx.guest_name = x.value("guest_name", "");
  ctx.guest_company = x.value("guest_company", "");
  ctx.host_name = x.value("host_name", "");
  ctx.host_company = x.value("host_company", "");
  ctx.event_name = x.value("event_name", "");
  ctx.location = x.value("location", "");
  ctx.guidance = x.value("guidance", "");
  ctx.reception_code = x.value("reception_code", "");
  ctx.reason = x.value("reason", "");
  ctx.message = x.value("message", "");
  ctx.notes = x.value("notes", "");
  ctx.when = expect(wire::read_interval(x.at("when"), "when"), "when");
  if (x.contains("previous_when")) ctx.previous_when = expect(wire::read_interval(x.at("previous_when"), "previous_when"), "previous_when");
  ctx.zone = &zone;
  for (const Json& l : x.value("links", Json::array())) {
    ctx.links.emplace_back(expect(core::parse_signed_action(l.at(0).get<std::string>()), "link"), l.at(1).get<std::string>());
  }
  Json out = Json::array();
  for (const Json& lang : c.at("languages")) {
    out.push_back(result_json(core::render(c.at("template").get<std::string>(), lang.get<std::string>(), ctx)));
  }
  return out;
}

Json run_lifecycle(const Json& input) {
  const auto settings = expect(wire::read_notification_settings(input.value("settings", Json()), "settings"), "settings");
  Json out = Json::array();
  for (const Json& c : input.at("cases")) {
    const std::string op = c.at("op").get<std::string>();
    auto s = settings;
    if (c.contains("settings")) s = expect(wire::read_notification_settings(c.at("settings"), "settings"), "settings");
    Json r;
    if (op == "steps") r = run_steps(c, s);
    else if (op == "proposal") r = run_proposal(c, s);
    else if (op == "edit") r = run_edit(c, s);
    else if (op == "request") r = run_request(c);
    else if (op == "render") r = run_render(c);
    else fail("unknown lifecycle op " + op);
    out.push_back({{"name", c.at("name")}, {"result", std::move(r)}});
  }
  return out;
}

}  // namespace
KAIROS_VECTOR_KIND("lifecycle", run_lifecycle);
}  // namespace kairos::vectors
