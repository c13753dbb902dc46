// Validation of the owner's configuration documents (hosts, pages) as the API accepts
// them. Only shapes and references are checked here (formats through the wire readers,
// ids against the account's own hosts and rooms); what the values mean for scheduling is
// the core's business once the slot engine reads them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kairos/result.hpp"
#include "store/store.hpp"

namespace kairos::server {

class ZoneCache;

// {name, email, timezone, weekly_hours?, overrides?, busy?} → the normalised document.
core::Result<nlohmann::json> normalize_host(const nlohmann::json& in, ZoneCache& zones);

// A page body; host and room ids must belong to `account_id`.
core::Result<nlohmann::json> normalize_page(const nlohmann::json& in, store::Store& store,
                                            const std::string& account_id);

// The public view of a page (no e-mail addresses, no internal ids beyond event types).
// Owner content (names, descriptions) in `language`, else the page's; as stored (string
// or language map) when `language` is empty.
nlohmann::json public_page(const nlohmann::json& page, store::Store& store, std::string_view language = {});

bool valid_public_id(const std::string& id);

}  // namespace kairos::server
