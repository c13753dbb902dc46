// EM_JS shims; the JavaScript behind them lives in web/widget/index.html.
#include "browser.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <cstring>

// clang-format off
// Both return 0 (the answer comes later) or a malloc'ed early answer: for JSON the
// status, a newline and the body (UTF-8, NUL-terminated); for bytes their length
// (4 bytes, little-endian) and the bytes.
EM_JS(char*, kairos_js_fetch, (int id, const char* method, const char* url, const char* body,
                               const char* bearer, const char* idem), {
  var a = Module.kairosHost.fetch(id, UTF8ToString(method), UTF8ToString(url), UTF8ToString(body),
                                  UTF8ToString(bearer), UTF8ToString(idem));
  if (!a) return 0;
  var s = a[0] + '\n' + a[1];
  var n = lengthBytesUTF8(s) + 1; var p = _malloc(n); stringToUTF8(s, p, n); return p;
});
EM_JS(char*, kairos_js_fetch_binary, (int id, const char* url), {
  var buf = Module.kairosHost.fetchBinary(id, UTF8ToString(url));
  if (!buf) return 0;
  var n = buf.byteLength; var p = _malloc(n + 4);
  HEAPU8[p] = n & 255; HEAPU8[p + 1] = (n >> 8) & 255; HEAPU8[p + 2] = (n >> 16) & 255; HEAPU8[p + 3] = (n >>> 24) & 255;
  HEAPU8.set(new Uint8Array(buf), p + 4);
  return p;
});
EM_JS(char*, kairos_js_config, (), {
  var s = JSON.stringify(Module.kairosHost.config());
  var n = lengthBytesUTF8(s) + 1; var p = _malloc(n); stringToUTF8(s, p, n); return p;
});
EM_JS(char*, kairos_js_asset_url, (const char* name), {
  var s = Module.kairosHost.assetUrl(UTF8ToString(name));
  var n = lengthBytesUTF8(s) + 1; var p = _malloc(n); stringToUTF8(s, p, n); return p;
});
EM_JS(void, kairos_js_mirror, (const char* json), { Module.kairosHost.mirror(UTF8ToString(json)); });
EM_JS(void, kairos_js_emit, (const char* name, const char* json), {
  Module.kairosHost.emit(UTF8ToString(name), UTF8ToString(json));
});
EM_JS(void, kairos_js_height, (int px), { Module.kairosHost.height(px); });
EM_JS(void, kairos_js_focus_rect, (int x, int y, int w, int h), { Module.kairosHost.focusRect(x, y, w, h); });
EM_JS(void, kairos_js_ready, (), { Module.kairosHost.ready(); });
EM_JS(void, kairos_js_load_image, (int id, const char* url, int height, int max_width), {
  Module.kairosHost.loadImage(id, UTF8ToString(url), height, max_width);
});
EM_JS(void, kairos_js_download, (const char* name, const char* mime, const char* text), {
  Module.kairosHost.download(UTF8ToString(name), UTF8ToString(mime), UTF8ToString(text));
});
EM_JS(void, kairos_js_open, (const char* url), { Module.kairosHost.open(UTF8ToString(url)); });
EM_JS(void, kairos_js_text_input, (int on), { Module.kairosHost.textInput(!!on); });
EM_JS(void, kairos_js_want_wheel, (int on), { Module.kairosWantsWheel = !!on; });
EM_JS(double, kairos_js_now, (), { return Date.now(); });
EM_JS(void, kairos_js_mark, (const char* name), { performance.mark('kairos:' + UTF8ToString(name)); });
EM_JS(int, kairos_js_zone_offset, (const char* zone, double ms), {
  return Module.kairosHost.zoneOffset(UTF8ToString(zone), ms);
});
EM_JS(int, kairos_js_recent_input, (), { return performance.now() < (Module.kairosActiveUntil || 0) ? 1 : 0; });
EM_JS(void, kairos_js_canvas, (int* out), {
  var c = Module.canvas; var dpr = window.devicePixelRatio || 1;
  var w = Math.max(1, c.clientWidth | 0), h = Math.max(1, c.clientHeight | 0);
  var bw = Math.round(w * dpr), bh = Math.round(h * dpr);
  if (c.width !== bw || c.height !== bh) { c.width = bw; c.height = bh; }
  HEAP32[out >> 2] = w; HEAP32[(out >> 2) + 1] = h; HEAP32[(out >> 2) + 2] = Math.round(dpr * 1000);
});
// clang-format on

namespace kairos::widget::browser {

namespace {
std::string take(char* p) {
  std::string s = p != nullptr ? p : "";
  std::free(p);
  return s;
}
}  // namespace

EarlyAnswer fetch(int id, std::string_view method, const std::string& url, const std::string& body,
                  const std::string& bearer, const std::string& idempotency_key) {
  const std::string m(method);
  char* p = kairos_js_fetch(id, m.c_str(), url.c_str(), body.c_str(), bearer.c_str(), idempotency_key.c_str());
  EarlyAnswer a;
  if (p == nullptr) return a;
  // Read in place: the body is the one copy (fonts' and months' answers are large).
  const char* nl = std::strchr(p, '\n');
  a.present = true;
  a.status = std::atoi(p);
  if (nl != nullptr) a.body.assign(nl + 1);
  std::free(p);
  return a;
}
EarlyAnswer fetch_binary(int id, const std::string& url) {
  auto* p = reinterpret_cast<unsigned char*>(kairos_js_fetch_binary(id, url.c_str()));
  EarlyAnswer a;
  if (p == nullptr) return a;
  const std::size_t n = static_cast<std::size_t>(p[0]) | static_cast<std::size_t>(p[1]) << 8 |
                        static_cast<std::size_t>(p[2]) << 16 | static_cast<std::size_t>(p[3]) << 24;
  a.present = true;
  a.status = 200;
  a.body.assign(reinterpret_cast<const char*>(p + 4), n);
  std::free(p);
  return a;
}
std::string config_json() { return take(kairos_js_config()); }
std::string asset_url(const char* name) { return take(kairos_js_asset_url(name)); }
void publish_mirror(const std::string& json) { kairos_js_mirror(json.c_str()); }
void emit(const char* event, const std::string& json) { kairos_js_emit(event, json.c_str()); }
void report_height(int css_pixels) { kairos_js_height(css_pixels); }
void focus_rect(int x, int y, int w, int h) { kairos_js_focus_rect(x, y, w, h); }
void ready() { kairos_js_ready(); }
void download(const std::string& filename, const std::string& mime, const std::string& text) {
  kairos_js_download(filename.c_str(), mime.c_str(), text.c_str());
}
void open_url(const std::string& url) { kairos_js_open(url.c_str()); }
void want_text_input(bool active) { kairos_js_text_input(active ? 1 : 0); }
double now_ms() { return kairos_js_now(); }
void mark(const char* name) { kairos_js_mark(name); }
int zone_offset_minutes(const std::string& zone, double unix_ms) { return kairos_js_zone_offset(zone.c_str(), unix_ms); }
void want_wheel(bool on) { kairos_js_want_wheel(on ? 1 : 0); }
bool recent_input() { return kairos_js_recent_input() != 0; }

void load_image(int id, const std::string& url, int css_height, int max_css_width) {
  kairos_js_load_image(id, url.c_str(), css_height, max_css_width);
}

Canvas sync_canvas() {
  int out[3] = {1, 1, 1000};
  kairos_js_canvas(out);
  return Canvas{out[0], out[1], static_cast<float>(out[2]) / 1000.0f};
}

}  // namespace kairos::widget::browser
