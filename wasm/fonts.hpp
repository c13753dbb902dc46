// The widget's fonts: the Latin Extended subset is always loaded; the Japanese subset
// is fetched only once Japanese text must be shown. Glyphs are rasterised at the
// screen's devicePixelRatio (and drawn at 1/ratio) so text stays sharp on high-DPI
// screens; the atlas is rebuilt when the ratio or the loaded fonts change.
#pragma once

#include <string_view>
#include <vector>

namespace kairos::widget {

class FontSet {
 public:
  static constexpr float base_size = 16.0f;

  void set_latin(std::vector<unsigned char> data);
  void set_japanese(std::vector<unsigned char> data);
  bool has_latin() const { return !latin_.empty(); }
  bool has_japanese() const { return !japanese_.empty(); }

  // Rebuilds ImGui's font atlas and the GL texture when needed. Call between frames.
  void apply(float scale);

 private:
  std::vector<unsigned char> latin_;
  std::vector<unsigned char> japanese_;
  float built_scale_ = 0;
  bool built_japanese_ = false;
  bool built_latin_ = false;
};

// True when `text` holds a character outside what the Latin subset covers.
bool needs_japanese(std::string_view text);

}  // namespace kairos::widget
