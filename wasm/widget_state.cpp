// Intent ids for the mirror, and the localised description of a slot.
#include "widget_state.hpp"

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
