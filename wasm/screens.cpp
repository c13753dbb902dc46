// Each screen in one function; shared pieces (headings, error lines, button rows) as
// helpers. Layout adapts to the container: two columns when wide, stacked when narrow.
#include "screens.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "fonts.hpp"
#include "kairos/time_text.hpp"
#include "mirror.hpp"
#include "probe.hpp"

namespace kairos::widget {

struct ThemeColors {
  bool dark = false;
  ImVec4 bg, text, muted, accent, ring, tint, field_border, error, notice;
};
extern ThemeColors g_theme;
std::uint32_t pack_color(ImVec4 c);

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

// The horizontal room the next item has (its column or the window), for the probe.
struct Room {
  float x0, x1;
};
Room room() {
  const float x = ImGui::GetCursorScreenPos().x;
  return Room{x, x + ImGui::GetContentRegionAvail().x};
}

void remember(WidgetState& s, const std::string& key) {
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  s.item_rects[key] = {lo.x, lo.y, hi.x - lo.x, hi.y - lo.y};
}

// Wrapped text (by words; ImGui breaks a word only when it is wider than the room).
void wrapped(const std::string& text) {
  const Room r = room();
  ImGui::TextWrapped("%s", text.c_str());
  probe::item(text, r.x0, r.x1, "text");
}

void colored(ImVec4 color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  wrapped(text);
  ImGui::PopStyleColor();
}

void muted(const std::string& text) { colored(ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), text); }

// A caption (secondary text) in the 13 px atlas font.
struct CaptionFont {
  ImFont* font = caption_font();
  CaptionFont() { if (font != nullptr) ImGui::PushFont(font); }
  ~CaptionFont() { if (font != nullptr) ImGui::PopFont(); }
  CaptionFont(const CaptionFont&) = delete;
  CaptionFont& operator=(const CaptionFont&) = delete;
};
void caption(const std::string& text) {
  CaptionFont c;
  muted(text);
}

// A screen title (or the business name) in its own atlas font: never scaled glyphs.
// `check`: a drawn check mark before it (the font has no U+2713).
void heading(const std::string& text, bool business_name = false, bool check = false) {
  ImFont* font = title_font(business_name);
  if (font != nullptr) ImGui::PushFont(font);
  if (check) {
    const float sz = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::RenderCheckMark(ImGui::GetWindowDrawList(), ImVec2(at.x, at.y + sz * 0.1f), ImGui::GetColorU32(g_theme.ring), sz * 0.8f);
    ImGui::Dummy(ImVec2(sz, sz));
    ImGui::SameLine();
  }
  wrapped(text);
  if (font != nullptr) ImGui::PopFont();
  ImGui::Spacing();
}

void error_line(const std::string& text) { colored(g_theme.error, text); }

// A button that stands for an intent: drawn, remembered for the focus ring, recorded for
// the probe, and acted on when pressed.
bool action(Frame& f, const std::string& label, Kind k, std::string arg = {}, ImVec2 size = ImVec2(0, 0),
            bool enabled = true) {
  const Room r = room();
  ImGui::BeginDisabled(!enabled);
  const std::string key = intent_id(Intent{k, arg, {}});
  const std::string id = label + "##" + key;
  const bool pressed = ImGui::Button(id.c_str(), size);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && enabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  remember(f.s, key);
  probe::item(label, r.x0, r.x1, "button");
  if (pressed && enabled) f.act(k, std::move(arg));
  return pressed && enabled;
}

