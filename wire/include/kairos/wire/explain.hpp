// JSON of the slot engine's explanations (GET /v1/admin/pages/{page}/explain):
//   StartExplanation {"start", "end", "available", "host"?, "room"?, "reasons": [Reason]}
//   Reason           {"code", "detail", "host"?, "room"?, "booking"?, "proposal"?,
//                     "busy"?: {"start", "end"}, "count"?, "limit"?}
// Empty fields are left out.
#pragma once

#include <nlohmann/json.hpp>

#include "kairos/explain.hpp"

namespace kairos::core {

void to_json(nlohmann::json& j, const Reason& r);
void to_json(nlohmann::json& j, const StartExplanation& x);

}  // namespace kairos::core
