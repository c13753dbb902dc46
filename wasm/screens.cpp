// Each screen in one function; shared pieces (headings, error lines, button rows) as
// helpers. Layout adapts to the container: two columns when wide, stacked when narrow.
#include "screens.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "kairos/time_text.hpp"

namespace kairos::widget {

namespace {

using Kind = Intent::Kind;

struct Frame {
  WidgetState& s;
  const ViewModel& vm;
  std::optional<Intent> out;
  const char* t(const char* Texts::*m) const { return tr(s.lang, m); }
  void act(Kind k, std::string arg = {}) {
    if (!out) out = Intent{k, std::move(arg), {}};
  }
};

ImVec4 rgb(std::uint32_t c, float a = 1.0f) {
  return ImVec4(static_cast<float>((c >> 16) & 0xff) / 255.0f, static_cast<float>((c >> 8) & 0xff) / 255.0f,
                static_cast<float>(c & 0xff) / 255.0f, a);
}

void heading(const char* text, float scale = 1.3f) {
  ImGui::SetWindowFontScale(scale);
  ImGui::TextWrapped("%s", text);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::Spacing();
}

void error_line(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.86f, 0.15f, 0.15f, 1.0f));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

bool primary_button(const char* label, bool enabled = true, float width = 0) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(label, ImVec2(width, 0));
  ImGui::EndDisabled();
  return pressed;
}

void screen_error(Frame& f) {
  if (!f.s.error_code.empty()) error_line(error_text(f.s.lang, f.s.error_code));
}

void zone_combo(Frame& f, float width) {
  ImGui::TextUnformatted(f.t(&Texts::time_zone));
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##zone", f.s.zone_id.c_str())) {
    for (const std::string& z : f.s.zone_choices) {
      const bool selected = z == f.s.zone_id;
      if (ImGui::Selectable(z.c_str(), selected)) f.act(Kind::set_zone, z);
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
}

void month_grid(Frame& f) {
  const ViewModel& vm = f.vm;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) f.act(Kind::prev_month);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.t(&Texts::previous_month));
  ImGui::SameLine();
  const float title_w = ImGui::CalcTextSize(vm.month_title.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - title_w) / 2 - ImGui::GetFrameHeight() - 4);
  ImGui::TextUnformatted(vm.month_title.c_str());
  ImGui::SameLine(ImGui::GetCursorStartPos().x + avail - ImGui::GetFrameHeight());
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) f.act(Kind::next_month);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.t(&Texts::next_month));

  const float cell = (avail - 6 * ImGui::GetStyle().ItemSpacing.x) / 7.0f;
  if (ImGui::BeginTable("month", 7, ImGuiTableFlags_SizingStretchSame)) {
    for (const std::string& h : vm.weekday_headers) {
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", h.c_str());
    }
    for (const DayCell& c : vm.cells) {
      ImGui::TableNextColumn();
      if (!c.in_month) continue;
      char label[24];
      std::snprintf(label, sizeof label, "%d##d%d", c.date.day(), c.date.days_since_epoch());
      if (c.bookable) {
        const std::uint32_t accent = f.s.accent;
        ImGui::PushStyleColor(ImGuiCol_Button, rgb(accent, c.selected ? 1.0f : 0.22f));
        ImGui::PushStyleColor(ImGuiCol_Text, c.selected ? ImVec4(1, 1, 1, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
        if (ImGui::Button(label, ImVec2(cell, cell * 0.8f))) f.act(Kind::select_day, core::format_date(c.date));
        ImGui::PopStyleColor(2);
      } else {
        ImGui::BeginDisabled();
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::Button(label, ImVec2(cell, cell * 0.8f));
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
      }
    }
    ImGui::EndTable();
  }
  if (vm.month_loading) {
    ImGui::TextDisabled("%s", f.t(&Texts::loading));
  } else if (!vm.month_has_slots) {
    ImGui::TextWrapped("%s", f.t(&Texts::no_times_this_month));
  }
}

void day_slots(Frame& f) {
  const ViewModel& vm = f.vm;
  if (!f.s.day) {
    ImGui::TextWrapped("%s", f.t(&Texts::choose_day));
    return;
  }
  ImGui::TextWrapped("%s", vm.day_title.c_str());
  ImGui::Spacing();
  if (vm.day_slots.empty()) {
    ImGui::TextWrapped("%s", f.t(&Texts::no_times_this_day));
    return;
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  const float w = 110.0f;
  const int per_row = std::max(1, static_cast<int>((avail + ImGui::GetStyle().ItemSpacing.x) / (w + ImGui::GetStyle().ItemSpacing.x)));
  int i = 0;
  for (const SlotRow& row : vm.day_slots) {
    if (i % per_row != 0) ImGui::SameLine();
    ImGui::PushID(i++);
    if (row.selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, rgb(f.s.accent));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    }
    if (ImGui::Button(row.label.c_str(), ImVec2(w, 0))) f.act(Kind::select_slot, core::format_instant(row.slot.start));
    if (row.selected) ImGui::PopStyleColor(2);
    ImGui::PopID();
  }
}

void calendar(Frame& f) {
  WidgetState& s = f.s;
  heading(s.page_name.empty() ? f.t(&Texts::choose_day) : s.page_name.c_str());
  if (!s.page_description.empty()) ImGui::TextWrapped("%s", s.page_description.c_str());
  if (s.rescheduling) ImGui::TextWrapped("%s", f.t(&Texts::reschedule));
  if (!s.notice_code.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.45f, 0.0f, 1.0f));
    ImGui::TextWrapped("%s", f.t(&Texts::slot_taken));
    ImGui::PopStyleColor();
  }
  screen_error(f);
  if (s.event_types.size() > 1 && !s.rescheduling) {
    ImGui::TextUnformatted(f.t(&Texts::service));
    const EventType& cur = s.event_types[s.event_type];
    if (ImGui::BeginCombo("##service", cur.name.c_str())) {
      for (const EventType& e : s.event_types) {
        if (ImGui::Selectable(e.name.c_str(), e.id == cur.id)) f.act(Kind::set_event_type, e.id);
      }
      ImGui::EndCombo();
    }
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const bool wide = width >= 620.0f;
  if (wide && ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("cal", ImGuiTableColumnFlags_WidthStretch, 0.55f);
    ImGui::TableSetupColumn("slots", ImGuiTableColumnFlags_WidthStretch, 0.45f);
    ImGui::TableNextColumn();
    month_grid(f);
    ImGui::Spacing();
    zone_combo(f, ImGui::GetContentRegionAvail().x);
    ImGui::TableNextColumn();
    day_slots(f);
    ImGui::EndTable();
  } else {
    month_grid(f);
    ImGui::Spacing();
    zone_combo(f, width);
    ImGui::Separator();
    day_slots(f);
  }
  if (s.rescheduling) {
    ImGui::Spacing();
    if (ImGui::Button(f.t(&Texts::back))) f.act(Kind::back);
  }
}

