// Coordination appointments (seed 000): candidate holds, the guest's choice with a
// free room and a reception code, the re-adjust request, the edit check of R-PROP-6
// and the reception-code window of R-PROP-7.
#include "kairos/proposal.hpp"

#include <algorithm>

#include "kairos/email.hpp"
#include "kairos/language.hpp"
#include "kairos/templates.hpp"
#include "kairos/time_text.hpp"

namespace kairos::core {

const char* to_string(ProposalState s) {
  switch (s) {
    case ProposalState::open: return "open";
    case ProposalState::chosen: return "chosen";
    case ProposalState::withdrawn: return "withdrawn";
  }
  return "open";
}

Result<ProposalState> parse_proposal_state(std::string_view text) {
  for (ProposalState s : {ProposalState::open, ProposalState::chosen, ProposalState::withdrawn}) {
    if (text == to_string(s)) return s;
  }
  return make_error("invalid_state", "unknown proposal state \"" + std::string(text) + "\"");
}

Status validate_proposal(const Proposal& p, Instant now) {
  if (p.host_ids.empty()) return make_error("missing_field", "a proposal needs a host", "host");
  if (p.candidates.empty()) return make_error("missing_field", "a proposal needs candidate times", "candidates");
  if (p.guests.empty()) return make_error("missing_field", "a proposal needs a guest", "guests");
  for (std::size_t i = 0; i < p.candidates.size(); ++i) {
    const Interval& c = p.candidates[i];
    const std::string field = std::string("candidates[") + std::to_string(i) + "]";
    if (c.empty()) return make_error("invalid_interval", "a candidate ends before it starts", field);
    if (c.start < now) return make_error("candidate_in_past", "a candidate has already begun", field);
    for (std::size_t j = 0; j < i; ++j) {
      if (p.candidates[j].start == c.start) return make_error("duplicate_candidate", "two candidates start together", field);
    }
  }
  for (std::size_t i = 0; i < p.guests.size(); ++i) {
    if (!check_email(p.guests[i].email).valid) {
      return make_error("invalid_email", "a guest's e-mail address is not valid",
                        std::string("guests[") + std::to_string(i) + "].email");
    }
  }
  return ok_status();
}

Status check_candidates(const Proposal& p, const AvailabilityInputs& inputs) {
  auto shares = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
  };
  const std::string own = p.id + "#";
  for (std::size_t i = 0; i < p.candidates.size(); ++i) {
    const Interval c = p.candidates[i];
    const Interval padded{c.start - inputs.policy.buffer_before, c.end + inputs.policy.buffer_after};
    const std::string field = std::string("candidates[") + std::to_string(i) + "]";
    auto taken = [&](const char* why) { return make_error("candidate_taken", why, field); };
    for (const Host& h : inputs.hosts) {
      if (std::find(p.host_ids.begin(), p.host_ids.end(), h.id) == p.host_ids.end()) continue;
      for (const BusyBlock& b : h.busy) {
        if (busy_interval(b, h.zone).overlaps(padded)) return taken("the host is busy then");
      }
    }
    for (const ExistingBooking& b : inputs.bookings) {
      if (!shares(b.host_ids, p.host_ids)) continue;
      const Interval widened{b.when.start - b.buffer_before, b.when.end + b.buffer_after};
      if (b.when.overlaps(padded) || widened.overlaps(c)) return taken("the host already has a booking then");
    }
    for (const Hold& h : inputs.holds) {
      if (h.id.rfind(own, 0) == 0) continue;
      if (h.when.overlaps(c) && shares(h.host_ids, p.host_ids)) return taken("another proposal holds the host then");
    }
    if (p.room_ids.empty()) continue;
    const bool some_room_free = std::any_of(p.room_ids.begin(), p.room_ids.end(), [&](const std::string& r) {
      for (const ExistingBooking& b : inputs.bookings)
        if (b.room_id == r && b.when.overlaps(c)) return false;
      for (const Hold& h : inputs.holds)
        if (h.id.rfind(own, 0) != 0 && h.when.overlaps(c) &&
            std::find(h.room_ids.begin(), h.room_ids.end(), r) != h.room_ids.end())
          return false;
      for (const Room& room : inputs.rooms)
        if (room.id == r)
          for (const Interval& busy : room.busy)
            if (busy.overlaps(c)) return false;
      return true;
    });
    if (!some_room_free) return taken("none of the proposed rooms is free then");
  }
  return ok_status();
}

