// The widget's fonts: the Latin Extended subset is always loaded; the Japanese subset
// is fetched only once Japanese text must be shown. Glyphs are rasterised at the
// screen's devicePixelRatio (and drawn at 1/ratio) so text stays sharp on high-DPI
// screens; the atlas is rebuilt when the ratio or the loaded fonts change. Every size
// drawn has its own atlas font (body, screen titles, the business name): glyphs are
// never scaled, so headings are as sharp as body text at every ratio.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace kairos::widget {

class FontSet {
 public:
  static constexpr float caption_size = 13.0f;  // captions: weekday initials, parts of the day, the zone line
  static constexpr float base_size = 16.0f;   // body text (CSS px)
  static constexpr float title_size = 20.0f;  // screen titles
  static constexpr float name_size = 24.0f;   // the business name

  void set_latin(std::vector<unsigned char> data);
  void set_japanese(std::vector<unsigned char> data);
  bool has_latin() const { return !latin_.empty(); }
  bool has_japanese() const { return !japanese_.empty(); }
  // The Japanese font was asked for: the atlas is not first built without it (false
  // again when it could not be loaded).
  void expect_japanese(bool on) { japanese_expected_ = on; }

  // The title, name and caption sizes hold only Basic Latin (with Japanese: Latin, kana)
  // and the glyphs of this text (the language's texts, weekday initials, zone labels and
  // the page's name): three sizes of 3,000 kanji do not bloat the atlas, and three sizes
  // of every Latin Extended letter do not cost a cold start ~40 % more rasterising. The
  // atlas is first built once this is known; a change rebuilds it.
  void set_title_text(std::string text);
  // With Japanese, the body font's first build also holds the kanji of this text (the
  // page's other owner content, month and weekday names); not a reason to rebuild.
  void set_body_text(std::string text) { body_text_ = std::move(text); }
  bool built() const { return built_latin_; }
  // Counts atlas builds (a rebuilt atlas may reuse the old texture's GL name).
  unsigned generation() const { return generation_; }

  // Rebuilds ImGui's font atlas and the GL texture when needed (true when it did). Call
  // between frames.
  bool apply(float scale);

  // With Japanese, the body font first holds Latin, kana and the kanji of the title text
  // only; from `at_ms` (browser::now_ms) on, every JIS level-1 kanji (one rebuild).
  void want_all_kanji(double at_ms);
  // False when the body font lacks a glyph of `text` (then want_all_kanji now).
  bool covers(std::string_view text) const;

 private:
  std::vector<unsigned char> latin_;
  std::vector<unsigned char> japanese_;
  float built_scale_ = 0;
  bool built_japanese_ = false;
  bool built_latin_ = false;
  std::string title_text_;
  std::string body_text_;
  bool title_known_ = false;
  std::string built_title_text_;
  unsigned generation_ = 0;
  double all_kanji_at_ms_ = 0;  // 0: not asked for yet
  bool built_all_kanji_ = false;
  bool japanese_expected_ = false;
};

// The atlas font for screen titles (or the business name); nullptr before the first build.
ImFont* title_font(bool business_name);
// The 13 px caption font (its own atlas size, never the body font scaled); nullptr before
// the first build.
ImFont* caption_font();

// While the Japanese body font holds only the first screens' kanji, each drawn text is
// checked (probe::item); a missing glyph is noted, that frame is not rendered and the
// next has every kanji (main.cpp).
bool glyphs_partial();
void note_missing_glyph();
bool take_missing_glyph();
// How many characters of `text` from code point `first` on `font` has no glyph for
// (drawn as '?'); at most `limit` are counted.
int missing_glyphs(const ImFont& font, std::string_view text, unsigned first, int limit = 1 << 30);

// True when `text` holds a character outside what the Latin subset covers.
bool needs_japanese(std::string_view text);

}  // namespace kairos::widget
