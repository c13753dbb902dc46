// The owner's configuration documents (hosts, pages) as the API accepts them and as the
// store keeps them. Shapes, formats and stored JSON are wire/'s (kairos/wire/documents.hpp);
// here are the checks only the server can make: a zone exists, host and room ids belong
// to the account. A stored document that does not read back throws (stored.hpp: 500
// `corrupt_document`, logged).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kairos/result.hpp"
#include "kairos/wire/documents.hpp"
#include "store/store.hpp"
#include "stored.hpp"

namespace kairos::server {

class ZoneCache;

// {name, email, timezone, weekly_hours?, overrides?, busy?, …} → the host document.
core::Result<wire::HostDocument> host_from_request(const nlohmann::json& in, ZoneCache& zones);

// A page body; host and room ids must belong to `account_id`.
core::Result<wire::PageDocument> page_from_request(const nlohmann::json& in, store::Store& store,
                                                   const std::string& account_id);

// A stored text read back once with a wire/ reader (wire::read_stored_text); a Fault
// (500 corrupt_document) naming `what` (kind and id) when it does not read.
template <class Reader>
auto read_stored(std::string_view text, Reader&& reader, const std::string& what) {
  return loud(wire::read_stored_text(text, reader, what), what);
}

// A stored host or page read back once.
wire::HostDocument stored_host(const store::HostRecord& h);
wire::PageDocument stored_page(const store::PageRecord& p);

// The public view of a page (wire::public_page_view): its hosts' names and zones, and an
// event type's location id shown as the office.
nlohmann::json public_page(const wire::PageDocument& page, store::Store& store, std::string_view language = {});
nlohmann::json public_page(const store::PageRecord& page, store::Store& store, std::string_view language = {});

using wire::valid_public_id;

}  // namespace kairos::server
