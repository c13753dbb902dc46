// The persistence boundary of the server. Handlers and services talk to this interface
// only. Two implementations: sqlite_store.cpp (embedded, one file) and
// postgres/pg_store.cpp (several instances on one database); open.hpp picks one by the
// --db value. A new operation needs both, a migration for each
// (migrations/ and postgres/migrations/), and a case in tests/store, which runs the
// same tests on both. Configuration objects (hosts, pages, proposals, …) are stored as
// the JSON documents the API accepted, beside the indexed columns queries need; the
// core never sees the store, only the values services build from these records.
//
// Values are typed: times are core::Instant / core::Interval and a booking's status is
// core::BookingStatus; only the implementations turn them into the columns (unix
// seconds, status words), so no caller does that arithmetic or spelling itself.
//
// Contract for writes that must re-check the core (booking creation, rescheduling,
// proposal choice, approval): run them inside transact(), and read the calendars they
// check through busy_bookings() inside it. SQLite holds its single writer; PostgreSQL
// locks each host and room that busy_bookings() reads until commit (other instances
// included). Either way, what the check read stays current until the commit; transact()
// returns after the commit is durable, or rolls back when the callback fails or throws.
// PostgreSQL may run the callback again after a deadlock, so it must not have effects
// outside the store.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar_generations.hpp"
#include "kairos/booking.hpp"
#include "kairos/result.hpp"
#include "kairos/slots.hpp"
#include "kairos/time.hpp"

namespace kairos::server::store {

// Where an outbox message is: waiting for its time (and delivery), delivered, given up
// on, or withdrawn before it went out.
enum class OutboxState : std::uint8_t { scheduled, sent, failed, cancelled };
inline const char* to_string(OutboxState s) {
  switch (s) {
    case OutboxState::scheduled: return "scheduled";
    case OutboxState::sent: return "sent";
    case OutboxState::failed: return "failed";
    case OutboxState::cancelled: return "cancelled";
  }
  return "scheduled";
}
// nullopt for any other word (a corrupt row; the API's filter answers 422).
inline std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (auto s : {OutboxState::scheduled, OutboxState::sent, OutboxState::failed, OutboxState::cancelled})
    if (text == to_string(s)) return s;
  return std::nullopt;
}
// The order of an outbox list (Store::outbox).
enum class OutboxOrder : std::uint8_t { oldest, newest };

struct HostRecord {
  std::string id, account_id;
  std::string doc;  // {name, email, timezone, weekly_hours?, overrides?, busy?}
};

struct RoomRecord {
  std::string id, account_id, name;
};

struct PageRecord {
  std::string id, account_id;
  std::string doc;  // the page as accepted by POST/PUT /v1/admin/pages
};

struct BookingRecord {
  std::string uid, account_id, page_id, event_type;
  std::string host_id;                // the responsible host
  std::vector<std::string> host_ids;  // every host that attends (host_id first)
  std::string room_id;                // empty when none
  core::Interval when;
  core::BookingStatus status = core::BookingStatus::pending;
  std::string token_hash;
  std::string guest_name, guest_email, guest_phone;
  std::string checkin_code;
  std::int64_t buffer_before_min = 0, buffer_after_min = 0;  // the event type's buffers when booked
  std::string doc;                    // guest object, notes, history: JSON (empty from busy_bookings)
  core::Instant created_at, updated_at;
  // Starts at 1 and grows with every update_booking: edits name the version they saw
  // (If-Match) and a stale one is refused (409 edit_conflict) instead of overwriting.
  std::int64_t version = 1;
};

struct BookingQuery {
  std::string account_id;
  std::optional<core::Instant> from, to;  // bookings overlapping [from, to)
  std::optional<core::BookingStatus> status;
  std::string host, q;                    // q: name, e-mail or phone (substring)
  std::string tray;                      // "declined": that tray only; "" = any
  std::size_t limit = 500;
};