bool primary(Frame& f, const std::string& label, Kind k, bool enabled = true, std::string arg = {}) {
  ImGui::PushStyleColor(ImGuiCol_Button, rgb(f.s.accent));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(f.s.accent, 0.88f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, rgb(f.s.accent, 0.8f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool pressed = action(f, label, k, std::move(arg), ImVec2(0, 0), enabled);
  ImGui::PopStyleColor(4);
  return pressed;
}

// A row of buttons: placed on the same line while they fit, else on the next.
void next_in_row(float next_width) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float right = ImGui::GetItemRectMax().x + spacing + next_width;
  const float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (right <= limit) ImGui::SameLine();
}
float button_width(const char* label) {
  return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void screen_error(Frame& f) {
  if (!f.s.error_code.empty()) error_line(error_text(f.s.lang, f.s.error_code));
}

void zone_combo(Frame& f, float width) {
  wrapped(f.t(&Texts::time_zone));
  ImGui::SetNextItemWidth(width);
  const Room r = room();
  WidgetState& s = f.s;
  std::string current = s.zone_id;
  for (std::size_t i = 0; i < s.zone_choices.size() && i < s.zone_labels.size(); ++i) {
    if (s.zone_choices[i] == s.zone_id) current = s.zone_labels[i];
  }
  if (ImGui::BeginCombo("##zone", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    // Searchable: typing narrows the list ("hel" → Helsinki); the guest's zone is first.
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##zone_search", f.t(&Texts::search_zone), &s.zone_filter);
    for (std::size_t i = 0; i < s.zone_choices.size() && i < s.zone_labels.size(); ++i) {
      const std::string& z = s.zone_choices[i];
      if (!zone_matches(z, s.zone_labels[i], s.zone_filter)) continue;
      const bool selected = z == s.zone_id;
      if (ImGui::Selectable((s.zone_labels[i] + "##" + z).c_str(), selected)) f.act(Kind::set_zone, z);
    }
    ImGui::EndCombo();
  }
  remember(f.s, "select:set_zone");
  probe::item(current, r.x0, r.x1, "field");
}

void month_grid(Frame& f) {
  const ViewModel& vm = f.vm;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float x0 = ImGui::GetCursorPosX();
  const float arrow = ImGui::GetFrameHeight() + 8;
  // Title left, arrows right (no tooltips: a tap would leave one standing over the grid).
  const float y = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(y + (arrow - ImGui::GetTextLineHeight()) / 2);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + avail - 2 * arrow - 8);
  wrapped(vm.month_title);
  ImGui::PopTextWrapPos();
  const float after_title = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(x0 + avail - 2 * arrow - 4, y));
  action(f, "<", Kind::prev_month, {}, ImVec2(arrow, arrow), vm.can_prev_month);
  ImGui::SameLine(0, 4);
  action(f, ">", Kind::next_month, {}, ImVec2(arrow, arrow), vm.can_next_month);
  ImGui::SetCursorPosY(std::max(after_title, y + arrow + 4));

  const float gap = 4.0f;
  const float cell = std::floor((avail - 6 * gap) / 7.0f);
  const float cell_h = std::min(cell, 44.0f);
  const float left = ImGui::GetCursorPosX();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
  // Weekday initials (captions), centred over their columns.
  std::optional<CaptionFont> weekday_font;
  weekday_font.emplace();
  for (int i = 0; i < 7 && i < static_cast<int>(vm.weekday_headers.size()); ++i) {
    const std::string& h = vm.weekday_headers[i];
    const float w = ImGui::CalcTextSize(h.c_str()).x;
    if (i > 0) ImGui::SameLine(left + static_cast<float>(i) * (cell + gap) + (cell - w) / 2);
    else ImGui::SetCursorPosX(left + (cell - w) / 2);
    const Room r{ImGui::GetCursorScreenPos().x - (cell - w) / 2, ImGui::GetCursorScreenPos().x + (cell + w) / 2};
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(h.c_str());
    ImGui::PopStyleColor();
    probe::item(h, r.x0, r.x1, "text");
  }
  weekday_font.reset();
  int col = 0;
  for (const DayCell& c : vm.cells) {
    if (col > 0) ImGui::SameLine(left + static_cast<float>(col) * (cell + gap));
    else ImGui::SetCursorPosX(left);
    col = (col + 1) % 7;
    if (!c.in_month) {
      ImGui::Dummy(ImVec2(cell, cell_h));
      continue;
    }
    const std::string label = std::to_string(c.date.day());
    if (c.bookable) {
      const std::uint32_t accent = f.s.accent;
      ImGui::PushStyleColor(ImGuiCol_Button, rgb(accent, c.selected ? 1.0f : 0.16f));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(accent, c.selected ? 0.9f : 0.3f));
      ImGui::PushStyleColor(ImGuiCol_Text, c.selected ? ImVec4(1, 1, 1, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
      action(f, label, Kind::select_day, core::format_date(c.date), ImVec2(cell, cell_h));
      ImGui::PopStyleColor(3);
    } else {
      const Room r = room();
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      ImGui::Button((label + "##off" + std::to_string(c.date.days_since_epoch())).c_str(), ImVec2(cell, cell_h));
      ImGui::PopStyleColor(5);
      probe::item(label, r.x0, r.x1, "button");
    }
    if (c.today) {
      const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2((lo.x + hi.x) / 2, hi.y - 6), 2.5f,
                                                  ImGui::GetColorU32(c.selected ? ImVec4(1, 1, 1, 1) : rgb(f.s.accent)));
    }
  }
  ImGui::PopStyleVar();
  if (vm.month_failed) {
    error_line(vm.month_retrying ? f.t(&Texts::retrying) : error_text(f.s.lang, "network_error"));
    action(f, f.t(&Texts::try_again), Kind::retry_month);
  } else if (vm.month_loading) {
    muted(f.t(&Texts::loading));
  } else if (vm.seeking) {
    muted(f.t(&Texts::loading));
  } else if (!vm.month_has_slots) {
    wrapped(f.t(&Texts::no_times_this_month));
    if (vm.can_next_month) action(f, f.t(&Texts::next_available), Kind::next_available);
  }
}

void time_grid(Frame& f, const std::vector<SlotRow>& rows, Kind kind);

void day_slots(Frame& f) {
  const ViewModel& vm = f.vm;
  if (!f.s.day) {
    wrapped(f.t(&Texts::choose_day));
    return;
  }
  wrapped(vm.day_title);
  caption(fill(f.t(&Texts::times_in), vm.zone_label));
  if (vm.day_slots.empty()) {
    wrapped(f.t(&Texts::no_times_this_day));
    return;
  }
  time_grid(f, vm.day_slots, Kind::select_slot);
}

// Time buttons under Morning / Afternoon / Evening, as many per row as fit.
void time_grid(Frame& f, const std::vector<SlotRow>& rows, Kind kind) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  float widest = 0;
  for (const SlotRow& row : rows) widest = std::max(widest, button_width(row.label.c_str()));
  const float min_w = std::max(110.0f, widest + 8);
  const int per_row = std::max(1, static_cast<int>((avail + spacing) / (min_w + spacing)));
  const float w = std::floor((avail - spacing * static_cast<float>(per_row - 1)) / static_cast<float>(per_row));
  int i = 0;
  int part = -1;
  const char* Texts::*parts[] = {&Texts::morning, &Texts::afternoon, &Texts::evening};
  for (const SlotRow& row : rows) {
    if (row.part_of_day != part) {
      // Grouped under Morning / Afternoon / Evening.
      part = row.part_of_day;
      i = 0;
      ImGui::Spacing();
      caption(f.t(parts[part]));
    }
    if (i++ % per_row != 0) ImGui::SameLine();
    if (row.selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, rgb(f.s.accent));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(f.s.accent, 0.9f));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    }
    action(f, row.label, kind, core::format_instant(row.slot.start), ImVec2(w, 40));
    if (row.selected) ImGui::PopStyleColor(3);
  }
}

