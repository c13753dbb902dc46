// Vector kind "slots": each case is an availability document as the server sends it,
// except that hosts name their zone ("timezone") and the runner loads the rules from
// the OS tz database. Outputs: the free slots of the case's range grouped by the
// guest's local date, and check_booking's answer for each listed start (and, with
// "check_offered", for every offered start; a check may carry an owner's edit:
// "hosts", "room", "end", "booked_start"), so native and wasm are compared on slots,
// assignments and error codes alike.
#include "kairos/wire/availability.hpp"
#include "vectors.hpp"
#include "zoneinfo.hpp"

namespace kairos::vectors {
namespace {

core::ZoneRules load(const std::string& id, core::Instant from, core::Instant to) {
  return expect(zoneinfo::load_zone(id, from, to), "zone " + id);
}

Json run_slots(const Json& input) {
  const auto from = core::utc_midnight(expect(wire::read_date(input.at("zones_from"), "zones_from"), "zones_from"));
  const auto to = core::utc_midnight(expect(wire::read_date(input.at("zones_to"), "zones_to"), "zones_to"));
  Json out = Json::array();
  for (const Json& c : input.at("cases")) {
    const std::string name = c.at("name").get<std::string>();
    Json doc = c.at("inputs");
    for (Json& h : doc.at("hosts")) h["zone"] = load(h.at("timezone").get<std::string>(), from, to);
    const auto in = expect(wire::read_availability_inputs(doc, ""), name);
    const auto range = expect(wire::read_interval(c.at("range"), "range"), name);
    const auto guest = load(c.value("guest_timezone", std::string("UTC")), from, to);
    const auto slots = core::free_slots(in, range);
    Json checks = Json::array();
    for (const Json& s : c.value("checks", Json::array())) {
      core::BookingRequest req;
      req.start = expect(wire::read_instant(s.at("start"), "start"), name);
      if (s.contains("duration_minutes")) req.duration = core::Minutes(s.at("duration_minutes").get<int>());
      req.ignore_booking_id = s.value("ignore_booking", std::string());
      req.ignore_hold_id = s.value("ignore_hold", std::string());
      // An owner's edit: chosen hosts, room and end, and the booking's current start.
      req.host_ids = s.value("hosts", std::vector<std::string>());
      req.room_id = s.value("room", std::string());
      if (s.contains("end")) req.end = expect(wire::read_instant(s.at("end"), "end"), name);
      if (s.contains("booked_start")) req.booked_start = expect(wire::read_instant(s.at("booked_start"), "booked_start"), name);
      const auto r = core::check_booking(in, req);
      Json one = {{"start", req.start}};
      if (r) {
        one["assignment"] = *r;
      } else {
        one["error"] = r.error();
      }
      checks.push_back(std::move(one));
    }
    Json result = {{"name", name},
                   {"count", slots.size()},
                   {"guest_timezone", guest.id()},
                   {"days", core::group_by_local_date(slots, guest)},
                   {"checks", std::move(checks)}};
    if (c.value("check_offered", false)) {
      // check_booking on every offered start: how many are accepted (all, by the rule).
      std::size_t accepted = 0;
      for (const core::Slot& s : slots) {
        core::BookingRequest req;
        req.start = s.when.start;
        accepted += core::check_booking(in, req).ok() ? 1 : 0;
      }
      result["offered_accepted"] = accepted;
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace
KAIROS_VECTOR_KIND("slots", run_slots);
}  // namespace kairos::vectors