struct OutboxMessage {
  std::int64_t id = 0;
  std::string account_id, booking_uid;
  std::string key;           // the core's PlannedMessage key
  std::string template_key;  // e.g. "booking.approved.guest"
  std::string channel;       // mail | sms
  std::string recipient;     // resolved e-mail address or phone number
  core::Instant send_at;
  OutboxState state = OutboxState::scheduled;
  std::string payload;       // JSON: role, language, actions, important, …
  core::Instant created_at;
  std::optional<core::Instant> handed_off_at;  // when the scheduler released it to delivery
  int attempts = 0;                            // delivery attempts so far
  std::string last_error;                      // the last delivery failure, for staff
  std::optional<core::Instant> sent_at;
};

struct IdempotencyRecord {
  std::string body_hash;
  int status = 0;
  std::string response;
};

// A console login of an account (owner or staff); the e-mail is unique server-wide.
struct StaffRecord {
  std::string id, account_id, email, name, role, host_id, language;
  std::string password_hash;  // Argon2id string; empty while the invitation is open
  core::Instant created_at, updated_at;
};

struct SessionRecord {
  std::string token_hash, staff_id, account_id;
  core::Instant created_at, expires_at;
};

struct ApiKeyRecord {
  std::string id, account_id, name, key_hash;
  core::Instant created_at;
};

struct TokenDoc {  // proposals and confirmation requests
  // state: the word of the kind's own state (core::ProposalState, RequestState,
  // InquiryState, …), which the services parse with the document.
  std::string id, account_id, token_hash, kind, state;
  std::string doc;
  core::Instant created_at, updated_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs fn in one write transaction (BEGIN IMMEDIATE on the single writer). Commits
  // when fn returns ok, rolls back otherwise; returns fn's status.
  virtual core::Status transact(const std::function<core::Status()>& fn) = 0;
  // The same without holding the caller: fn runs later in a write transaction and `done`
  // gets its status (or the exception it threw, or the commit's) once the commit is
  // durable. SQLite runs fn on its writer thread (group commit: one fsync for every
  // transaction queued meanwhile) and calls `done` on a completion thread; fn must not
  // wait for other threads. By default (PostgreSQL) this is transact() on the caller's
  // thread, then `done`.
  using Done = std::function<void(core::Status status, std::exception_ptr error)>;
  virtual void transact_async(std::function<core::Status()> fn, Done done) {
    std::exception_ptr error;
    core::Status st = core::ok_status();
    try {
      st = transact(fn);
    } catch (...) {
      error = std::current_exception();
    }
    done(std::move(st), error);
  }
  // The same; jobs with one key (a booking's page) are kept on one writer where the
  // store has several (PostgreSQL), so they do not wait for each other's locks.
  virtual void transact_async_keyed(const std::string& /*key*/, std::function<core::Status()> fn, Done done) {
    transact_async(std::move(fn), std::move(done));
  }
  // A number that changes whenever any write commits (for response caches).
  virtual std::uint64_t generation() const = 0;
  // A number that changes whenever a host or page is written (put_host, put_page,
  // delete_page): what is derived from those documents alone may be cached under it.
  // nullopt while such a write is not yet committed (the writer's own transactions
  // must read their uncommitted state) and when the store cannot tell (the default:
  // other instances write too), so then nothing is cached.
  virtual std::optional<std::uint64_t> config_generation() const { return std::nullopt; }
  // The same for open proposals (token documents of kind "proposal", whose holds every
  // booking check reads): changes whenever one is written or deleted.
  virtual std::optional<std::uint64_t> proposals_generation() const { return std::nullopt; }
  // Counters per host, room and page (calendar_generations.hpp) that slot answers are
  // cached under; nullptr: the store cannot tell, use generation().
  virtual const CalendarGenerations* calendar_generations() const { return nullptr; }
  // Commits and the transactions they carried (group commit: transactions >= commits).
  struct CommitStats {
    std::uint64_t commits = 0, transactions = 0;
  };
  virtual CommitStats commit_stats() const = 0;

