// Vector kind "zone": builds each zone's rules from the OS tz database and converts
// local times to instants (with the lookup kind) and instants to local times.
#include "kairos/time_text.hpp"
#include "vectors.hpp"
#include "zoneinfo.hpp"

namespace kairos::vectors {
namespace {

Json run_zone(const Json& input) {
  Json out = Json::array();
  for (const Json& z : input.at("zones")) {
    const std::string id = z.at("zone").get<std::string>();
    const auto from = expect(wire::read_date(z.at("from"), "from"), id);
    const auto to = expect(wire::read_date(z.at("to"), "to"), id);
    const auto rules = expect(zoneinfo::load_zone(id, core::utc_midnight(from), core::utc_midnight(to)), id);
    Json res = {{"zone", id}, {"rules", rules}};
    Json locals = Json::array();
    for (const Json& l : z.value("local", Json::array())) {
      const std::string text = l.get<std::string>();
      const auto date = expect(core::parse_date(text.substr(0, 10)), text);
      const auto time = expect(core::parse_time(text.substr(11, 5)), text);
      const auto r = rules.lookup(core::LocalDateTime(date, time));
      locals.push_back({{"local", text}, {"kind", core::to_string(r.kind)}, {"first", r.first},
                        {"second", r.second}, {"resolved", rules.to_instant(core::LocalDateTime(date, time))}});
    }
    res["local"] = std::move(locals);
    Json utcs = Json::array();
    for (const Json& u : z.value("utc", Json::array())) {
      const auto t = expect(wire::read_instant(u, "utc"), u.dump());
      utcs.push_back({{"utc", t}, {"local", core::format_local(rules.to_local(t))},
                      {"offset", rules.offset_at(t).utc_offset_seconds}, {"text", core::format_instant(t, rules)}});
    }
    res["utc"] = std::move(utcs);
    out.push_back(std::move(res));
  }
  return out;
}

}  // namespace
KAIROS_VECTOR_KIND("zone", run_zone);
}  // namespace kairos::vectors
