// Emscripten loop glue: creates the GLFW window on the shell's canvas, initialises Dear
// ImGui with the WebGL2 renderer, runs App::frame() once per animation frame, and
// exports the entry points the shell page calls back into (HTTP answers, font bytes,
// mirror activations, host messages, IME text).
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "app.hpp"
#include "browser.hpp"
#include "probe.hpp"

namespace {

struct Loop {
  GLFWwindow* window = nullptr;
  kairos::widget::App app;
  double last_time = 0;
  kairos::widget::browser::Canvas last_canvas;
  int idle_frames = 0;
  bool pointer_cancelled = false;  // a swipe is scrolling: its press must not click
  int frames_laid_out = 0;
  int frames_rendered = 0;
  std::uint64_t rendered_hash = 0;  // of the draw data last rendered; 0: render the next frame
};

// A hash of everything a frame would draw (geometry, textures, clip rectangles, the
// clear colour, the fonts' generation): a frame equal to the last one rendered is not
// rendered again. With software compositing (SwiftShader, no GPU) each rendered WebGL
// frame costs the compositor a read-back of the whole canvas, so the frames that only
// settle the layout after the first screen would each delay the next paint.
std::uint64_t draw_hash(const ImDrawData& d, const ImVec4& clear, unsigned fonts_generation) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ fonts_generation;
  const auto mix = [&h](const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, b + i, 8);
      h = (h ^ w) * 0x100000001B3ull;
      h ^= h >> 29;
    }
    for (; i < n; ++i) h = (h ^ b[i]) * 0x100000001B3ull;
    h ^= n;
  };
  mix(&d.DisplaySize, sizeof d.DisplaySize);
  mix(&d.FramebufferScale, sizeof d.FramebufferScale);
  mix(&clear, sizeof clear);
  for (int n = 0; n < d.CmdListsCount; ++n) {
    const ImDrawList* l = d.CmdLists[n];
    mix(l->VtxBuffer.Data, static_cast<std::size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(l->IdxBuffer.Data, static_cast<std::size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l->CmdBuffer) {
      mix(&c.ClipRect, sizeof c.ClipRect);
      const auto tex = reinterpret_cast<std::uintptr_t>(c.TextureId);
      mix(&tex, sizeof tex);
      const unsigned at[3] = {c.VtxOffset, c.IdxOffset, c.ElemCount};
      mix(at, sizeof at);
      const bool callback = c.UserCallback != nullptr;
      mix(&callback, sizeof callback);
    }
  }
  return h == 0 ? 1 : h;
}

// The one instance the exported callbacks reach; owned by main() for the page's life.
Loop* g_loop = nullptr;

