// JSON mapping of explanations.
#include "kairos/wire/explain.hpp"

#include "kairos/wire/json_mapping.hpp"

namespace kairos::core {

void to_json(nlohmann::json& j, const Reason& r) {
  j = {{"code", r.code}, {"detail", r.detail}};
  if (!r.host.empty()) j["host"] = r.host;
  if (!r.room.empty()) j["room"] = r.room;
  if (!r.booking.empty()) j["booking"] = r.booking;
  if (!r.proposal.empty()) j["proposal"] = r.proposal;
  if (r.busy) j["busy"] = {{"start", r.busy->start}, {"end", r.busy->end}};
  if (r.limit > 0) {
    j["count"] = r.count;
    j["limit"] = r.limit;
  }
}

void to_json(nlohmann::json& j, const StartExplanation& x) {
  j = {{"start", x.when.start}, {"end", x.when.end}, {"available", x.available}};
  if (!x.host.empty()) j["host"] = x.host;
  if (!x.room.empty()) j["room"] = x.room;
  j["reasons"] = x.reasons;
}

}  // namespace kairos::core
