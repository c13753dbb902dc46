// The widget's only doorway to the browser: HTTP through fetch(), the ARIA mirror, the
// host-page events, downloads, the canvas size and the IME / paste bridge. Each call is
// a thin EM_JS shim over `Module.kairosHost`, which the shell page
// (web/widget/index.html) implements; answers come back through the extern "C"
// functions exported by main.cpp.
#pragma once

#include <string>
#include <string_view>

namespace kairos::widget::browser {

// An answer the shell already holds (it asked while the wasm downloaded).
struct EarlyAnswer {
  bool present = false;
  int status = 0;
  std::string body;
};
// Starts an HTTP request; the answer arrives as kairos_on_response(id, status, body).
// Status 0 means the network failed. `bearer` and `idempotency_key` may be empty.
// When the shell's early request for this GET is already answered, the answer is
// returned here instead (and never arrives later).
EarlyAnswer fetch(int id, std::string_view method, const std::string& url, const std::string& body,
                  const std::string& bearer, const std::string& idempotency_key);
// Starts a binary download; the bytes arrive as kairos_on_binary(id, ptr, size), or
// are returned at once (present, status 200) when the shell already holds them.
EarlyAnswer fetch_binary(int id, const std::string& url);

// The configuration as JSON: the shell's query string plus the browser's languages,
// time zone and clock ("now_ms").
std::string config_json();
// A cache-busted asset URL ("fonts/ja.ttf" → "fonts/ja.ttf?v=…").
std::string asset_url(const char* name);

void publish_mirror(const std::string& json);
void emit(const char* event, const std::string& json);  // to the host page, origin-checked
void report_height(int css_pixels);
// Where the element with the mirror's focus is drawn (CSS pixels), to scroll it into view.
void focus_rect(int x, int y, int w, int h);
void ready();                                            // hides the progress indicator
// Loads an image the shell allows (see its loadImage: data: images and same-origin
// paths), rasterised `css_height` tall (at most `max_css_width` wide) at the screen's
// ratio; the RGBA pixels arrive as kairos_on_image(id, ptr, width, height), 0 × 0 when
// refused or broken.
void load_image(int id, const std::string& url, int css_height, int max_css_width);
void download(const std::string& filename, const std::string& mime, const std::string& text);
void open_url(const std::string& url);
// Focus (or release) the hidden <input> that forwards IME-composed text and pastes.
void want_text_input(bool active);
double now_ms();
// A performance mark "kairos:<name>" (the load milestones bench/widget_load.js reports).
void mark(const char* name);
// The zone's UTC offset in minutes at `unix_ms`, from the browser's Intl data (for the
// zone picker's labels, before the zone's rules are loaded); kNoOffset when unknown.
constexpr int kNoOffset = -100000;
int zone_offset_minutes(const std::string& zone, double unix_ms);
// Whether wheel events over the canvas go to ImGui (an open list scrolls) rather than
// to the browser (the page scrolls).
void want_wheel(bool on);
// True within a second of the guest's last pointer, key, wheel or touch event.
bool recent_input();

struct Canvas {
  int width = 0;    // CSS pixels
  int height = 0;
  float scale = 1;  // devicePixelRatio
};
// Resizes the canvas backing store to its CSS size × devicePixelRatio.
Canvas sync_canvas();

}  // namespace kairos::widget::browser