  // Accounts and API keys (only hashes are stored).
  virtual std::optional<std::string> account_for_key(const std::string& key_hash) = 0;
  virtual std::string ensure_account_with_key(const std::string& key_hash, const std::string& name,
                                              const std::string& new_id) = 0;
  // The account's display name: the sender name of its mails.
  virtual std::optional<std::string> account_name(const std::string& account_id) = 0;
  virtual void set_account_name(const std::string& account_id, const std::string& name) = 0;

  // A named server secret, created from `fresh` on first use and stable afterwards.
  virtual std::string secret(const std::string& name, const std::string& fresh) = 0;
  // Marks a signed link's nonce used; false when it was used before (single use).
  virtual bool use_link(const std::string& nonce, const std::string& purpose, const std::string& subject,
                        core::Instant now) = 0;
  // Whether a signed link's nonce has been used (a GET shows "already used").
  virtual bool link_used(const std::string& nonce) = 0;

  virtual void put_host(const HostRecord& h) = 0;
  virtual std::optional<HostRecord> host(const std::string& id) = 0;
  virtual std::vector<HostRecord> hosts(const std::string& account_id) = 0;

  virtual void put_room(const RoomRecord& r) = 0;
  virtual std::optional<RoomRecord> room(const std::string& id) = 0;
  virtual std::vector<RoomRecord> rooms(const std::string& account_id) = 0;
  virtual bool delete_room(const std::string& account_id, const std::string& id) = 0;

  virtual void put_page(const PageRecord& p) = 0;
  virtual std::optional<PageRecord> page(const std::string& id) = 0;  // live pages only
  virtual bool page_id_taken(const std::string& id) = 0;              // also deleted ones
  virtual bool delete_page(const std::string& account_id, const std::string& id) = 0;
  virtual std::vector<PageRecord> pages(const std::string& account_id) = 0;

  virtual void insert_booking(const BookingRecord& b) = 0;
  virtual void update_booking(const BookingRecord& b) = 0;
  virtual bool delete_booking(const std::string& uid) = 0;
  virtual std::optional<BookingRecord> booking(const std::string& uid) = 0;
  virtual std::optional<BookingRecord> booking_by_checkin(const std::string& code) = 0;
  virtual std::vector<BookingRecord> bookings(const BookingQuery& q) = 0;
  // Live (core::is_active) bookings of these hosts or rooms overlapping `range`, without
  // their documents (the hot path of every booking check).
  virtual std::vector<BookingRecord> busy_bookings(const std::vector<std::string>& host_ids,
                                                   const std::vector<std::string>& room_ids,
                                                   core::Interval range) = 0;
  // The live bookings that can conflict with a new booking at `slot` whose buffers are
  // `before` and `after` (maybe more): by the core's rule, a host's booking whose time
  // overlaps the buffered slot or whose time with its own buffers overlaps the slot, a
  // room's booking overlapping the slot. Inside transact() as busy_bookings (the same
  // locks). By default every booking within the longest buffer (core::conflict_span).
  virtual std::vector<BookingRecord> conflicting_bookings(const std::vector<std::string>& host_ids,
                                                          const std::vector<std::string>& room_ids, core::Interval slot,
                                                          core::Minutes /*before*/, core::Minutes /*after*/) {
    return busy_bookings(host_ids, room_ids, core::conflict_span(slot));
  }
  // Bookings in one of `statuses` that ended at or before `before`.
  virtual std::vector<BookingRecord> bookings_ended(const std::vector<core::BookingStatus>& statuses,
                                                    core::Instant before, std::size_t limit) = 0;
  virtual std::vector<std::pair<core::BookingStatus, std::int64_t>> booking_counts_by_status() = 0;

  virtual std::optional<IdempotencyRecord> idempotency(const std::string& scope, const std::string& key) = 0;
  virtual void put_idempotency(const std::string& scope, const std::string& key, const IdempotencyRecord& r,
                               core::Instant now) = 0;