// Who, what, where: the business, the service and its duration, the place, the host.
void wish_times(Frame& f);

// The month beside the day's times when there is room, else above them: booking and
// wished times lay out alike.
void month_and_times(Frame& f, void (*times)(Frame&)) {
  const float width = ImGui::GetContentRegionAvail().x;
  if (width >= 620.0f && ImGui::BeginTable("layout", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("cal", ImGuiTableColumnFlags_WidthStretch, 0.55f);
    ImGui::TableSetupColumn("times", ImGuiTableColumnFlags_WidthStretch, 0.45f);
    ImGui::TableNextColumn();
    month_grid(f);
    ImGui::Spacing();
    zone_combo(f, ImGui::GetContentRegionAvail().x);
    ImGui::TableNextColumn();
    ImGui::Indent(12);
    times(f);
    ImGui::Unindent(12);
    ImGui::EndTable();
  } else {
    month_grid(f);
    ImGui::Spacing();
    zone_combo(f, width);
    ImGui::Separator();
    times(f);
  }
}

void header(Frame& f) {
  WidgetState& s = f.s;
  if (s.logo_texture != 0) {
    // The business logo, 40 px tall, left of the name (vertically centred on its first line).
    const Room r = room();
    const float y = ImGui::GetCursorPosY();
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(s.logo_texture)), ImVec2(s.logo_w, s.logo_h));
    probe::item(fill(f.t(&Texts::logo_alt), s.page_name), r.x0, r.x1, "image");
    ImGui::SameLine(0, 12);
    ImFont* name_font = title_font(true);
    const float line = name_font != nullptr ? name_font->FontSize * ImGui::GetIO().FontGlobalScale : 24.0f;
    ImGui::SetCursorPosY(y + std::max(0.0f, (s.logo_h - line) / 2));
  }
  heading(s.page_name.empty() ? f.t(&Texts::choose_day) : s.page_name, true);
  if (!s.event_types.empty()) {
    const EventType& e = s.event_types[s.event_type];
    std::string line = e.name;
    if (e.duration_minutes > 0) {
      line += " \xC2\xB7 " + fill(f.t(&Texts::minutes), std::to_string(e.duration_minutes));
    }
    wrapped(line);
    if (!f.vm.location_line.empty()) muted(f.vm.location_line);
    if (!f.vm.host_line.empty()) muted(f.vm.host_line);
    if (!e.description.empty()) wrapped(e.description);
  }
  if (!s.page_description.empty()) muted(s.page_description);
}

