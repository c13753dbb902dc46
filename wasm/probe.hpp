// The layout probe: in test mode (?probe=1) every text the screens draw is recorded with
// its rectangle, the width of its longest word and the container it had to fit in, so
// browser tests can find text wrapped by characters, overflowing its box, overlapping
// another item or lying outside the canvas (tests/e2e/probe.js). The shell reads the
// last frame's record through the exported kairos_probe().
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace kairos::widget::probe {

// The width of the widest run ImGui's wrapping cannot break (a word, a Latin run).
float longest_word(std::string_view text);

void set_enabled(bool on);
bool enabled();
// Starts a frame's record: the screen's name and the canvas size (CSS pixels).
void begin(const char* screen, float canvas_w, float canvas_h);
void set_content_height(float h);
// Records the item ImGui drew last (its rect) as showing `text`; `x0`..`x1` is the
// horizontal room it had (the column or window), `kind` "text" | "button" | "field".
void item(std::string_view text, float x0, float x1, const char* kind);
// The ring the canvas drew for the mirror's focus (its key and rect).
void focus(const std::string& key, float x, float y, float w, float h);
// Colour pairs of the theme with the contrast each needs (0xRRGGBB).
struct ColorPair {
  const char* name;
  unsigned fg;
  unsigned bg;
  float min_ratio;
};
void colors(std::initializer_list<ColorPair> pairs);
// The last completed frame as JSON.
const std::string& last();
void end();

}  // namespace kairos::widget::probe