void field(Frame& f, const char* id, const char* label, bool optional, std::string& value, bool multiline = false) {
  char text[160];
  if (optional) {
    std::snprintf(text, sizeof text, "%s (%s)", label, f.t(&Texts::optional));
  } else {
    std::snprintf(text, sizeof text, "%s", label);
  }
  ImGui::TextUnformatted(text);
  ImGui::PushID(id);
  ImGui::SetNextItemWidth(-1);
  const bool changed = multiline ? ImGui::InputTextMultiline("##v", &value, ImVec2(-1, ImGui::GetTextLineHeight() * 4))
                                 : ImGui::InputText("##v", &value);
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  f.s.field_rects[id] = {lo.x, lo.y, hi.x - lo.x, hi.y - lo.y};
  ImGui::PopID();
  if (changed) f.out = Intent{Kind::edit_field, id, value};
  for (const core::Error& e : f.s.field_errors) {
    if (e.field == id) error_line(error_text(f.s.lang, e.code));
  }
}

void form(Frame& f) {
  WidgetState& s = f.s;
  heading(f.t(&Texts::your_details));
  ImGui::TextWrapped("%s", f.vm.slot_summary.c_str());
  ImGui::Spacing();
  field(f, "name", f.t(&Texts::name), false, s.form.name);
  field(f, "email", f.t(&Texts::email), false, s.form.email);
  if (!s.email_suggestion.empty()) {
    ImGui::TextWrapped("%s", fill(f.t(&Texts::did_you_mean), s.email_suggestion).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(f.t(&Texts::use_suggestion))) f.act(Kind::accept_suggestion);
  }
  field(f, "phone", f.t(&Texts::phone), true, s.form.phone);
  field(f, "company", f.t(&Texts::company), true, s.form.company);
  field(f, "notes", f.t(&Texts::notes), true, s.form.notes, true);
  ImGui::Spacing();
  if (ImGui::Button(f.t(&Texts::back))) f.act(Kind::back);
  ImGui::SameLine();
  if (primary_button(f.t(&Texts::next), f.vm.form_valid)) f.act(Kind::to_review);
}