// A button whose label wraps by words when the room is narrower than the label (long
// German and Hungarian sentences on a phone); otherwise like action().
void wrap_action(Frame& f, const std::string& label, Kind k) {
  const Room r = room();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float wrap = std::max(40.0f, ImGui::GetContentRegionAvail().x - 2 * st.FramePadding.x);
  const ImVec2 ts = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap);
  const std::string key = intent_id(Intent{k, {}, {}});
  const bool pressed = ImGui::InvisibleButton(key.c_str(), ImVec2(ts.x + 2 * st.FramePadding.x, ts.y + 2 * st.FramePadding.y));
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiCol fill_col = ImGui::IsItemActive() ? ImGuiCol_ButtonActive : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button;
  dl->AddRectFilled(lo, hi, ImGui::GetColorU32(fill_col), st.FrameRounding);
  dl->AddRect(lo, hi, ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding, 0, st.FrameBorderSize);
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(lo.x + st.FramePadding.x, lo.y + st.FramePadding.y),
              ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, wrap);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  remember(f.s, key);
  probe::item(label, r.x0, r.x1, "text");
  if (pressed) f.act(k);
}

// Secondary buttons, one per row when narrow, side by side when they fit.
void inquiry_links(Frame& f) {
  wrap_action(f, f.t(&Texts::ask_question), Kind::start_question);
  next_in_row(button_width(f.t(&Texts::suggest_times)));
  wrap_action(f, f.t(&Texts::suggest_times), Kind::start_suggest);
}

void calendar(Frame& f) {
  WidgetState& s = f.s;
  header(f);
  if (s.rescheduling) wrapped(f.t(&Texts::reschedule));
  if (!s.notice_code.empty()) colored(g_theme.notice, f.t(&Texts::slot_taken));
  screen_error(f);
  if (s.event_types.size() > 1 && !s.rescheduling) {
    wrapped(f.t(&Texts::service));
    const EventType& cur = s.event_types[s.event_type];
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420.0f));
    const Room r = room();
    if (ImGui::BeginCombo("##service", cur.name.c_str())) {
      for (const EventType& e : s.event_types) {
        if (ImGui::Selectable(e.name.c_str(), e.id == cur.id)) f.act(Kind::set_event_type, e.id);
      }
      ImGui::EndCombo();
    }
    remember(s, "select:set_event_type");
    probe::item(cur.name, r.x0, r.x1, "field");
  }
  ImGui::Spacing();
  month_and_times(f, day_slots);
  if (s.rescheduling) {
    ImGui::Spacing();
    action(f, f.t(&Texts::back), Kind::back);
    return;
  }
  // Beside booking (issue 14): a question, or wished times when none of these work.
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  inquiry_links(f);
}

void field(Frame& f, const char* id, const char* label, bool optional, std::string& value, bool multiline = false) {
  std::string text = label;
  if (optional) text += std::string(" (") + f.t(&Texts::optional) + ")";
  wrapped(text);
  ImGui::PushID(id);
  ImGui::SetNextItemWidth(-1);
  const Room r = room();
  const bool changed = multiline ? ImGui::InputTextMultiline("##v", &value, ImVec2(-1, ImGui::GetTextLineHeight() * 4))
                                 : ImGui::InputText("##v", &value);
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  f.s.field_rects[id] = {lo.x, lo.y, hi.x - lo.x, hi.y - lo.y};
  f.s.item_rects[std::string("field:") + id] = f.s.field_rects[id];
  probe::item(value, r.x0, r.x1, "field");
  ImGui::PopID();
  if (changed) f.out = Intent{Kind::edit_field, id, value};
  for (const core::Error& e : f.s.field_errors) {
    if (e.field == id) error_line(error_text(f.s.lang, e.code));
  }
}

void back_and_primary(Frame& f, const char* primary_label, Kind k, bool enabled) {
  ImGui::Spacing();
  action(f, f.t(&Texts::back), Kind::back, {}, ImVec2(0, 0), !f.s.busy);
  next_in_row(button_width(primary_label));
  primary(f, primary_label, k, enabled);
}

