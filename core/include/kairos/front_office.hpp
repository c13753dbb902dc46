// The front office's rules (seed 004, a clinic's reservation-mail manual; seed 000's
// reception): inquiries and their states, the "awaiting reply → unconverted next day"
// rule and the daily report, how a guest is found by name or phone, delivery-status
// reports (bounces) and the texts of the front office's mails. Pure: the server and the
// widget call these with values; nothing here reads a clock, a store or the network.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/booking.hpp"  // Guest
#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

// --- inquiries (R-INQ-1, R-INQ-2) ---------------------------------------------------

// A plain question (seed 004 "A") or a wish for a time that is not offered ("B").
enum class InquiryKind : std::uint8_t { question, booking_request };
const char* to_string(InquiryKind k);
Result<InquiryKind> parse_inquiry_kind(std::string_view text);  // "invalid_kind"

// new → (staff reply) awaiting_reply → (guest books) converted; awaiting_reply after the
// next local day → unconverted; any open one may be closed (spam, vendor mail) and a
// closed or unconverted one reopened.
enum class InquiryState : std::uint8_t { new_, awaiting_reply, converted, closed, unconverted };
const char* to_string(InquiryState s);
Result<InquiryState> parse_inquiry_state(std::string_view text);  // "invalid_state"

enum class InquiryEvent : std::uint8_t { reply, convert, close, reopen, expire };
// The state after `e`, or "illegal_transition" (converted is final).
Result<InquiryState> next_inquiry_state(InquiryState from, InquiryEvent e);
// The event staff use to set a state directly (closed → close, new → reopen); the
// others are reached by replying or converting ("illegal_transition").
Result<InquiryEvent> event_to_reach(InquiryState target);

struct InquiryInput {
  InquiryKind kind = InquiryKind::question;
  std::string name, email, phone, message;
  std::vector<Interval> wished_times;
};

// Validates a guest's inquiry like a booking: name 1–200, e-mail through check_email
// ("invalid_email" with the "did you mean" suggestion in the message), phone digits and
// + - ( ) . space, message 1–5000 characters, a booking request names 1–10 wished
// times, each in the future, end after start, at most a day long. Returns the input
// trimmed and the e-mail normalised.
Result<InquiryInput> check_inquiry(InquiryInput in, Instant now);

// "After the next day" (seed 004: the next day's evening shift reports yesterday's
// unanswered replies): an inquiry awaiting the guest's answer since local date D is
// unconverted from the start of local date D+2, and is reported under D+1.
bool inquiry_expired(LocalDate awaiting_since, LocalDate today);
LocalDate unconverted_on(LocalDate awaiting_since);

struct InquiryReportFacts {
  InquiryKind kind = InquiryKind::question;
  InquiryState state = InquiryState::new_;
  LocalDate received_on;                    // local date it arrived (the location's zone)
  std::optional<LocalDate> unconverted_on;  // set when it became unconverted
};
// Whether an inquiry belongs in the "did not lead to a booking" report of `date`: a
// booking request that became unconverted under that date, or a plain question received
// that day that did not lead to a booking (seed 004 "A": reported as such).
bool in_unconverted_report(const InquiryReportFacts& f, LocalDate date);

// Whether the daily report is due: the local time reached `at` today and today's report
// was not sent yet. With the local time taken from the zone's rules, a day with a DST
// change sends once at the chosen wall-clock time (in a gap: as soon as the clock has
// jumped past it).
bool report_due(LocalDateTime now_local, LocalTime at, std::optional<LocalDate> last_sent);

// The date a daily report covers when none is asked for: the local day before `today`
// (the mailed report at its time, and GET /v1/admin/reports/unconverted without a date).
LocalDate report_date(LocalDate today);

// --- the front office's records ------------------------------------------------------
// Plain values: the server stores them through wire/ (the only JSON mapping) and the
// rules below change them; nothing here knows how they are stored.