std::vector<Hold> proposal_holds(const Proposal& p) {
  std::vector<Hold> out;
  if (p.state != ProposalState::open) return out;
  for (std::size_t i = 0; i < p.candidates.size(); ++i) {
    out.push_back({p.id + "#" + std::to_string(i), p.host_ids, p.room_ids, p.candidates[i]});
  }
  return out;
}

namespace {

std::vector<std::string> hold_ids(const Proposal& p) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < p.candidates.size(); ++i) ids.push_back(p.id + "#" + std::to_string(i));
  return ids;
}

std::string lang_or(const std::string& lang, const std::string& fallback) {
  return std::string(supported_language_or(lang, fallback));
}

Guest to_guest(const ProposalGuest& g, const std::string& language) {
  return Guest{g.name, check_email(g.email).address, {}, g.company, {}, language};
}

}  // namespace

std::vector<PlannedMessage> plan_proposal_invites(const Proposal& p, Instant now) {
  std::vector<PlannedMessage> out;
  if (!p.send_mail || p.state != ProposalState::open) return out;
  for (const ProposalGuest& g : p.guests) {
    const std::string address = check_email(g.email).address;
    out.push_back({"invite:mail:guest:" + address, Recipient::guest, address, "proposal.invite.guest",
                   lang_or(g.language, p.language), Channel::mail, now,
                   {SignedAction::choose, SignedAction::ask_other_times}, false});
  }
  return out;
}

std::optional<Interval> candidate_at(const Proposal& p, Instant start) {
  for (const Interval& c : p.candidates) {
    if (c.start == start) return c;
  }
  return std::nullopt;
}

Result<ChooseOutcome> choose_candidate(const Proposal& p, Instant start, const std::vector<RoomBusy>& room_busy,
                                       Instant now, const std::string& booking_uid, std::uint64_t random,
                                       const NotificationSettings& settings) {
  if (p.state != ProposalState::open) return make_error("proposal_closed", "the proposal is no longer open");
  const auto it = std::find_if(p.candidates.begin(), p.candidates.end(),
                               [&](const Interval& c) { return c.start == start; });
  if (it == p.candidates.end()) return make_error("not_a_candidate", "that time was not proposed", "start");
  const Interval when = *it;
  if (when.start < now) return make_error("candidate_in_past", "that time has already begun", "start");
  if (p.guests.empty() || p.host_ids.empty()) return make_error("missing_field", "the proposal has no guest or host");

  std::string room;
  if (!p.room_ids.empty()) {
    for (const std::string& r : p.room_ids) {
      const bool busy = std::any_of(room_busy.begin(), room_busy.end(), [&](const RoomBusy& b) {
        return b.room_id == r && b.when.overlaps(when);
      });
      if (!busy) {
        room = r;
        break;
      }
    }
    if (room.empty()) return make_error("room_unavailable", "none of the proposed rooms is free then", "start");
  }

  ChooseOutcome out;
  out.proposal = p;
  out.proposal.state = ProposalState::chosen;
  out.released_hold_ids = hold_ids(p);

  Booking& b = out.booking;
  b.uid = booking_uid;
  b.page_id = p.page_id;
  b.event_type_id = p.event_type_id;
  b.when = when;
  b.host_ids = p.host_ids;
  b.room_id = room;
  b.status = BookingStatus::approved;
  b.guest = to_guest(p.guests.front(), lang_or(p.guests.front().language, p.language));
  for (std::size_t i = 1; i < p.guests.size(); ++i) {
    b.other_guests.push_back(to_guest(p.guests[i], lang_or(p.guests[i].language, p.language)));
  }
  b.location = p.location;
  b.guidance = p.message;
  b.checkin_code = reception_code(random);
  b.proposal_id = p.id;
  b.send_mail = p.send_mail;
  b.visibility = p.visibility;
  b.created_at = now;
  b.history.push_back({now, Actor::guest, "proposal_chosen", format_instant(when.start)});

  // The completion mail goes out always, also in "no scheduling mail" mode (R-PROP-4).
  std::string seq = "#";
  seq += std::to_string(b.history.size());
  out.messages.push_back({"confirmed" + seq + ":mail:guest", Recipient::guest, "", "proposal.confirmed.guest",
                          b.guest.language, Channel::mail, now, {}, false});
  for (const Guest& g : b.other_guests) {
    out.messages.push_back({"confirmed" + seq + ":mail:attendee:" + g.email, Recipient::attendee, g.email,
                            "proposal.confirmed.guest", g.language, Channel::mail, now, {}, false});
  }
  for (const std::string& h : b.host_ids) {
    out.messages.push_back({"confirmed" + seq + ":mail:host:" + h, Recipient::host, h, "proposal.confirmed.host",
                            host_language(settings, h), Channel::mail, now, {}, false});
  }
  for (auto& m : plan_reminders(b, settings, now)) out.messages.push_back(std::move(m));
  out.calendar_title = visit_calendar_title(b.guest.company, b.guest.name, lang_or(p.language, "en"));
  return out;
}