void form(Frame& f) {
  WidgetState& s = f.s;
  heading(f.t(&Texts::your_details));
  wrapped(f.vm.slot_summary);
  if (!f.vm.host_line.empty()) muted(std::string(f.t(&Texts::host)) + ": " + f.vm.host_line);
  ImGui::Spacing();
  field(f, "name", f.t(&Texts::name), false, s.form.name);
  field(f, "email", f.t(&Texts::email), false, s.form.email);
  if (!s.email_suggestion.empty()) {
    wrapped(fill(f.t(&Texts::did_you_mean), s.email_suggestion));
    action(f, f.t(&Texts::use_suggestion), Kind::accept_suggestion);
  }
  field(f, "phone", f.t(&Texts::phone), true, s.form.phone);
  field(f, "company", f.t(&Texts::company), true, s.form.company);
  field(f, "notes", f.t(&Texts::notes), true, s.form.notes, true);
  back_and_primary(f, f.t(&Texts::next), Kind::to_review, f.vm.form_valid);
}

// Label / value pairs: two columns when there is room (values wrap by words in theirs),
// else each label above its value.
void summary_rows(Frame& f) {
  const WidgetState& s = f.s;
  std::vector<std::pair<const char*, std::string>> rows;
  if (!s.event_types.empty()) rows.emplace_back(f.t(&Texts::service), s.event_types[s.event_type].name);
  rows.emplace_back(f.t(&Texts::when), f.vm.slot_summary);
  rows.emplace_back(f.t(&Texts::host), f.vm.host_line);
  rows.emplace_back(f.t(&Texts::name), s.form.name);
  rows.emplace_back(f.t(&Texts::email), s.form.email);
  rows.emplace_back(f.t(&Texts::phone), s.form.phone);
  rows.emplace_back(f.t(&Texts::company), s.form.company);
  rows.emplace_back(f.t(&Texts::notes), s.form.notes);
  float label_w = 0, word_w = 0;
  for (const auto& [k, v] : rows) {
    if (v.empty()) continue;
    label_w = std::max(label_w, ImGui::CalcTextSize(k).x);
    word_w = std::max(word_w, probe::longest_word(v));
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  // Two columns only when every value's longest word fits beside the labels.
  const bool two_columns = label_w + 16 <= avail * 0.4f && label_w + 16 + word_w <= avail;
  if (two_columns && ImGui::BeginTable("summary", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, label_w + 8);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    for (const auto& [k, v] : rows) {
      if (v.empty()) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      muted(k);
      ImGui::TableNextColumn();
      wrapped(v);
    }
    ImGui::EndTable();
    return;
  }
  for (const auto& [k, v] : rows) {
    if (v.empty()) continue;
    muted(k);
    wrapped(v);
    ImGui::Spacing();
  }
}

void review(Frame& f) {
  heading(f.t(&Texts::review));
  if (f.s.rescheduling) {
    wrapped(f.vm.slot_summary);
  } else {
    summary_rows(f);
  }
  screen_error(f);
  back_and_primary(f, f.s.busy ? f.t(&Texts::sending) : f.t(&Texts::confirm_booking), Kind::confirm, !f.s.busy);
}

// The wished days and hours on the same calendar (any day from today).
void wish_times(Frame& f) {
  const ViewModel& vm = f.vm;
  if (!f.s.day) {
    wrapped(f.t(&Texts::choose_day));
  } else {
    wrapped(vm.day_title);
    caption(fill(f.t(&Texts::times_in), vm.zone_label));
    if (vm.wish_rows.empty()) wrapped(f.t(&Texts::no_times_this_day));
    else time_grid(f, vm.wish_rows, Kind::toggle_wish);
  }
  ImGui::Spacing();
  muted(f.t(&Texts::wished_times));
  if (vm.wish_labels.empty()) wrapped(f.t(&Texts::no_wishes));
  for (const std::string& w : vm.wish_labels) wrapped(w);
}

void suggest(Frame& f) {
  heading(f.t(&Texts::suggest_title));
  wrapped(f.t(&Texts::suggest_body));
  if (!f.vm.location_line.empty()) muted(f.vm.location_line);
  screen_error(f);
  ImGui::Spacing();
  month_and_times(f, wish_times);
  back_and_primary(f, f.t(&Texts::next), Kind::to_inquiry, !f.s.wishes.empty());
}

void inquiry(Frame& f) {
  WidgetState& s = f.s;
  heading(s.inquiry_request ? f.t(&Texts::suggest_title) : f.t(&Texts::ask_question));
  if (s.inquiry_request) {
    muted(f.t(&Texts::wished_times));
    for (const std::string& w : f.vm.wish_labels) wrapped(w);
  } else {
    wrapped(f.t(&Texts::question_body));
  }
  if (!f.vm.location_line.empty()) muted(f.vm.location_line);
  ImGui::Spacing();
  field(f, "name", f.t(&Texts::name), false, s.form.name);
  field(f, "email", f.t(&Texts::email), false, s.form.email);
  if (!s.email_suggestion.empty()) {
    wrapped(fill(f.t(&Texts::did_you_mean), s.email_suggestion));
    action(f, f.t(&Texts::use_suggestion), Kind::accept_suggestion);
  }
  field(f, "phone", f.t(&Texts::phone), true, s.form.phone);
  field(f, "message", f.t(&Texts::message), false, s.inquiry_message, true);
  for (const core::Error& e : s.field_errors) {
    if (e.field == "wished_times") error_line(error_text(s.lang, e.code));
  }
  screen_error(f);
  back_and_primary(f, s.busy ? f.t(&Texts::sending) : f.t(&Texts::send_request), Kind::send_inquiry,
                   f.vm.form_valid && !s.busy);
}

void inquiry_sent(Frame& f) {
  const WidgetState& s = f.s;
  heading(f.t(&Texts::inquiry_sent_title), false, true);
  for (const std::string& w : f.vm.wish_labels) wrapped(w);
  if (!f.vm.location_line.empty()) muted(f.vm.location_line);
  wrapped(fill(s.mail_delivery ? f.t(&Texts::inquiry_sent_body) : f.t(&Texts::inquiry_sent_body_no_mail), s.form.email));
  ImGui::Spacing();
  action(f, f.t(&Texts::back_to_calendar), Kind::back);
}

void success(Frame& f) {
  const WidgetState& s = f.s;
  heading(s.booking.status == "pending" ? f.t(&Texts::pending_title) : f.t(&Texts::booked_title), false, true);
  wrapped(f.vm.booking_label);
  if (!f.vm.location_line.empty()) muted(f.vm.location_line);
  if (!f.vm.host_line.empty()) muted(std::string(f.t(&Texts::host)) + ": " + f.vm.host_line);
  wrapped(s.mail_delivery ? f.t(&Texts::booked_body) : f.t(&Texts::booked_body_no_mail));
  ImGui::Spacing();
  primary(f, f.t(&Texts::add_to_calendar), Kind::download_ics);
  ImGui::Spacing();
  wrapped(f.t(&Texts::manage_link));
  std::string link = s.booking.manage_url;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##manage", &link, ImGuiInputTextFlags_ReadOnly);
  action(f, f.t(&Texts::open_manage), Kind::open_manage);
}

void manage(Frame& f) {
  const WidgetState& s = f.s;
  heading(f.t(&Texts::manage_title));
  wrapped(f.vm.booking_label);
  wrapped(std::string(f.t(&Texts::status)) + ": " + booking_status_text(s.lang, s.booking.status));
  screen_error(f);
  ImGui::Spacing();
  if (f.vm.can_reschedule) primary(f, f.t(&Texts::reschedule), Kind::start_reschedule, !s.busy);
  if (f.vm.can_cancel) {
    if (f.vm.can_reschedule) next_in_row(button_width(f.t(&Texts::cancel_booking)));
    action(f, f.t(&Texts::cancel_booking), Kind::start_cancel, {}, ImVec2(0, 0), !s.busy);
  }
}

void cancel_ask(Frame& f) {
  heading(f.t(&Texts::cancel_booking));
  wrapped(f.vm.booking_label);
  screen_error(f);
  primary(f, f.t(&Texts::confirm_cancel), Kind::confirm_cancel, !f.s.busy);
  next_in_row(button_width(f.t(&Texts::keep_booking)));
  action(f, f.t(&Texts::keep_booking), Kind::keep);
}

void proposal(Frame& f) {
  heading(f.t(&Texts::proposal_title));
  if (!f.s.host_message.empty()) wrapped(f.s.host_message);
  wrapped(f.t(&Texts::proposal_body));
  screen_error(f);
  for (std::size_t i = 0; i < f.vm.candidate_labels.size() && i < f.s.candidates.size(); ++i) {
    ImGui::Spacing();
    wrapped(f.vm.candidate_labels[i]);
    primary(f, f.t(&Texts::choose_this_time), Kind::choose_candidate, !f.s.busy,
            core::format_instant(f.s.candidates[i].start));
  }
  ImGui::Spacing();
  action(f, f.t(&Texts::ask_other_times), Kind::start_readjust);
}

void readjust(Frame& f) {
  heading(f.t(&Texts::ask_other_times));
  field(f, "readjust_message", f.t(&Texts::message_to_host), true, f.s.readjust_message, true);
  screen_error(f);
  back_and_primary(f, f.t(&Texts::send_request), Kind::send_readjust, !f.s.busy);
}

void request(Frame& f) {
  heading(f.t(&Texts::request_title));
  wrapped(f.t(&Texts::request_body));
  for (const std::string& label : f.vm.request_labels) wrapped(label);
  if (!f.s.host_message.empty()) wrapped(f.s.host_message);
  screen_error(f);
  ImGui::Spacing();
  primary(f, f.t(&Texts::accept), Kind::accept_request, !f.s.busy);
  if (f.s.allow_decline) {
    next_in_row(button_width(f.t(&Texts::decline)));
    action(f, f.t(&Texts::decline), Kind::start_decline, {}, ImVec2(0, 0), !f.s.busy);
  }
}

void decline(Frame& f) {
  heading(f.t(&Texts::decline));
  field(f, "decline_reason", f.t(&Texts::decline_reason), true, f.s.decline_reason, true);
  screen_error(f);
  back_and_primary(f, f.t(&Texts::send_request), Kind::send_decline, !f.s.busy);
}

void done(Frame& f) {
  heading(f.t(f.s.done_text));
  if (!f.vm.booking_label.empty()) wrapped(f.vm.booking_label);
}

void fatal(Frame& f) {
  heading(error_text(f.s.lang, f.s.error_code.empty() ? "error" : f.s.error_code));
  primary(f, f.t(&Texts::try_again), Kind::retry);
}

// A 2 px accent ring 2 px outside the item the mirror's focus is on.
void focus_ring(const WidgetState& s) {
  if (s.focus_key.empty()) return;
  const auto it = s.item_rects.find(s.focus_key);
  if (it == s.item_rects.end()) return;
  const auto& r = it->second;
  probe::focus(s.focus_key, r[0], r[1], r[2], r[3]);
  ImGui::GetForegroundDrawList()->AddRect(ImVec2(r[0] - 3, r[1] - 3), ImVec2(r[0] + r[2] + 3, r[1] + r[3] + 3),
                                          ImGui::GetColorU32(g_theme.ring), 8.0f, 0, 2.0f);
}

}  // namespace