// Owner content written once, or once per language: location names and addresses, page
// and service names and descriptions (docs/API.md, "Owner content in several languages").
struct LocalizedText {
  std::string text;                               // used when by_language is empty
  std::map<std::string, std::string> by_language;  // language → text
  bool empty() const { return text.empty() && by_language.empty(); }
  // The text in `language`, else in `fallback` (the page's language), else in English,
  // else the first one (pick_language).
  std::string in(std::string_view language, std::string_view fallback = "en") const;
  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

// A store or office (issue 14 §1).
struct Location {
  std::string id, account;
  LocalizedText name, address;
  std::string phone;
  std::string timezone;  // IANA id, empty = the account's report zone
  friend bool operator==(const Location&, const Location&) = default;
};

// Seed 004's labels: by staff member, by location (given to web-form mail of that
// location automatically) and custom ones ("vendor", "needs the leader's check").
enum class LabelKind : std::uint8_t { staff, location, custom };
const char* to_string(LabelKind k);
Result<LabelKind> parse_label_kind(std::string_view text);  // "invalid_kind"

struct Label {
  std::string id, account;
  std::string name;
  LabelKind kind = LabelKind::custom;
  std::string color = "#6b7280";
  std::string staff;     // a staff label's host id (optional)
  std::string location;  // a location label's location id (optional)
  friend bool operator==(const Label&, const Label&) = default;
};
// Name 1–100 bytes ("invalid_name"), colour #RRGGBB ("invalid_color").
Status check_label(const Label& l);
// The labels an inquiry arriving for `location` gets by itself: that location's labels.
std::vector<std::string> automatic_labels(const std::vector<Label>& labels, std::string_view location);

struct InquiryHistoryEntry {
  Instant at;
  std::string event;  // "received", "replied", "converted", "closed", "new", "unconverted"
  std::string detail;
  friend bool operator==(const InquiryHistoryEntry&, const InquiryHistoryEntry&) = default;
};
struct InquiryReply {
  Instant at;
  std::string message;
  friend bool operator==(const InquiryReply&, const InquiryReply&) = default;
};
// A bounce of mail to the inquiry's guest, until the address is corrected.
struct DeliveryProblem {
  std::string address, status, bounce;
  friend bool operator==(const DeliveryProblem&, const DeliveryProblem&) = default;
};

struct Inquiry {
  std::string id, account;
  InquiryKind kind = InquiryKind::question;
  InquiryState state = InquiryState::new_;
  std::string page, location, language = "en";
  Guest guest;  // name, email, phone
  std::string message;
  std::vector<Interval> wished_times;
  std::vector<std::string> labels;
  std::string staff;  // the staff member (host id) handling it
  std::vector<InquiryReply> replies;
  std::vector<InquiryHistoryEntry> history;
  LocalDate received_on;                     // local date it arrived (the location's zone)
  std::optional<LocalDate> awaiting_since;   // local date of the last reply
  std::optional<LocalDate> unconverted_on;   // set when it became unconverted
  std::string booking;                       // the booking it was converted to
  std::optional<DeliveryProblem> delivery_problem;
  Instant created, updated;
  friend bool operator==(const Inquiry&, const Inquiry&) = default;
};

// An account's daily unconverted report: when (local time in `timezone`; none = not
// mailed), in which language, to whom, and the local date it was last sent.
struct ReportSettings {
  std::optional<LocalTime> report_time;
  std::string timezone = "UTC";
  std::string language = "en";
  std::vector<std::string> subscribers;
  std::optional<LocalDate> last_report;
  friend bool operator==(const ReportSettings&, const ReportSettings&) = default;
};

// A new inquiry from checked input: state new, one "received" history entry.
Inquiry new_inquiry(const InquiryInput& in, Instant now, LocalDate today);
// Moves `q` by `e` through next_inquiry_state and records it: history (reply →
// "replied", others → the new state's name, with `detail`), awaiting_since = `today`
// on a reply, unconverted_on on expiry, updated = `now`. "illegal_transition" changes
// nothing.
Status apply_inquiry_event(Inquiry& q, InquiryEvent e, Instant now, LocalDate today, std::string_view detail = {});
// The report facts of an inquiry.
InquiryReportFacts report_facts(const Inquiry& q);

// --- finding a guest (R-INQ-5) ------------------------------------------------------

// The text form names are compared in: full-width ASCII (Ａ, １) becomes ASCII,
// half-width katakana (ｶﾅ, ﾀﾞ) becomes full-width (カナ, ダ), the ideographic space a
// space; Latin letters (ASCII, Latin-1, Latin Extended-A) lower-case; runs of white
// space one space; trimmed. Invalid UTF-8 bytes are kept as they are.
std::string normalize_for_search(std::string_view text);
// True when `query` (normalised) occurs in `text` (normalised).
bool text_matches(std::string_view text, std::string_view query);
// The digits of a phone number (full-width digits count).
std::string phone_digits(std::string_view phone);
// A phone query matches a stored number by digits: "+81 90-1234-5678", "090 1234 5678"
// and "09012345678" are one number. A leading trunk 0 of either side is dropped and a
// query written with "+" may omit its 1–3 digit country code; at least 4 digits.
bool phone_matches(std::string_view stored, std::string_view query);

// --- bounces (R-INQ-4) --------------------------------------------------------------

// What a delivery-status notification (RFC 3464, as Postfix, Exim and Gmail send them)
// says, and which of our messages it is about.
struct DsnReport {
  bool is_report = false;          // a message/delivery-status part or DSN fields found
  bool failed = false;             // Action: failed, or a 5.x.x status
  std::string action;              // "failed", "delayed", "delivered", …
  std::string status;              // "5.1.1"
  std::string recipient;           // Final-Recipient (or Original-Recipient) address
  std::string diagnostic;          // Diagnostic-Code text
  std::optional<long long> message;  // our outbox id: from the VERP return path or Message-ID
};
// `verp_local` is the local part of the bounce address ("bounces"): the return path of
// outbox message 42 is "bounces+o42@domain". Message-IDs "outbox-42.…" match too.
DsnReport parse_dsn(std::string_view raw, std::string_view verp_local);
// The return path of outbox message `id` for the bounce address "local@domain".
std::string verp_address(std::string_view bounce_address, long long id);

// A mail that came back: a failed delivery report matched to its outbox message, kept
// for staff (the Bounces list, the booking's delivery problems) until they correct the
// address (R-INQ-4). The stored row holds id ("bnc_<message>"), account and state
// ("active", then "corrected").
struct BounceRecord {
  std::string id, account;
  std::string address;             // the recipient that failed
  long long message = 0;           // the outbox message
  std::string template_key;        // the message's template
  std::string status, diagnostic;  // from the report: "5.1.1", the remote server's words
  std::string error;               // "bounced: 5.1.1 …", as staff see it
  std::string booking, inquiry;    // whose mail it was (one, or neither)
  std::string guest_name, guest_phone;  // to reach the guest another way
  std::optional<std::string> suggestion;  // check_email's "did you mean" for the address
  Instant created;
  // Set when staff correct the address: the new one, when, and how many mails went again.
  std::optional<std::string> corrected_to;
  std::optional<Instant> corrected_at;
  std::optional<long long> resent;
  friend bool operator==(const BounceRecord&, const BounceRecord&) = default;
};

// --- the front office's mails -------------------------------------------------------

struct FrontText {
  std::string subject, text;
};
// Texts by key, in English, Japanese, Finnish, German and Hungarian (others fall back
// to English); `{name}` placeholders are filled from `fields` (missing ones empty;
// a line starting with "?" is dropped when its placeholders are all empty). Keys:
// inquiry.received.guest, inquiry.new.staff, inquiry.reply.guest,
// report.unconverted.staff, delivery.bounced.staff, checkin.arrived.host,
// checkin.arrived.sms, reminder.host.sms, manual.guest.
Result<FrontText> front_text(std::string_view key, std::string_view language,
                             const std::map<std::string, std::string>& fields);
// The guest's message quoted as a reply quotes ("> " before each line).
std::string quote_message(std::string_view message);

}  // namespace kairos::core
