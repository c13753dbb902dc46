// Owner configuration documents: the request readers and stored documents of wire/
// (documents.hpp) with the checks only the server can make (zones, the account's ids).
#include "documents.hpp"

#include "front.hpp"
#include "zone_cache.hpp"

namespace kairos::server {

using nlohmann::json;

core::Result<wire::HostDocument> host_from_request(const json& in, ZoneCache& zones) {
  return wire::read_host_request(in, [&](const std::string& tz) { return static_cast<bool>(zones.get(tz)); });
}

core::Result<wire::PageDocument> page_from_request(const json& in, store::Store& store, const std::string& account_id) {
  return wire::read_page_request(
      in,
      [&](const std::string& id) {
        auto h = store.host(id);
        return h && h->account_id == account_id;
      },
      [&](const std::string& id) {
        auto r = store.room(id);
        return r && r->account_id == account_id;
      });
}

wire::HostDocument stored_host(const store::HostRecord& h) {
  return read_stored(h.doc, wire::read_host_document, "host " + h.id);
}

wire::PageDocument stored_page(const store::PageRecord& p) {
  return read_stored(p.doc, wire::read_page_document, "page " + p.id);
}

json public_page(const wire::PageDocument& page, store::Store& store, std::string_view language) {
  std::vector<wire::PublicHost> hosts;
  for (const auto& id : page.hosts)
    if (auto h = store.host(id)) {
      const wire::HostDocument d = stored_host(*h);
      hosts.push_back({h->id, d.name, d.timezone});
    }
  const auto location = [&](const std::string& id) -> std::optional<core::Location> {
    auto loc = store.token_doc("location", id);
    if (!loc || loc->state != "live") return std::nullopt;
    return location_from(*loc);
  };
  return wire::public_page_view(page, hosts, location, language);
}

json public_page(const store::PageRecord& page, store::Store& store, std::string_view language) {
  return public_page(stored_page(page), store, language);
}

}  // namespace kairos::server
