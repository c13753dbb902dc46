// The widget's screens drawn with Dear ImGui: a function of the state and the view
// model, run every frame. Text fields write into the caller-owned state; every other
// action is returned as an Intent for the app to carry out.
#pragma once

#include <optional>

#include "widget_state.hpp"

namespace kairos::widget {

// Contract: call between ImGui::NewFrame() and ImGui::Render(). Returns the guest's
// action this frame, if any. `content_height` receives the height the screen needs.
std::optional<Intent> draw_screen(WidgetState& state, const ViewModel& vm, float& content_height);

// Applies light/dark colours and the accent (0xRRGGBB) to ImGui's style. Returns the
// accent as used: darkened until white text on it has 4.5:1.
std::uint32_t apply_theme(bool dark, std::uint32_t accent);

}  // namespace kairos::widget