std::optional<Intent> draw_screen(WidgetState& state, const ViewModel& vm, float& content_height) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  // The window never scrolls and never shows a scrollbar: the canvas is as tall as the
  // content (the shell sizes it from content_height), so the layout depends on the width
  // only, and scrolling is the browser's own (wheel, touch, keyboard).
  ImGui::Begin("Kairos", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::SetScrollY(0);
  state.item_rects.clear();
  probe::begin(screen_name(state.screen), io.DisplaySize.x, io.DisplaySize.y);
  Frame f{state, vm, std::nullopt};
  switch (state.screen) {
    case Screen::loading: wrapped(f.t(&Texts::loading)); break;
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
    case Screen::suggest: suggest(f); break;
    case Screen::inquiry: inquiry(f); break;
    case Screen::inquiry_sent: inquiry_sent(f); break;
  }
  content_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
  probe::set_content_height(content_height);
  focus_ring(state);
  if (probe::enabled()) {
    // The colour pairs the contrast test checks (tests/e2e/contrast.test.js).
    auto hex = [](ImVec4 c) { return pack_color(c); };
    probe::colors({{"text/bg", hex(g_theme.text), hex(g_theme.bg), 4.5f},
                   {"muted/bg", hex(g_theme.muted), hex(g_theme.bg), 4.5f},
                   {"text/tinted button", hex(g_theme.text), hex(g_theme.tint), 4.5f},
                   {"white/primary", 0xffffffu, hex(g_theme.accent), 4.5f},
                   {"error/bg", hex(g_theme.error), hex(g_theme.bg), 4.5f},
                   {"notice/bg", hex(g_theme.notice), hex(g_theme.bg), 4.5f},
                   {"field border/bg", hex(g_theme.field_border), hex(g_theme.bg), 3.0f},
                   {"focus ring/bg", hex(g_theme.ring), hex(g_theme.bg), 3.0f},
                   {"button edge/bg", hex(ImGui::GetStyleColorVec4(ImGuiCol_Border)), hex(g_theme.bg), 3.0f}});
  }
  probe::end();
  ImGui::End();
  return f.out;
}

