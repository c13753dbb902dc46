// The booking service: the adapters between stored records and the core's values
// (pages → AvailabilityInputs, records ↔ core::Booking), and the write paths that must
// re-run the core inside one store transaction (create, reschedule, approve, edit,
// lifecycle actions, automatic completion). Every rule is the core's; this file only
// loads inputs, calls the core, stores what it returns and plans its messages.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app.hpp"
#include "kairos/booking.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/lifecycle.hpp"
#include "kairos/notify.hpp"
#include "kairos/proposal.hpp"
#include "kairos/slots.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/office.hpp"

namespace kairos::server {

// Stored proposals and confirmation requests are wire/'s documents (kairos/wire/
// office.hpp). Reading one that does not read back throws (stored.hpp): a store fault is
// never the caller's, so it answers 500 corrupt_document and is logged.
core::Proposal proposal_from(const store::TokenDoc& stored);
core::ConfirmationRequest request_from(const store::TokenDoc& stored);
// The same for a document already parsed (routes_console.cpp's listings).

// 64 bits from OpenSSL's CSPRNG: the random input of reception codes (the core has no RNG).
std::uint64_t random_u64();

// A page and one of its event types, ready for the core.
struct PageContext {
  store::PageRecord page;
  wire::PageDocument doc;
  wire::PageEventType event_type;
  core::EventPolicy policy;
  core::HostMode mode = core::HostMode::any;
  std::vector<core::Host> hosts;          // zones filled from the cache
  std::vector<wire::HostDocument> host_docs;  // for names, zones, addresses (as `hosts`)
  bool enabled = true;                    // false: offers nothing, refuses bookings
};

// Errors: page_not_found (404), unknown_event_type (422, field "event_type").
core::Result<PageContext> load_page_context(App& app, const std::string& page_id, const std::string& event_type);
// The same, shared and never to be modified: parsed once per store config generation
// (Store::config_generation: any host or page write, committed, makes a new one), so a
// booking or an uncached slot answer does not parse the page and host documents again.
// Stores that cannot tell (PostgreSQL) and the writer's transactions after an
// uncommitted host or page write load afresh.
core::Result<std::shared_ptr<const PageContext>> shared_page_context(App& app, const std::string& page_id,
                                                                     const std::string& event_type);

// Holds the page contexts, and the open proposals' holds (sorted by start) parsed once
// per Store::proposals_generation: a booking check no longer parses every open proposal.
class PageContextCache {
 public:
  using Holds = std::shared_ptr<const std::vector<core::Hold>>;
  std::shared_ptr<const PageContext> get(const std::string& key, std::uint64_t generation);
  void put(const std::string& key, std::uint64_t generation, std::shared_ptr<const PageContext> ctx);
  Holds holds(std::uint64_t generation);
  void put_holds(std::uint64_t generation, Holds holds);

 private:
  struct Entry {
    std::uint64_t generation = 0;
    std::shared_ptr<const PageContext> ctx;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::uint64_t holds_generation_ = 0;
  Holds holds_;
};

// Every open proposal's holds, sorted by start (cached, see PageContextCache).
PageContextCache::Holds open_proposal_holds(App& app);

// The core's inputs for `range`: stored bookings and proposal holds of the page's hosts
// and rooms around it (wide enough for per-week limits), the hosts' busy blocks, `now`.
// With `overlaps_only`, only the bookings and holds that can overlap a slot of `range`
// (enough when no limit counts bookings and no choice among hosts weighs their weeks;
// `range` is then the slot, and the store may leave out bookings its buffers clear).
core::AvailabilityInputs build_inputs(App& app, const PageContext& ctx, core::Interval range, core::Instant now,
                                      bool overlaps_only = false);

core::NotificationSettings settings_for(const PageContext& ctx);
// Each host's own language and SMS choice from their stored documents.
void add_host_preferences(App& app, core::NotificationSettings& s, const std::vector<std::string>& host_ids);

core::Booking to_core(const store::BookingRecord& r);
store::BookingRecord to_record(const core::Booking& b, const std::string& account_id, const std::string& token_hash);
// The API view of a booking (wire::booking_view); with `app`, also its latest confirmation
// request {id, state}.
nlohmann::json booking_json(const core::Booking& b, App* app = nullptr);

// Stores the core's planned messages for `b` (recipients resolved) after cancelling the
// scheduled ones matching `cancel_prefixes`. Call inside the transaction of the change.
// `gone`: the appointment of a booking that is being deleted, which the message must
// still show (wire::MessagePayload).
// `ctx`: the booking's page, whose host documents give the hosts' addresses (else read).
void plan_messages(App& app, const std::string& account_id, const core::Booking& b,
                   const std::vector<core::PlannedMessage>& messages, const std::vector<std::string>& cancel_prefixes,
                   const std::optional<wire::GoneAppointment>& gone = std::nullopt, const PageContext* ctx = nullptr);

// A new booking of `ctx` at the core's assignment `a`: the draft a guest's booking and
// one staff enter for a caller both start from (fresh uid, the event type's location,
// a reception code when a room is held). The caller adds guest and notes.
// The "guest" of a new booking's body (wire::read_guest_request) with a zone the tz
// database has: the guest's own booking and one staff enter for a caller read it alike.
core::Result<core::Guest> read_booking_guest(App& app, const nlohmann::json& body);
core::Booking new_booking_draft(const PageContext& ctx, const core::Assignment& a, core::Instant now);
// Stores a booking the core just created (with its buffers), plans its messages and
// emits its events, inside the caller's transaction. Returns the creation answer
// {uid, status, start, end, host, hosts, token, room?, checkin_code?}.
nlohmann::json store_created_booking(App& app, const PageContext& ctx, const core::Booking& b,
                                     const std::vector<core::PlannedMessage>& messages,
                                     const std::vector<std::string>& cancel_prefixes, core::Instant now);

struct Created {
  int status = 201;
  std::string body;  // the JSON answer (also what an Idempotency-Key repeat returns)
};

// POST /v1/bookings. `idempotency_key` may be empty. `done` gets the answer: at once for
// a refused request, else after the booking's group commit is durable (on SQLite from
// the store's completion thread; the caller's thread is not held meanwhile).
void create_booking(App& app, const nlohmann::json& body, const std::string& idempotency_key,
                    const std::string& body_hash, std::function<void(core::Result<Created>)> done);

// A lifecycle action on a stored booking, by guest (token checked by the caller) or host.
// Reschedule (and approve) re-run check_booking against fresh inputs.
core::Result<core::Booking> act_on_booking(App& app, const std::string& uid, core::BookingAction action,
                                           core::Actor actor, std::optional<core::Instant> new_start,
                                           const std::string& reason);

// Keeps confirmation requests in step with a booking (R-REQ-2/3): inside the hold a
// deleted booking cancels the held mail; after sending, recipients get an update or a
// cancellation mail. `gone`: deleted, cancelled or rejected. Call inside the
// transaction of the change.
void requests_follow_booking(App& app, const std::string& account_id, const core::Booking& b, bool gone);

// One pass of automatic completion; returns how many bookings were completed.
std::size_t complete_ended_bookings(App& app);

}  // namespace kairos::server
