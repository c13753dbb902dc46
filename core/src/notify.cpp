// Reminder planning and the names of the notification vocabulary. The matrix of which
// transition sends what lives in lifecycle.cpp, next to the transitions themselves.
#include "kairos/notify.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kairos/language.hpp"

namespace kairos::core {
namespace {

constexpr std::array<const char*, 4> recipient_names{"guest", "host", "attendee", "recipient"};
constexpr std::array<const char*, 2> channel_names{"mail", "sms"};
constexpr std::array<const char*, 8> action_names{"cancel", "book_again", "approve", "reject",
                                                  "accept", "decline", "choose", "ask_other_times"};

bool supported(std::string_view lang) { return is_supported_language(lang); }

}  // namespace

const char* to_string(Recipient r) { return recipient_names[static_cast<std::size_t>(r)]; }
const char* to_string(Channel c) { return channel_names[static_cast<std::size_t>(c)]; }
const char* to_string(SignedAction a) { return action_names[static_cast<std::size_t>(a)]; }

Result<SignedAction> parse_signed_action(std::string_view text) {
  for (std::size_t i = 0; i < action_names.size(); ++i) {
    if (text == action_names[i]) return static_cast<SignedAction>(i);
  }
  return make_error("invalid_action", "unknown signed action \"" + std::string(text) + "\"");
}

std::string guest_language(const Booking& b, const NotificationSettings& s) {
  if (supported(b.guest.language)) return b.guest.language;
  return supported(s.default_language) ? s.default_language : "en";
}

std::string host_language(const NotificationSettings& s) {
  if (supported(s.host_language)) return s.host_language;
  return supported(s.default_language) ? s.default_language : "en";
}

std::string host_language(const NotificationSettings& s, const std::string& host_id) {
  if (auto it = s.host_languages.find(host_id); it != s.host_languages.end() && supported(it->second)) return it->second;
  return host_language(s);
}

std::vector<PlannedMessage> plan_reminders(const Booking& b, const NotificationSettings& s, Instant now) {
  std::vector<PlannedMessage> out;
  if (!is_active(b.status) || b.status == BookingStatus::pending) return out;
  const std::string glang = guest_language(b, s);
  for (const Minutes offset : s.reminder_offsets) {
    if (offset.count() < 0) continue;
    const Instant at = b.when.start - offset;
    // A reminder whose moment has passed is dropped rather than sent late: the guest
    // has just received the confirmation with the same facts.
    if (at < now) continue;
    std::string suffix = ":";
    suffix += std::to_string(offset.count());
    if (b.send_mail) {
      out.push_back({"reminder:mail:guest" + suffix, Recipient::guest, "", "booking.reminder.guest", glang,
                     Channel::mail, at, {SignedAction::cancel, SignedAction::book_again}, false});
      if (s.sms_reminders && !b.guest.phone.empty()) {
        out.push_back({"reminder:sms:guest" + suffix, Recipient::guest, "", "booking.reminder_sms.guest", glang,
                       Channel::sms, at, {SignedAction::cancel}, false});
      }
    }
    if (s.host_reminders) {
      for (const std::string& h : b.host_ids) {
        out.push_back({"reminder:mail:host:" + h + suffix, Recipient::host, h, "booking.reminder.host",
                       host_language(s, h), Channel::mail, at, {SignedAction::reject}, false});
        // Staff who asked for SMS reminders get one beside the mail (the server skips
        // it when the host has no phone).
        if (std::find(s.sms_hosts.begin(), s.sms_hosts.end(), h) != s.sms_hosts.end()) {
          out.push_back({"reminder:sms:host:" + h + suffix, Recipient::host, h, "booking.reminder_sms.host",
                         host_language(s, h), Channel::sms, at, {}, false});
        }
      }
    }
  }
  return out;
}

}  // namespace kairos::core
