// The height the shell's skeleton reserves while the wasm loads, and the calendar's
// least height, from the same inputs on both sides: the canvas width and the page's
// header texts. web/widget/index.html (skeletonHeight) computes exactly this in
// JavaScript with the same integer arithmetic, so the first drawn calendar is as tall as
// the skeleton before it and the host page does not shift (issue 11, "Sooner"). The
// texts are estimated, not measured (the font is not loaded yet): generously, so the
// real layout fits inside; a longer header only makes the calendar taller than this.
#pragma once

#include <string_view>

namespace kairos::widget {

struct SkeletonTexts {
  std::string_view name, service, location, host, service_description, page_description;
  int event_types = 1;
  bool logo = false;  // a logo the widget may load (40 px tall, up to 160 px wide, beside the name)
};

// Lines `text` needs at `px` in `width` CSS px: 0.45 em per Latin character, 1 em per
// CJK one, plus 10 %; 0 when empty.
inline int skeleton_lines(std::string_view text, int px, int width) {
  if (text.empty() || width <= 0) return 0;
  long long hundredths = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    hundredths += c >= 0xE3 && c < 0xF0 ? 100 : 45;  // U+3000 and up: kana, kanji, full width
    i += n;
  }
  const long long need = hundredths * px * 11, room = static_cast<long long>(width) * 1000;
  return static_cast<int>((need + room - 1) / room);
}

inline int skeleton_height(int canvas_width, const SkeletonTexts& t) {
  const int w = canvas_width - 40;  // the window's 20 px padding each side
  int h = 20;
  if (t.logo) {
    const int name = skeleton_lines(t.name, 24, w - 172) * 24;
    h += (name > 40 ? name : 40) + 16;
  } else {
    h += skeleton_lines(t.name, 24, w) * 24 + 16;
  }
  for (std::string_view line : {t.service, t.location, t.host, t.service_description, t.page_description}) {
    if (!line.empty()) h += skeleton_lines(line, 16, w) * 16 + 8;
  }
  if (t.event_types > 1) h += 64;  // the service picker and its label
  h += 8;
  // The rest, measured on the demo page in the five languages (the longest, German and
  // Hungarian, leave 10–40 px to spare): the month (title, weekdays, 6 weeks of days),
  // the zone picker and "Choose a day" — beside each other when wide, stacked when narrow.
  if (w >= 620) {
    h += 380;
  } else {
    const int cell = (w - 24) / 7;
    const int day = cell < 44 ? cell : 44;
    h += 72 + 6 * (day + 4) + 81;
  }
  h += 130 + 20;  // "Ask a question" / "Suggest times" (stacked when narrow); bottom padding
  return h;
}

}  // namespace kairos::widget