void summary_rows(Frame& f) {
  const WidgetState& s = f.s;
  if (ImGui::BeginTable("summary", 2, ImGuiTableFlags_SizingFixedFit)) {
    auto row = [](const char* k, const std::string& v) {
      if (v.empty()) return;
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", k);
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", v.c_str());
    };
    if (!s.event_types.empty()) row(f.t(&Texts::service), s.event_types[s.event_type].name);
    row(f.t(&Texts::when), f.vm.slot_summary);
    row(f.t(&Texts::name), s.form.name);
    row(f.t(&Texts::email), s.form.email);
    row(f.t(&Texts::phone), s.form.phone);
    row(f.t(&Texts::company), s.form.company);
    row(f.t(&Texts::notes), s.form.notes);
    ImGui::EndTable();
  }
}

void review(Frame& f) {
  heading(f.t(&Texts::review));
  if (f.s.rescheduling) {
    ImGui::TextWrapped("%s", f.vm.slot_summary.c_str());
  } else {
    summary_rows(f);
  }
  screen_error(f);
  ImGui::Spacing();
  ImGui::BeginDisabled(f.s.busy);
  if (ImGui::Button(f.t(&Texts::back))) f.act(Kind::back);
  ImGui::SameLine();
  if (primary_button(f.s.busy ? f.t(&Texts::sending) : f.t(&Texts::confirm_booking), !f.s.busy)) f.act(Kind::confirm);
  ImGui::EndDisabled();
}

void success(Frame& f) {
  const WidgetState& s = f.s;
  heading(s.booking.status == "pending" ? f.t(&Texts::pending_title) : f.t(&Texts::booked_title));
  ImGui::TextWrapped("%s", f.vm.booking_label.c_str());
  ImGui::TextWrapped("%s", f.t(&Texts::booked_body));
  ImGui::Spacing();
  if (ImGui::Button(f.t(&Texts::add_to_calendar))) f.act(Kind::download_ics);
  ImGui::Spacing();
  ImGui::TextWrapped("%s", f.t(&Texts::manage_link));
  std::string link = s.booking.manage_url;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##manage", &link, ImGuiInputTextFlags_ReadOnly);
  if (ImGui::Button(f.t(&Texts::open_manage))) f.act(Kind::open_manage);
}


void manage(Frame& f) {
  const WidgetState& s = f.s;
  heading(f.t(&Texts::manage_title));
  ImGui::TextWrapped("%s", f.vm.booking_label.c_str());
  ImGui::Text("%s: %s", f.t(&Texts::status), booking_status_text(s.lang, s.booking.status).c_str());
  screen_error(f);
  ImGui::Spacing();
  if (primary_button(f.t(&Texts::reschedule), f.vm.can_reschedule && !s.busy)) f.act(Kind::start_reschedule);
  ImGui::SameLine();
  if (primary_button(f.t(&Texts::cancel_booking), f.vm.can_cancel && !s.busy)) f.act(Kind::start_cancel);
}

void cancel_ask(Frame& f) {
  heading(f.t(&Texts::cancel_booking));
  ImGui::TextWrapped("%s", f.vm.booking_label.c_str());
  screen_error(f);
  if (primary_button(f.t(&Texts::confirm_cancel), !f.s.busy)) f.act(Kind::confirm_cancel);
  ImGui::SameLine();
  if (ImGui::Button(f.t(&Texts::keep_booking))) f.act(Kind::keep);
}

void proposal(Frame& f) {
  heading(f.t(&Texts::proposal_title));
  if (!f.s.host_message.empty()) ImGui::TextWrapped("%s", f.s.host_message.c_str());
  ImGui::TextWrapped("%s", f.t(&Texts::proposal_body));
  screen_error(f);
  for (std::size_t i = 0; i < f.vm.candidate_labels.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::Bullet();
    ImGui::TextWrapped("%s", f.vm.candidate_labels[i].c_str());
    if (primary_button(f.t(&Texts::choose_this_time), !f.s.busy))
      f.act(Kind::choose_candidate, core::format_instant(f.s.candidates[i].start));
    ImGui::PopID();
  }
  ImGui::Spacing();
  if (ImGui::Button(f.t(&Texts::ask_other_times))) f.act(Kind::start_readjust);
}

