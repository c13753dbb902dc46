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
#include <cstdlib>
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
};

// The one instance the exported callbacks reach; owned by main() for the page's life.
Loop* g_loop = nullptr;

void frame(void* arg) {
  Loop& loop = *static_cast<Loop*>(arg);
  const kairos::widget::browser::Canvas canvas = kairos::widget::browser::sync_canvas();
  loop.app.fonts().apply(canvas.scale);
  if (!loop.app.ready_to_draw()) return;  // the shell's progress indicator is still up
  const bool resized = canvas.width != loop.last_canvas.width || canvas.height != loop.last_canvas.height ||
                       canvas.scale != loop.last_canvas.scale;
  loop.last_canvas = canvas;
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

  ImGui::NewFrame();
  loop.app.frame();
  ImGui::Render();
  if (!loop.app.shown()) return;  // the skeleton still covers the canvas
  glViewport(0, 0, static_cast<int>(static_cast<float>(canvas.width) * canvas.scale),
             static_cast<int>(static_cast<float>(canvas.height) * canvas.scale));
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
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
  emscripten_set_main_loop_arg(frame, loop, 0, false);
  return 0;
}
