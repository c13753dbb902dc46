// Vector kind "explain": the cases of the slot vectors (availability documents whose
// hosts name their zone) run through explain_starts. Outputs every candidate start with
// its verdict and reasons, and whether the available starts equal free_slots' offer,
// so native and wasm are compared on the console's troubleshooter as on the slots.
#include "kairos/explain.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/explain.hpp"
#include "vectors.hpp"
#include "zoneinfo.hpp"

namespace kairos::vectors {
namespace {

Json run_explain(const Json& input) {
  const auto from = core::utc_midnight(expect(wire::read_date(input.at("zones_from"), "zones_from"), "zones_from"));
  const auto to = core::utc_midnight(expect(wire::read_date(input.at("zones_to"), "zones_to"), "zones_to"));
  Json out = Json::array();
  for (const Json& c : input.at("cases")) {
    const std::string name = c.at("name").get<std::string>();
    Json doc = c.at("inputs");
    for (Json& h : doc.at("hosts"))
      h["zone"] = expect(zoneinfo::load_zone(h.at("timezone").get<std::string>(), from, to), name);
    const auto in = expect(wire::read_availability_inputs(doc, ""), name);
    const auto range = expect(wire::read_interval(c.at("range"), "range"), name);
    const auto explained = core::explain_starts(in, range);
    std::vector<core::Instant> available, offered;
    for (const auto& x : explained)
      if (x.available) available.push_back(x.when.start);
    for (const auto& s : core::free_slots(in, range)) offered.push_back(s.when.start);
    out.push_back({{"name", name}, {"agrees_with_slots", available == offered}, {"starts", explained}});
  }
  return out;
}

}  // namespace
KAIROS_VECTOR_KIND("explain", run_explain);
}  // namespace kairos::vectors
