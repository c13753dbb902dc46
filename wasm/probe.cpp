// See probe.hpp.
#include "probe.hpp"

#include "fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

namespace kairos::widget::probe {

namespace {
using Json = nlohmann::json;
bool g_enabled = false;
Json g_frame;
std::string g_last = "{}";

}  // namespace

// The widest unbreakable run: ImGui wraps at spaces (and after CJK characters, which it
// may break anywhere), so a word wider than its room is cut into characters.
float longest_word(std::string_view text) {
  float best = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n') {
      const auto c = static_cast<unsigned char>(text[j]);
      if (c >= 0xE3 && c <= 0xE9 && j > i) break;  // a CJK character starts a new run
      j += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    if (j > text.size()) j = text.size();
    if (j > i) {
      const float w = ImGui::CalcTextSize(text.data() + i, text.data() + j).x;
      if (w > best) best = w;
    } else {
      ++j;
    }
    i = j;
  }
  return best;
}

// Characters the current font has no glyph for (drawn as '?').
int missing_glyphs(std::string_view text) {
  const ImFont* font = ImGui::GetFont();
  return font == nullptr ? 0 : widget::missing_glyphs(*font, text, 0x20);
}

void set_enabled(bool on) { g_enabled = on; }
bool enabled() { return g_enabled; }

void begin(const char* screen, float canvas_w, float canvas_h) {
  if (!g_enabled) return;
  g_frame = Json{{"screen", screen}, {"canvas", Json::array({canvas_w, canvas_h})}, {"items", Json::array()},
                 {"dpr", ImGui::GetIO().DisplayFramebufferScale.x}};
}

void set_content_height(float h) {
  if (g_enabled) g_frame["content_height"] = h;
}

void item(std::string_view text, float x0, float x1, const char* kind) {
  if (text.empty()) return;
  // Also outside tests: a text the partial Japanese atlas cannot write (see fonts.hpp).
  const std::string_view shown = text.substr(0, text.find("##"));
  if (glyphs_partial() && missing_glyphs(shown) > 0) note_missing_glyph();
  if (!g_enabled) return;
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  const std::string visible(shown);
  Json it{{"t", visible},
          {"k", kind},
          {"r", Json::array({lo.x, lo.y, hi.x - lo.x, hi.y - lo.y})},
          {"c", Json::array({x0, x1})},
          {"word", longest_word(visible)},
          {"tw", ImGui::CalcTextSize(visible.c_str()).x},
          // The size drawn (CSS px) and the size its atlas font was rasterised at (device
          // px): equal after the ratio when no glyph is scaled.
          {"px", ImGui::GetFontSize()},
          {"raster", ImGui::GetFont() != nullptr ? ImGui::GetFont()->FontSize : 0.0f},
          {"missing", missing_glyphs(visible)}};
  g_frame["items"].push_back(std::move(it));
}

void focus(const std::string& key, float x, float y, float w, float h) {
  if (g_enabled) g_frame["focus"] = Json{{"key", key}, {"r", Json::array({x, y, w, h})}};
}

void colors(std::initializer_list<ColorPair> pairs) {
  if (!g_enabled) return;
  Json out = Json::array();
  for (const ColorPair& p : pairs) out.push_back(Json{{"name", p.name}, {"fg", p.fg}, {"bg", p.bg}, {"min", p.min_ratio}});
  g_frame["colors"] = std::move(out);
}

void end() {
  if (!g_enabled) return;
  // Windows drawn over the screen (tooltips, open lists): a tap must not leave one behind.
  Json overlays = Json::array();
  for (ImGuiWindow* w : GImGui->Windows) {
    const std::string_view name(w->Name);
    if (w->Active && (w->Flags & ImGuiWindowFlags_ChildWindow) == 0 && name != "Kairos" &&
        name.rfind("Debug##", 0) != 0) {
      overlays.push_back(w->Name);
    }
  }
  g_frame["overlays"] = std::move(overlays);
  g_last = g_frame.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const std::string& last() { return g_last; }

}  // namespace kairos::widget::probe