namespace {

float channel(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float luminance(ImVec4 c) { return 0.2126f * channel(c.x) + 0.7152f * channel(c.y) + 0.0722f * channel(c.z); }
ImVec4 mix(ImVec4 a, ImVec4 b, float t) {
  return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1);
}
std::uint32_t pack(ImVec4 c) {
  auto u = [](float v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  return (u(c.x) << 16) | (u(c.y) << 8) | u(c.z);
}

}  // namespace

std::uint32_t pack_color(ImVec4 c) { return pack(c); }

float contrast(ImVec4 a, ImVec4 b) {
  const float la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ThemeColors g_theme;

std::uint32_t apply_theme(bool dark, std::uint32_t accent_in) {
  ImGuiStyle& style = ImGui::GetStyle();
  if (dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowPadding = ImVec2(20, 20);
  style.FramePadding = ImVec2(12, 8);
  style.ItemSpacing = ImVec2(8, 8);
  style.FrameRounding = 8;
  style.GrabRounding = 8;
  style.PopupRounding = 8;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;  // fields and buttons have a visible edge
  ImVec4* c = style.Colors;
  const ImVec4 bg = dark ? ImVec4(0.09f, 0.10f, 0.12f, 1) : ImVec4(1, 1, 1, 1);
  const ImVec4 white(1, 1, 1, 1);
  // The accent fills the primary button under white text: darkened until that text has
  // 4.5:1 (a light brand colour is deepened, not ignored).
  ImVec4 accent = rgb(accent_in);
  for (int i = 0; i < 20 && contrast(white, accent) < 4.5f; ++i) accent = mix(accent, ImVec4(0, 0, 0, 1), 0.08f);
  // The focus ring and outlines need 3:1 against the background: lightened on dark.
  ImVec4 ring = accent;
  for (int i = 0; i < 20 && contrast(ring, bg) < 3.0f; ++i) ring = mix(ring, white, 0.1f);
  const ImVec4 text = dark ? ImVec4(0.93f, 0.94f, 0.96f, 1) : ImVec4(0.07f, 0.09f, 0.13f, 1);
  const ImVec4 tint = mix(bg, accent, dark ? 0.28f : 0.12f);
  c[ImGuiCol_WindowBg] = bg;
  c[ImGuiCol_PopupBg] = dark ? ImVec4(0.13f, 0.14f, 0.17f, 1) : white;
  c[ImGuiCol_Text] = text;
  // Secondary text (labels, weekday initials, days without times) at >= 4.5:1.
  c[ImGuiCol_TextDisabled] = dark ? ImVec4(0.66f, 0.69f, 0.74f, 1) : ImVec4(0.33f, 0.36f, 0.42f, 1);
  // Tinted buttons keep the theme's text colour; their edge is the ring colour (>= 3:1).
  c[ImGuiCol_Button] = tint;
  c[ImGuiCol_ButtonHovered] = mix(bg, accent, dark ? 0.4f : 0.22f);
  c[ImGuiCol_ButtonActive] = mix(bg, accent, dark ? 0.5f : 0.32f);
  c[ImGuiCol_Border] = ring;
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Header] = mix(bg, accent, 0.25f);
  c[ImGuiCol_HeaderHovered] = mix(bg, accent, 0.35f);
  c[ImGuiCol_HeaderActive] = mix(bg, accent, 0.45f);
  c[ImGuiCol_CheckMark] = ring;
  c[ImGuiCol_FrameBg] = bg;
  c[ImGuiCol_FrameBgHovered] = mix(bg, accent, 0.06f);
  c[ImGuiCol_FrameBgActive] = mix(bg, accent, 0.1f);
  c[ImGuiCol_NavHighlight] = ring;
  c[ImGuiCol_TextSelectedBg] = mix(bg, accent, 0.35f);
  c[ImGuiCol_Separator] = dark ? ImVec4(0.35f, 0.37f, 0.42f, 1) : ImVec4(0.80f, 0.82f, 0.86f, 1);
  g_theme.dark = dark;
  g_theme.bg = bg;
  g_theme.text = text;
  g_theme.muted = c[ImGuiCol_TextDisabled];
  g_theme.accent = accent;
  g_theme.ring = ring;
  g_theme.tint = tint;
  g_theme.field_border = ring;
  g_theme.error = dark ? ImVec4(1.0f, 0.54f, 0.54f, 1) : ImVec4(0.73f, 0.11f, 0.11f, 1);
  g_theme.notice = dark ? ImVec4(1.0f, 0.72f, 0.35f, 1) : ImVec4(0.60f, 0.29f, 0.0f, 1);
  return pack(accent);
}

}  // namespace kairos::widget