Result<ReadjustOutcome> ask_other_times(const Proposal& p, Instant now, const NotificationSettings& settings,
                                        const std::string& message) {
  if (p.state != ProposalState::open) return make_error("proposal_closed", "the proposal is no longer open");
  ReadjustOutcome out;
  out.proposal = p;
  out.proposal.state = ProposalState::withdrawn;
  out.proposal.readjust_message = message;
  out.released_hold_ids = hold_ids(p);
  NotificationSettings s = settings;
  if (s.host_language.empty()) s.host_language = p.language;
  for (const std::string& h : p.host_ids) {
    out.messages.push_back({"readjust:mail:host:" + h, Recipient::host, h, "proposal.readjust.host",
                            lang_or(host_language(s, h), p.language), Channel::mail, now, {}, true});
  }
  return out;
}

bool ChangeSet::any() const {
  return date || start || end || office || hosts_added || hosts_removed || guest_email || guest_added || guidance;
}

std::vector<std::string> ChangeSet::names() const {
  std::vector<std::string> n;
  const std::pair<bool, const char*> all[] = {{date, "date"},
                                              {start, "start"},
                                              {end, "end"},
                                              {office, "office"},
                                              {hosts_added, "hosts_added"},
                                              {hosts_removed, "hosts_removed"},
                                              {guest_email, "guest_email"},
                                              {guest_added, "guest_added"},
                                              {guidance, "guidance"}};
  for (const auto& [on, name] : all) {
    if (on) n.emplace_back(name);
  }
  return n;
}

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<const Guest*> all_guests(const Booking& b) {
  std::vector<const Guest*> g{&b.guest};
  for (const Guest& o : b.other_guests) g.push_back(&o);
  return g;
}

std::string lower_trimmed(const std::string& s) {
  std::string r = check_email(s).address;
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

}  // namespace

ChangeSet detect_changes(const Booking& before, const Booking& after, const ZoneRules& zone) {
  ChangeSet c;
  const LocalDateTime s0 = zone.to_local(before.when.start), s1 = zone.to_local(after.when.start);
  const LocalDateTime e0 = zone.to_local(before.when.end), e1 = zone.to_local(after.when.end);
  c.date = s0.date() != s1.date();
  c.start = s0.time() != s1.time();
  c.end = e0.time() != e1.time() || (e1.date() - s1.date()) != (e0.date() - s0.date());
  c.office = before.location != after.location;
  for (const std::string& h : after.host_ids) c.hosts_added = c.hosts_added || !contains(before.host_ids, h);
  for (const std::string& h : before.host_ids) c.hosts_removed = c.hosts_removed || !contains(after.host_ids, h);
  const auto g0 = all_guests(before), g1 = all_guests(after);
  for (std::size_t i = 0; i < std::min(g0.size(), g1.size()); ++i) {
    c.guest_email = c.guest_email || lower_trimmed(g0[i]->email) != lower_trimmed(g1[i]->email);
  }
  c.guest_added = g1.size() > g0.size();
  c.guidance = before.guidance != after.guidance;
  return c;
}

