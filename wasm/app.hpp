// The widget application: owns the state, turns intents into state changes and HTTP
// requests, turns answers into state, and each frame draws the screen and publishes the
// ARIA mirror. Slots come from the core (slot_source.hpp); bookings, cancellations and
// choices are decided by the server, whose answer always wins. The implementation is
// split by concern (issue 10 §3): app.cpp (life cycle, frame), app_intents.cpp (intents →
// state), app_client.cpp (requests, answer dispatch), app_decode.cpp (answers → state),
// app_view.cpp (view model), app_internal.hpp (JSON and text helpers they share).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fonts.hpp"
#include "slot_source.hpp"
#include "widget_state.hpp"

namespace kairos::widget {

class App {
 public:
  // Reads the configuration from the shell page and starts the first requests.
  void start();
  // Draws one frame (between ImGui::NewFrame and ImGui::Render).
  void frame();

  // Hands the answers the shell already held when they were asked for (browser::fetch)
  // to on_response / on_binary, outside the call that asked; true when there were any.
  bool poll();
  void on_response(int id, int status, std::string_view body);
  void on_binary(int id, std::vector<unsigned char> bytes);
  // The business logo's pixels (device px, RGBA; 0 × 0 when it could not be shown).
  void on_image(int id, const unsigned char* rgba, int width, int height);
  void on_mirror_activate(std::string_view id);
  void on_mirror_input(std::string_view field, std::string_view value);
  void on_host_message(std::string_view json);
  // The mirror element with keyboard focus (its data-key), "" when none.
  void on_mirror_focus(std::string_view key);

  FontSet& fonts() { return fonts_; }
  // Draws the next frames even without input (the layout probe was switched on).
  void wake() { settle_frames_ = kSettleFrames; }
  // False while nothing changes: the loop then skips drawing (the canvas keeps its last
  // image), so an idle widget costs the host page no CPU. Input, answers, edits and the
  // frames right after them are drawn.
  bool wants_frame() const;
  bool ready_to_draw() const { return fonts_.built(); }
  // The first screen is on (the shell's skeleton is gone): until then frames are laid
  // out (mirror, height, requests) but not rendered, since each WebGL frame the browser
  // composites costs a GPU round trip that would delay the answers still to come.
  bool shown() const { return announced_ready_; }

 private:
  enum class Call {
    page, zone, month, create_booking, get_booking, cancel, reschedule, proposal, choose,
    readjust, request, accept, decline, font_latin, font_japanese, inquiry,
  };
  struct Pending {
    Call call;
    std::string key;  // the month / zone this answer belongs to
  };

  int send(Call call, std::string_view method, const std::string& path, const std::string& body = {},
           const std::string& key = {});
  void apply(const Intent& intent);
  void edit_field(std::string_view field, std::string_view value);
  void validate_form();
  void ensure_month();
  void ensure_zone(const std::string& zone_id);
  void ensure_japanese_font();
  void submit_booking();
  void submit_inquiry();
  void handle_inquiry(int status, std::string_view body);
  void load_link_mode();
  void fail(std::string code);
  ViewModel view_model() const;
  const core::ZoneRules* guest_zone() const;
  std::string event_type_id() const;
  std::string manage_url(const BookingView& b) const;

  void handle_page(int status, std::string_view body);
  void handle_booking_created(int status, std::string_view body);
  void handle_booking(int status, std::string_view body);
  void handle_proposal(int status, std::string_view body);
  void handle_request(int status, std::string_view body);
  void handle_simple_action(Call call, int status, std::string_view body);

  WidgetState state_;
  SlotSource slots_;
  FontSet fonts_;
  std::map<std::string, core::ZoneRules> zones_;
  std::map<int, Pending> pending_;
  struct Early {
    int id;
    bool binary;
    int status;
    std::string body;
  };
  std::vector<Early> early_;  // answered at once, handled by poll()
  int next_id_ = 1;
  bool japanese_requested_ = false;
  // The glyphs the title, name and caption fonts need (FontSet::set_title_text); known
  // once the page is (book mode), so the atlas is built once.
  void update_title_text();
  bool announced_ready_ = false;
  bool settled_ = false;  // the first screen is complete (see frame())
  double first_screen_ms_ = 0;
  int logo_request_ = 0;  // the id of the logo's load_image, 0 when none
  static constexpr float kLogoHeight = 40.0f;     // CSS px (LOOK.md: the page's logo, 40 px tall)
  static constexpr float kLogoMaxWidth = 160.0f;
  std::string last_mirror_;
  unsigned checked_fonts_ = 0;  // the atlas generation the mirror's texts were checked against
  int last_height_ = 0;
  std::array<float, 4> last_focus_rect_{};
  std::vector<Intent> mirror_queue_;  // from the mirror, applied at the next frame
  bool lang_from_embed_or_browser_ = false;
  bool calendar_initialised_ = false;
  // A failed month is asked again after 1, 2, 4 s (then only by "Try again").
  std::string failed_month_;
  int month_failures_ = 0;
  double retry_at_ms_ = 0;
  void maybe_retry_month();
  // The calendar opens on the first month with a free time (and "next available" pages
  // to the next one): months are asked one after another, at most a year ahead.
  bool seeking_ = true;
  int seek_steps_ = 0;
  void seek_free_month();
  // ImGui lays out some widgets (tables, wrapped text) over a couple of frames.
  static constexpr int kSettleFrames = 12;
  int settle_frames_ = kSettleFrames;
};

}  // namespace kairos::widget