  // Stores a scheduled message; a scheduled one with the same booking and key is cancelled.
  virtual std::int64_t add_outbox(const OutboxMessage& m) = 0;
  // add_outbox for each, in order (a booking's planned messages); PostgreSQL writes a new
  // booking's messages in one statement.
  virtual void add_outbox_all(const std::vector<OutboxMessage>& ms) {
    for (const auto& m : ms) add_outbox(m);
  }
  // The account's messages (of one booking/owner when booking_uid is set), at most 1000:
  // oldest first with ids above `cursor`, or newest first (what staff read: the latest
  // on top) with ids below it (0 = from the newest). Callers page with the last id seen.
  virtual std::vector<OutboxMessage> outbox(const std::string& account_id, const std::string& booking_uid,
                                            std::int64_t cursor = 0, OutboxOrder order = OutboxOrder::oldest) = 0;
  // Hand-off: scheduled messages whose send_at has come get handed_off_at = now.
  virtual std::size_t release_due_outbox(core::Instant now) = 0;
  // Cancels the booking's scheduled messages whose key starts with `key_prefix`.
  virtual std::size_t cancel_outbox_for(const std::string& booking_uid, const std::string& key_prefix) = 0;
  virtual std::int64_t outbox_depth() = 0;  // scheduled, not yet sent
  // One outbox row by id (a bounce names its message); nullopt when unknown.
  virtual std::optional<OutboxMessage> outbox_message(std::int64_t /*id*/) { return std::nullopt; }

  // Staff logins, sessions, named API keys and failed-login counters (0005).
  // put_staff inserts or updates by id; false when another login has the e-mail.
  virtual bool put_staff(const StaffRecord& s) = 0;
  virtual std::optional<StaffRecord> staff(const std::string& id) = 0;
  virtual std::optional<StaffRecord> staff_by_email(const std::string& email) = 0;
  virtual std::vector<StaffRecord> staff_of(const std::string& account_id) = 0;
  // Deletes the login and its sessions.
  virtual bool delete_staff(const std::string& account_id, const std::string& id) = 0;
  virtual void put_session(const SessionRecord& s) = 0;
  virtual std::optional<SessionRecord> session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void delete_sessions_of(const std::string& staff_id) = 0;
  virtual void add_api_key(const ApiKeyRecord& k) = 0;
  virtual std::vector<ApiKeyRecord> api_keys(const std::string& account_id) = 0;
  virtual bool delete_api_key(const std::string& account_id, const std::string& id) = 0;
  // Failed logins under `key` (0 after a success or when none) and when the last one
  // was; record_login_failure adds one, reset clears them.
  virtual std::pair<int, core::Instant> login_failures(const std::string& key) = 0;
  virtual void record_login_failure(const std::string& key, core::Instant now) = 0;
  virtual void reset_login_failures(const std::string& key) = 0;

  virtual void put_token_doc(const TokenDoc& d) = 0;
  virtual std::optional<TokenDoc> token_doc(const std::string& kind, const std::string& id) = 0;
  virtual std::optional<TokenDoc> token_doc_by_token(const std::string& kind, const std::string& token_hash) = 0;
  virtual std::vector<TokenDoc> token_docs(const std::string& kind, const std::string& state) = 0;
  virtual bool delete_token_doc(const std::string& kind, const std::string& id) = 0;
  // The account's documents of one kind, newest first (the console's lists).
  virtual std::vector<TokenDoc> token_docs_of(const std::string& kind, const std::string& account_id) = 0;
};

// Opens (creating if needed) the SQLite database at `path`, applies pending migrations.
// Throws std::runtime_error when the file cannot be opened or migrated.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

// Embedded migration files: (version, sql), ascending.
const std::vector<std::pair<int, std::string>>& migrations();

}  // namespace kairos::server::store
