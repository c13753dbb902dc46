// Notification planning: every lifecycle step answers with the messages to send, as
// values — recipient role, template, language, channel, when, and the signed action
// buttons the message carries (SPEC §3 matrix, seed 001). The server's outbox stores
// and sends them; the core never sends anything and never reads a clock.
//
// Keys: a message's `key` is stable and unique among one booking's scheduled messages:
// "<event>:<channel>:<role>[:<who>][:<offset minutes>]", e.g. "reminder:mail:guest:1440",
// "reminder:mail:host:h1:1440", "follow_up:mail:guest". Immediate messages carry the
// booking's history length so two reschedules never collide ("rescheduled#3:mail:guest").
// A transition names key prefixes to cancel ("reminder:", "follow_up:"); the server
// cancels every still-scheduled message whose key starts with one of them, then stores
// the new messages (a new message replaces a scheduled one with the same key).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

enum class Recipient : std::uint8_t { guest, host, attendee, recipient };
const char* to_string(Recipient r);

enum class Channel : std::uint8_t { mail, sms };
const char* to_string(Channel c);

// The buttons of a message; each becomes a signed, expiring, single-purpose link
// (R-LIFE-4) made by the server.
enum class SignedAction : std::uint8_t { cancel, book_again, approve, reject, accept, decline, choose, ask_other_times };
const char* to_string(SignedAction a);
Result<SignedAction> parse_signed_action(std::string_view text);  // "invalid_action"

struct PlannedMessage {
  std::string key;
  Recipient role = Recipient::guest;
  // Whom inside the role: a host id for hosts, an e-mail address for attendees and
  // confirmation-request recipients, empty for the booking's guest.
  std::string address;
  std::string template_key;  // see templates.hpp, e.g. "booking.approved.guest"
  std::string language;      // en | ja | fi | de | hu
  Channel channel = Channel::mail;
  Instant send_at;           // never before the `now` the plan was made with
  std::vector<SignedAction> actions;
  bool important = false;    // "【重要】" / high priority (re-adjust requests)
  friend bool operator==(const PlannedMessage&, const PlannedMessage&) = default;
};

struct NotificationSettings {
  std::vector<Minutes> reminder_offsets{Minutes(24 * 60)};  // before start
  bool sms_reminders = false;           // guest SMS next to each mail reminder (needs a phone)
  bool host_reminders = true;           // hosts get a mail reminder at each offset
  std::optional<Minutes> follow_up_after;  // follow-up mail after completion, off when empty
  bool no_show_mail = false;            // mail the guest when marked No-show
  bool auto_approve = false;            // new bookings are Approved at once (EventPolicy::auto_approve)
  std::string default_language = "en";  // when the guest has none
  std::string host_language;            // empty = default_language
  // Each host's own choices (host id →): their language, before host_language; and
  // whether they get SMS reminders (the server resolves their phone).
  std::map<std::string, std::string> host_languages;
  std::vector<std::string> sms_hosts;
  friend bool operator==(const NotificationSettings&, const NotificationSettings&) = default;
};

// The prefixes of the messages a booking schedules ahead of time.
inline constexpr std::string_view reminder_prefix = "reminder:";
inline constexpr std::string_view follow_up_prefix = "follow_up:";

// The guest's and the hosts' language for a booking under these settings.
std::string guest_language(const Booking& b, const NotificationSettings& s);
std::string host_language(const NotificationSettings& s);
// One host's language: their own if supported, else host_language(s).
std::string host_language(const NotificationSettings& s, const std::string& host_id);

// Reminders for an approved or rescheduled booking (none while pending, none once it
// no longer takes place): for each offset, a guest mail (Cancel, Book again), a guest
// SMS when enabled and the guest has a phone, and a mail per host (Reject) when
// host_reminders. Reminders whose time has already passed at `now` are left out (never
// in the past). A "no scheduling mail" visit (send_mail false) gets no guest reminders.
std::vector<PlannedMessage> plan_reminders(const Booking& b, const NotificationSettings& s, Instant now);

}  // namespace kairos::core