void frame(void* arg) {
  Loop& loop = *static_cast<Loop*>(arg);
  const kairos::widget::browser::Canvas canvas = kairos::widget::browser::sync_canvas();
  loop.app.poll();  // answers the shell held (the page, the fonts) before the atlas is built
  if (loop.app.fonts().apply(canvas.scale)) loop.app.wake();  // a rebuilt atlas: lay the screen out again
  if (!loop.app.ready_to_draw()) return;  // the shell's progress indicator is still up
  const bool resized = canvas.width != loop.last_canvas.width || canvas.height != loop.last_canvas.height ||
                       canvas.scale != loop.last_canvas.scale;
  loop.last_canvas = canvas;
  if (resized) loop.rendered_hash = 0;  // a resized backing store starts blank
  // Idle: no input, no answer, nothing changing. Draw only now and then (a safety net).
  if (!resized && !loop.app.wants_frame() && !kairos::widget::browser::recent_input() && ++loop.idle_frames % 30 != 0) {
    return;
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (loop.pointer_cancelled) {
    io.MouseDown[0] = false;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  // GLFW reports the canvas' backing-store size and pixel coordinates; ImGui works in
  // CSS pixels with the ratio as framebuffer scale, so text is rasterised sharp.
  io.DisplaySize = ImVec2(static_cast<float>(canvas.width), static_cast<float>(canvas.height));
  io.DisplayFramebufferScale = ImVec2(canvas.scale, canvas.scale);
  if (io.MousePos.x > -1e30f && !loop.pointer_cancelled) io.MousePos = ImVec2(io.MousePos.x / canvas.scale, io.MousePos.y / canvas.scale);
  const double now = glfwGetTime();
  // Headless browsers can deliver frames with equal timestamps; ImGui needs dt > 0.
  io.DeltaTime = now > loop.last_time ? static_cast<float>(now - loop.last_time) : 1.0f / 240.0f;
  loop.last_time = now;

  if (loop.frames_laid_out++ == 0) kairos::widget::browser::mark("first-layout");
  ImGui::NewFrame();
  loop.app.frame();
  ImGui::Render();
  if (kairos::widget::take_missing_glyph()) {
    // A text the partial Japanese atlas lacks: not drawn with '?'; every kanji next frame.
    loop.app.fonts().want_all_kanji(kairos::widget::browser::now_ms());
    loop.app.wake();
    return;
  }
  if (!loop.app.shown()) return;  // the skeleton still covers the canvas
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const std::uint64_t hash = draw_hash(*ImGui::GetDrawData(), bg, loop.app.fonts().generation());
  if (hash == loop.rendered_hash) return;  // the canvas already shows this frame
  loop.rendered_hash = hash;
  if (loop.frames_rendered++ == 0) kairos::widget::browser::mark("first-render");
  glViewport(0, 0, static_cast<int>(static_cast<float>(canvas.width) * canvas.scale),
             static_cast<int>(static_cast<float>(canvas.height) * canvas.scale));
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void kairos_on_response(int id, int status, const char* body) {
  if (g_loop != nullptr) g_loop->app.on_response(id, status, body != nullptr ? body : "");
}

// Takes ownership of `data` (allocated with malloc by the shell).
EMSCRIPTEN_KEEPALIVE void kairos_on_binary(int id, unsigned char* data, int size) {
  std::vector<unsigned char> bytes;
  if (data != nullptr && size > 0) bytes.assign(data, data + size);
  std::free(data);
  if (g_loop != nullptr) g_loop->app.on_binary(id, std::move(bytes));
}

// Takes ownership of `rgba` (malloc'ed by the shell): the logo's pixels, device px.
EMSCRIPTEN_KEEPALIVE void kairos_on_image(int id, unsigned char* rgba, int width, int height) {
  if (g_loop != nullptr) g_loop->app.on_image(id, rgba, width, height);
  std::free(rgba);
}

EMSCRIPTEN_KEEPALIVE void kairos_mirror_activate(const char* id) {
  if (g_loop != nullptr && id != nullptr) g_loop->app.on_mirror_activate(id);
}

EMSCRIPTEN_KEEPALIVE void kairos_mirror_input(const char* field, const char* value) {
  if (g_loop != nullptr && field != nullptr && value != nullptr) g_loop->app.on_mirror_input(field, value);
}

EMSCRIPTEN_KEEPALIVE void kairos_host_message(const char* json) {
  if (g_loop != nullptr && json != nullptr) g_loop->app.on_host_message(json);
}

// 1 while a touch swipes (the shell scrolls; the press it began is released off-item),
// 0 when the next touch starts.
EMSCRIPTEN_KEEPALIVE void kairos_pointer_cancel(int on) {
  if (g_loop != nullptr) g_loop->pointer_cancelled = on != 0;
}

EMSCRIPTEN_KEEPALIVE void kairos_mirror_focus(const char* key) {
  if (g_loop != nullptr && key != nullptr) g_loop->app.on_mirror_focus(key);
}

// The layout probe's record of the last drawn frame (test mode, ?probe=1); see probe.hpp.
// The first call switches the probe on (frames drawn from then on are recorded).
EMSCRIPTEN_KEEPALIVE const char* kairos_probe() {
  if (!kairos::widget::probe::enabled() && g_loop != nullptr) {
    kairos::widget::probe::set_enabled(true);
    g_loop->app.wake();
  }
  return kairos::widget::probe::last().c_str();
}

// Committed IME compositions and pasted text, forwarded by the shell's hidden input.
EMSCRIPTEN_KEEPALIVE void kairos_text_input(const char* utf8) {
  if (utf8 != nullptr && ImGui::GetCurrentContext() != nullptr) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

}  // extern "C"

int main() {
  kairos::widget::browser::mark("main");
  if (glfwInit() != GLFW_TRUE) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  auto* loop = new Loop();
  g_loop = loop;
  const kairos::widget::browser::Canvas canvas = kairos::widget::browser::sync_canvas();
  loop->window = glfwCreateWindow(canvas.width, canvas.height, "Kairos", nullptr, nullptr);
  if (loop->window == nullptr) return 1;
  glfwMakeContextCurrent(loop->window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // No keyboard navigation inside the canvas: the ARIA mirror is the keyboard path (its
  // focus draws the ring in the canvas), so arrows and Space never act twice.
  ImGui_ImplGlfw_InitForOpenGL(loop->window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  loop->app.start();
  kairos::widget::browser::mark("started");
  // The shell held main() until its early answers were in: the first frame (fonts, the
  // first screen) is laid out now, not an animation frame later.
  frame(loop);
  emscripten_set_main_loop_arg(frame, loop, 0, false);
  return 0;
}
