// Intent ids for the mirror, and the localised description of a slot.
#include "widget_state.hpp"

#include <cstdio>

#include "kairos/time_text.hpp"

namespace kairos::widget {

namespace {
struct KindName {
  Intent::Kind kind;
  std::string_view name;
};
constexpr KindName kind_names[] = {
    {Intent::Kind::prev_month, "prev_month"},       {Intent::Kind::next_month, "next_month"},
    {Intent::Kind::select_day, "select_day"},       {Intent::Kind::select_slot, "select_slot"},
    {Intent::Kind::set_zone, "set_zone"},           {Intent::Kind::set_event_type, "set_event_type"},
    {Intent::Kind::edit_field, "edit_field"},       {Intent::Kind::accept_suggestion, "accept_suggestion"},
    {Intent::Kind::back, "back"},                   {Intent::Kind::to_form, "to_form"},
    {Intent::Kind::to_review, "to_review"},         {Intent::Kind::confirm, "confirm"},
    {Intent::Kind::download_ics, "download_ics"},   {Intent::Kind::open_manage, "open_manage"},
    {Intent::Kind::start_cancel, "start_cancel"},   {Intent::Kind::confirm_cancel, "confirm_cancel"},
    {Intent::Kind::keep, "keep"},                   {Intent::Kind::start_reschedule, "start_reschedule"},
    {Intent::Kind::choose_candidate, "choose_candidate"}, {Intent::Kind::start_readjust, "start_readjust"},
    {Intent::Kind::send_readjust, "send_readjust"}, {Intent::Kind::accept_request, "accept_request"},
    {Intent::Kind::start_decline, "start_decline"}, {Intent::Kind::send_decline, "send_decline"},
    {Intent::Kind::retry, "retry"},                 {Intent::Kind::retry_month, "retry_month"},
    {Intent::Kind::next_available, "next_available"},
    {Intent::Kind::start_question, "start_question"}, {Intent::Kind::start_suggest, "start_suggest"},
    {Intent::Kind::toggle_wish, "toggle_wish"},     {Intent::Kind::to_inquiry, "to_inquiry"},
    {Intent::Kind::send_inquiry, "send_inquiry"},
};
}  // namespace

std::string intent_id(const Intent& intent) {
  for (const KindName& k : kind_names) {
    if (k.kind == intent.kind) {
      std::string id(k.name);
      if (!intent.arg.empty()) id += ":" + intent.arg;
      return id;
    }
  }
  return {};
}

std::optional<Intent> parse_intent_id(std::string_view id) {
  const auto colon = id.find(':');
  const std::string_view name = id.substr(0, colon);
  for (const KindName& k : kind_names) {
    if (k.name == name) {
      Intent i;
      i.kind = k.kind;
      if (colon != std::string_view::npos) i.arg = std::string(id.substr(colon + 1));
      return i;
    }
  }
  return std::nullopt;
}

std::string friendly_zone(const std::string& zone_id, int offset_minutes) {
  std::string city = zone_id.substr(zone_id.rfind('/') == std::string::npos ? 0 : zone_id.rfind('/') + 1);
  for (char& c : city) {
    if (c == '_') c = ' ';
  }
  if (offset_minutes == -100000 || (offset_minutes == 0 && city == "UTC")) return city;
  char buf[24];
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  if (a % 60 == 0) std::snprintf(buf, sizeof buf, " (UTC%c%d)", offset_minutes < 0 ? '-' : '+', a / 60);
  else std::snprintf(buf, sizeof buf, " (UTC%c%d:%02d)", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return city + buf;
}

bool zone_matches(const std::string& zone_id, const std::string& label, const std::string& filter) {
  auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  const std::string f = lower(filter);
  return f.empty() || lower(label).find(f) != std::string::npos || lower(zone_id).find(f) != std::string::npos;
}

std::string describe_slot(Lang lang, const core::ZoneRules& zone, const Slot& slot) {
  const core::LocalDateTime a = zone.to_local(slot.start);
  const core::LocalDateTime b = zone.to_local(slot.end);
  std::string out = format_long_date(lang, a.date()) + " · " + format_clock(lang, a.time()) + " – " +
                    format_clock(lang, b.time());
  if (b.date() != a.date()) out += " (" + format_long_date(lang, b.date()) + ")";
  out += " (" + zone.id() + ")";
  return out;
}

}  // namespace kairos::widget