Result<EditOutcome> edit_booking(const Booking& before, const Booking& after, bool notify_guests, Instant now,
                                 const NotificationSettings& settings, const ZoneRules& zone) {
  if (after.send_mail != before.send_mail) {
    return make_error("immutable_field", "\"invite mail or not\" is fixed when the visit is created", "send_mail");
  }
  if (after.visibility != before.visibility) {
    return make_error("immutable_field", "\"public or private\" is fixed when the visit is created", "visibility");
  }
  if (!is_active(before.status)) {
    return make_error("illegal_transition", std::string("cannot edit a ") + to_string(before.status) + " booking");
  }
  if (after.when.empty()) return make_error("invalid_interval", "the booking ends before it starts", "start");
  for (const Guest* g : all_guests(after)) {
    if (!check_email(g->email).valid) return make_error("invalid_email", "a guest's e-mail address is not valid", "guests");
  }

  EditOutcome out;
  out.changes = detect_changes(before, after, zone);
  out.booking = after;
  Booking& b = out.booking;
  // The edit changes the content of the visit, never its identity, state or history.
  b.uid = before.uid;
  b.status = before.status;
  b.no_show = before.no_show;
  b.created_at = before.created_at;
  b.history = before.history;
  b.checkin_code = before.checkin_code;
  b.proposal_id = before.proposal_id;
  b.request_id = before.request_id;
  b.sequence = before.sequence;
  if (!out.changes.any() && before.when == after.when) return out;

  std::string detail;
  for (const std::string& n : out.changes.names()) {
    detail += detail.empty() ? "" : ",";
    detail += n;
  }
  b.history.push_back({now, Actor::host, "edited", detail});
  b.sequence = before.sequence + 1;

  std::string seq = "#";
  seq += std::to_string(b.history.size());
  if (out.changes.any()) {
    if (notify_guests) {
      out.messages.push_back({"updated" + seq + ":mail:guest", Recipient::guest, "", "booking.updated.guest",
                              guest_language(b, settings), Channel::mail, now, {}, false});
      for (const Guest& g : b.other_guests) {
        out.messages.push_back({"updated" + seq + ":mail:attendee:" + g.email, Recipient::attendee, g.email,
                                "booking.updated.guest", g.language.empty() ? guest_language(b, settings) : g.language,
                                Channel::mail, now, {}, false});
      }
    }
    // Hosts always hear of an edit; added hosts learn of the visit this way.
    for (const std::string& h : b.host_ids) {
      out.messages.push_back({"updated" + seq + ":mail:host:" + h, Recipient::host, h, "booking.updated.host",
                              host_language(settings, h), Channel::mail, now, {}, false});
    }
    // A host taken off the visit is told, and its calendar copy goes.
    for (const std::string& h : before.host_ids) {
      if (contains(b.host_ids, h)) continue;
      out.messages.push_back({"removed" + seq + ":mail:host:" + h, Recipient::host, h, "booking.removed.host",
                              host_language(settings, h), Channel::mail, now, {}, false});
    }
  }
  if (before.when != after.when || before.host_ids != after.host_ids) {
    out.cancel_key_prefixes = {std::string(reminder_prefix)};
    for (auto& m : plan_reminders(b, settings, now)) out.messages.push_back(std::move(m));
  }
  return out;
}

std::string reception_code(std::uint64_t random) {
  // Six symbols of a 23-letter alphabet: about 148 million codes, from the value's
  // high-quality bits via a mixing step so that sequential inputs do not give
  // sequential codes.
  std::uint64_t x = random + 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  std::string code;
  for (int i = 0; i < 6; ++i) {
    code.push_back(reception_code_alphabet[static_cast<std::size_t>(x % reception_code_alphabet.size())]);
    x /= reception_code_alphabet.size();
  }
  return code;
}

Interval checkin_window(const Booking& b) {
  return {b.when.start - Seconds(6 * 3600), b.when.end + Seconds(6 * 3600)};
}

bool checkin_valid(const Booking& b, Instant now) {
  const bool taking_place = is_active(b.status) || (b.status == BookingStatus::completed && !b.no_show);
  // The window's end is included: "until 6 hours after the end".
  const Interval w = checkin_window(b);
  return taking_place && !b.checkin_code.empty() && w.start <= now && now <= w.end;
}

Result<Proposal> withdraw_proposal(const Proposal& p) {
  if (p.state != ProposalState::open) return make_error("proposal_closed", "the proposal is no longer open");
  Proposal out = p;
  out.state = ProposalState::withdrawn;
  return out;
}

std::string visible_state(const Proposal& p, Instant now) {
  if (p.state != ProposalState::open) return to_string(p.state);
  for (const Interval& c : p.candidates) {
    if (now < c.start) return "open";
  }
  return "expired";
}

}  // namespace kairos::core