void readjust(Frame& f) {
  heading(f.t(&Texts::ask_other_times));
  field(f, "readjust_message", f.t(&Texts::message_to_host), true, f.s.readjust_message, true);
  screen_error(f);
  if (ImGui::Button(f.t(&Texts::back))) f.act(Kind::back);
  ImGui::SameLine();
  if (primary_button(f.t(&Texts::send_request), !f.s.busy)) f.act(Kind::send_readjust);
}

void request(Frame& f) {
  heading(f.t(&Texts::request_title));
  ImGui::TextWrapped("%s", f.t(&Texts::request_body));
  for (const std::string& label : f.vm.request_labels) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", label.c_str());
  }
  if (!f.s.host_message.empty()) ImGui::TextWrapped("%s", f.s.host_message.c_str());
  screen_error(f);
  ImGui::Spacing();
  if (primary_button(f.t(&Texts::accept), !f.s.busy)) f.act(Kind::accept_request);
  if (f.s.allow_decline) {
    ImGui::SameLine();
    if (primary_button(f.t(&Texts::decline), !f.s.busy)) f.act(Kind::start_decline);
  }
}

void decline(Frame& f) {
  heading(f.t(&Texts::decline));
  field(f, "decline_reason", f.t(&Texts::decline_reason), true, f.s.decline_reason, true);
  screen_error(f);
  if (ImGui::Button(f.t(&Texts::back))) f.act(Kind::back);
  ImGui::SameLine();
  if (primary_button(f.t(&Texts::send_request), !f.s.busy)) f.act(Kind::send_decline);
}

void done(Frame& f) {
  heading(f.t(f.s.done_text));
  if (!f.vm.booking_label.empty()) ImGui::TextWrapped("%s", f.vm.booking_label.c_str());
}

void fatal(Frame& f) {
  heading(error_text(f.s.lang, f.s.error_code.empty() ? "error" : f.s.error_code));
  if (ImGui::Button(f.t(&Texts::try_again))) f.act(Kind::retry);
}

}  // namespace

std::optional<Intent> draw_screen(WidgetState& state, const ViewModel& vm, float& content_height) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("Kairos", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  Frame f{state, vm, std::nullopt};
  switch (state.screen) {
    case Screen::loading: ImGui::TextUnformatted(f.t(&Texts::loading)); break;
    case Screen::calendar: calendar(f); break;
    case Screen::form: form(f); break;
    case Screen::review: review(f); break;
    case Screen::success: success(f); break;
    case Screen::manage: manage(f); break;
    case Screen::cancel_ask: cancel_ask(f); break;
    case Screen::proposal: proposal(f); break;
    case Screen::readjust: readjust(f); break;
    case Screen::request: request(f); break;
    case Screen::decline: decline(f); break;
    case Screen::done: done(f); break;
    case Screen::fatal: fatal(f); break;
  }
  content_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
  ImGui::End();
  return f.out;
}

void apply_theme(bool dark, std::uint32_t accent) {
  ImGuiStyle& style = ImGui::GetStyle();
  if (dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowPadding = ImVec2(16, 16);
  style.FramePadding = ImVec2(10, 7);
  style.ItemSpacing = ImVec2(8, 8);
  style.FrameRounding = 6;
  style.GrabRounding = 6;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = dark ? ImVec4(0.09f, 0.10f, 0.12f, 1) : ImVec4(1, 1, 1, 1);
  // Tinted buttons keep the theme's text colour readable on any accent; the chosen day
  // and slot are drawn solid.
  c[ImGuiCol_Button] = rgb(accent, 0.22f);
  c[ImGuiCol_ButtonHovered] = rgb(accent, 0.40f);
  c[ImGuiCol_ButtonActive] = rgb(accent, 0.60f);
  c[ImGuiCol_Header] = rgb(accent, 0.3f);
  c[ImGuiCol_HeaderHovered] = rgb(accent, 0.5f);
  c[ImGuiCol_HeaderActive] = rgb(accent, 0.7f);
  c[ImGuiCol_CheckMark] = rgb(accent);
  c[ImGuiCol_FrameBgActive] = rgb(accent, 0.2f);
  c[ImGuiCol_NavHighlight] = rgb(accent);
  c[ImGuiCol_TextSelectedBg] = rgb(accent, 0.35f);
  if (!dark) c[ImGuiCol_FrameBg] = ImVec4(0.94f, 0.95f, 0.97f, 1);
}

}  // namespace kairos::widget
