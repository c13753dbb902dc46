// Builds ImGui's font atlas from the fetched subsets (see fonts.hpp).
#include "fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_opengl3.h>

#include <utility>

#include "browser.hpp"

namespace kairos::widget {

namespace {
// Latin subset ranges; must match wasm/fonts/subset_fonts.py.
constexpr ImWchar latin_ranges[] = {0x0020, 0x007E, 0x00A0, 0x024F, 0x2010, 0x2027, 0x2030, 0x203A,
                                    0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0x25B2, 0x25BC,
                                    0x2713, 0x2713, 0};
// Titles: Basic Latin, Latin-1 and Extended-A (Hungarian ő, ű), punctuation, the check mark.
constexpr ImWchar title_latin_ranges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2010, 0x2027, 0x2713, 0x2713, 0};
// Without Japanese: Basic Latin (digits, names typed in ASCII), the rest from the texts.
constexpr ImWchar title_ascii_ranges[] = {0x0020, 0x007E, 0x2010, 0x2027, 0x2713, 0x2713, 0};
constexpr ImWchar kana_ranges[] = {0x3000, 0x30FF, 0xFF01, 0xFF60, 0};
ImFont* g_title = nullptr;
ImFont* g_name = nullptr;
ImFont* g_caption = nullptr;
bool g_partial = false;
bool g_missing = false;
}  // namespace

bool glyphs_partial() { return g_partial; }
void note_missing_glyph() { g_missing = true; }
bool take_missing_glyph() { return std::exchange(g_missing, false); }

ImFont* title_font(bool business_name) { return business_name ? g_name : g_title; }
ImFont* caption_font() { return g_caption; }

void FontSet::set_title_text(std::string text) {
  title_text_ = std::move(text);
  title_known_ = true;
}

void FontSet::set_latin(std::vector<unsigned char> data) { latin_ = std::move(data); }
void FontSet::set_japanese(std::vector<unsigned char> data) { japanese_ = std::move(data); }

void FontSet::want_all_kanji(double at_ms) {
  if (all_kanji_at_ms_ == 0 || at_ms < all_kanji_at_ms_) all_kanji_at_ms_ = at_ms;
}

int missing_glyphs(const ImFont& font, std::string_view text, unsigned first, int limit) {
  int missing = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end && missing < limit) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    p += n;
    if (c >= first && c <= 0xFFFF && font.FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) ++missing;
  }
  return missing;
}

bool FontSet::covers(std::string_view text) const {
  if (!has_japanese() || built_all_kanji_ || ImGui::GetIO().Fonts->Fonts.empty()) return true;
  // Beyond ASCII, which the Latin ranges always hold.
  return missing_glyphs(*ImGui::GetIO().Fonts->Fonts[0], text, 0x80, 1) == 0;
}

bool FontSet::apply(float scale) {
  if (latin_.empty() || !title_known_) return false;
  // Japanese is on its way (already fetched by the shell): one build with it, not a
  // Latin one first.
  if (japanese_expected_ && !has_japanese()) return false;
  // The body font's full kanji set is built once asked for (and its time has come).
  const bool all_kanji = has_japanese() && all_kanji_at_ms_ > 0 && browser::now_ms() >= all_kanji_at_ms_;
  if (built_latin_ && scale == built_scale_ && built_japanese_ == has_japanese() && built_title_text_ == title_text_ &&
      built_all_kanji_ == all_kanji) {
    return false;
  }
  browser::mark("atlas-start");
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the vectors above own the bytes
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  const float px = base_size * scale;
  std::vector<unsigned char>& main_font = has_japanese() ? japanese_ : latin_;
  ImVector<ImWchar> ranges;
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(latin_ranges);
  // Japanese: first only the kana and kanji of the texts known (the language's, the
  // page's, month, weekday and zone names): ~350 glyphs a size instead of ~3,200 (body)
  // and ~700 (titles: every kana), so the first screen is not held up rasterising them;
  // every kana and JIS level-1 kanji (names the guest types) follow once the screen is
  // on (want_all_kanji), or at once when a text needs one (note_missing_glyph).
  if (has_japanese()) {
    if (all_kanji) {
      builder.AddRanges(kana_ranges);
      builder.AddRanges(io.Fonts->GetGlyphRangesJapanese());
    } else {
      builder.AddText(title_text_.c_str());
      builder.AddText(body_text_.c_str());
    }
  }
  builder.BuildRanges(&ranges);
  io.Fonts->AddFontFromMemoryTTF(main_font.data(), static_cast<int>(main_font.size()), px, &cfg,
                                 ranges.Data);
  ImVector<ImWchar> title_ranges;
  ImFontGlyphRangesBuilder title_builder;
  title_builder.AddRanges(all_kanji ? title_latin_ranges : title_ascii_ranges);
  if (all_kanji) title_builder.AddRanges(kana_ranges);
  title_builder.AddText(title_text_.c_str());
  title_builder.BuildRanges(&title_ranges);
  g_title = io.Fonts->AddFontFromMemoryTTF(main_font.data(), static_cast<int>(main_font.size()), title_size * scale,
                                           &cfg, title_ranges.Data);
  g_name = io.Fonts->AddFontFromMemoryTTF(main_font.data(), static_cast<int>(main_font.size()), name_size * scale,
                                          &cfg, title_ranges.Data);
  g_caption = io.Fonts->AddFontFromMemoryTTF(main_font.data(), static_cast<int>(main_font.size()), caption_size * scale,
                                            &cfg, title_ranges.Data);
  io.Fonts->Build();
  io.FontGlobalScale = 1.0f / scale;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  built_scale_ = scale;
  built_japanese_ = has_japanese();
  built_latin_ = true;
  built_title_text_ = title_text_;
  built_all_kanji_ = all_kanji;
  g_partial = has_japanese() && !all_kanji;
  g_missing = false;
  ++generation_;
  browser::mark(all_kanji ? "atlas-kanji" : "atlas");
  return true;
}

bool needs_japanese(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // Lead bytes 0xE3..0xE9 start U+3000..U+9FFF (kana, CJK punctuation, kanji); 0xEF
    // covers full-width forms. Latin Extended never needs a three-byte sequence.
    if (c >= 0xE3 && c <= 0xE9) return true;
    if (c == 0xEF && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xBC) return true;
  }
  return false;
}

}  // namespace kairos::widget
