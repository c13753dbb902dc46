// Host-proposed times, "coordination appointments" (seed 000, SPEC R-PROP-*): a host
// offers several candidate times (and candidate rooms) to one or more guests; every
// candidate is held as tentative busy time until the guest chooses one, which becomes a
// normal booking with one free room, or asks for other times, which deletes the
// proposal. Also here: the change detection of R-PROP-6 for edits of a confirmed visit,
// and the reception code of R-PROP-7. The core has no RNG and no clock: the random value
// for a code and `now` are parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/notify.hpp"
#include "kairos/result.hpp"
#include "kairos/slots.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

enum class ProposalState : std::uint8_t { open, chosen, withdrawn };
const char* to_string(ProposalState s);
Result<ProposalState> parse_proposal_state(std::string_view text);  // "invalid_state"

struct ProposalGuest {
  std::string name;
  std::string company;
  std::string email;
  std::string language;  // empty = the proposal's language
  friend bool operator==(const ProposalGuest&, const ProposalGuest&) = default;
};

struct Proposal {
  std::string id;
  std::string page_id;
  std::string event_type_id;
  std::vector<std::string> host_ids;     // first = responsible host
  std::vector<Interval> candidates;
  std::vector<std::string> room_ids;     // candidate rooms; empty = no room needed
  std::vector<ProposalGuest> guests;     // at least one
  std::string message;                   // guidance to the guests, shown in every mail
  std::string location;                  // the office the guests come to
  bool send_mail = true;                 // false: "no scheduling mail" (codes only)
  Visibility visibility = Visibility::public_;
  std::string language = "en";
  ProposalState state = ProposalState::open;
  std::string readjust_message;          // the guest's words when asking for other times
  friend bool operator==(const Proposal&, const Proposal&) = default;
};

// A room already taken at some time (by another booking or a calendar event).
struct RoomBusy {
  std::string room_id;
  Interval when;
};

// Checks a new proposal: "missing_field" (no host, no candidate, no guest),
// "invalid_interval" (an empty candidate), "candidate_in_past" (a candidate starting
// before now), "duplicate_candidate", "invalid_email" (a guest's address).
Status validate_proposal(const Proposal& p, Instant now);

// Whether every candidate is still free when the proposal is made: for its hosts, no
// busy block and no booking (either side's buffers count: the event type's around the
// candidate, each booking's around itself) and no other proposal's hold; when rooms
// are proposed, at least one of them without booking, hold or busy time. `inputs`
// carries the proposal's hosts and rooms (its policy: the event type's buffers).
// Error "candidate_taken" (field "candidates[i]").
Status check_candidates(const Proposal& p, const AvailabilityInputs& inputs);

// One hold per candidate while the proposal is open, none otherwise: the slot engine's
// Hold (slots.hpp), id "<proposal id>#<candidate index>", blocking the proposal's hosts
// and candidate rooms. When the guest chooses, the server re-checks the start with
// check_booking(..., BookingRequest{.ignore_hold_id = that hold's id}).
std::vector<Hold> proposal_holds(const Proposal& p);

// The invitation mails when the proposal is created with send_mail (buttons: Choose,
// Ask for other times); nothing in "no scheduling mail" mode.
std::vector<PlannedMessage> plan_proposal_invites(const Proposal& p, Instant now);

struct ChooseOutcome {
  Proposal proposal;                       // state chosen
  Booking booking;                         // approved, room assigned, reception code set
  std::vector<std::string> released_hold_ids;  // every hold of the proposal
  std::vector<PlannedMessage> messages;    // completion mails, always (R-PROP-4), + reminders
  std::string calendar_title;              // "Visit: [company]: [name]" in the proposal language
};

// The candidate of `p` that starts at `start`, or nullopt: the time a choice of `start`
// books, whose room bookings the caller loads for choose_candidate.
std::optional<Interval> candidate_at(const Proposal& p, Instant start);

// The guest picks the candidate that starts at `start`. The first candidate room free
// for the whole candidate (per `room_busy`) is reserved. Errors: "proposal_closed",
// "not_a_candidate", "candidate_in_past", "room_unavailable" (rooms asked, none free).
// `booking_uid` and `random` (for the reception code) come from the caller.
Result<ChooseOutcome> choose_candidate(const Proposal& p, Instant start, const std::vector<RoomBusy>& room_busy,
                                       Instant now, const std::string& booking_uid, std::uint64_t random,
                                       const NotificationSettings& settings);

struct ReadjustOutcome {
  Proposal proposal;                       // state withdrawn (the proposal is deleted)
  std::vector<std::string> released_hold_ids;
  std::vector<PlannedMessage> messages;    // "important" mail to each host, quoting `message`
};

// The guest asks for other times (R-PROP-5), optionally with a message to the host,
// which the withdrawn proposal keeps (readjust_message) and the host's mail quotes.
// Each host's mail is in their own language (settings; the proposal's when none).
// Error: "proposal_closed".
Result<ReadjustOutcome> ask_other_times(const Proposal& p, Instant now, const NotificationSettings& settings,
                                        const std::string& message = {});

// The host withdraws an open proposal (DELETE /v1/admin/proposals/{id}): its holds go.
// Error: "proposal_closed" when it is no longer open.
Result<Proposal> withdraw_proposal(const Proposal& p);

// The state staff see: "expired" for an open proposal whose every candidate has
// started (nobody can choose one any more), else the stored state.
std::string visible_state(const Proposal& p, Instant now);

// The edits of a confirmed visit that matter to the guests (R-PROP-6).
struct ChangeSet {
  bool date = false;           // the day of the visit (in the zone given)
  bool start = false;          // the start time of day
  bool end = false;            // the end time of day
  bool office = false;
  bool hosts_added = false;
  bool hosts_removed = false;
  bool guest_email = false;    // an existing guest's address changed
  bool guest_added = false;    // a new guest (name, company, e-mail)
  bool guidance = false;
  bool any() const;
  std::vector<std::string> names() const;  // "date", "start", ... in this order
  friend bool operator==(const ChangeSet&, const ChangeSet&) = default;
};

// Compares two versions of a booking. Dates and times of day are read on the zone's
// wall clock. Guests are matched by position (guest, then other_guests): a changed
// address at an existing position is guest_email, an extra position is guest_added.
ChangeSet detect_changes(const Booking& before, const Booking& after, const ZoneRules& zone);

struct EditOutcome {
  Booking booking;
  ChangeSet changes;
  std::vector<PlannedMessage> messages;    // update mails when notify and changes.any()
  std::vector<std::string> cancel_key_prefixes;  // reminders re-planned when the time moved
};

// Saves an edit of a confirmed visit. When `notify_guests` (the host's answer to "send
// an update mail?") and something in ChangeSet changed, every guest gets an update mail
// ("booking.updated.guest"). Errors: "immutable_field" (send_mail or visibility
// changed, R-PROP-8), "illegal_transition" (the booking is not active),
// "invalid_interval".
Result<EditOutcome> edit_booking(const Booking& before, const Booking& after, bool notify_guests, Instant now,
                                 const NotificationSettings& settings, const ZoneRules& zone);

// A reception code: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L,
// 2/Z, 5/S, 8/B, U/V), derived from a caller-supplied random value.
std::string reception_code(std::uint64_t random);
inline constexpr std::string_view reception_code_alphabet = "34679ACDEFGHJKMNPQRTWXY";

// Check-in is valid from 6 h before the start to 6 h after the end (R-PROP-7), for an
// active booking with a code.
Interval checkin_window(const Booking& b);
bool checkin_valid(const Booking& b, Instant now);

}  // namespace kairos::core
