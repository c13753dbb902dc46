// The accessible mirror: a description of the current screen (headings, days, slots,
// form fields, errors) that the shell page renders as an off-screen ARIA DOM tree next
// to the canvas. Every actionable node carries the id of the Intent it stands for
// (intent_id), so activating it does exactly what the click in the canvas does.
#pragma once

#include <string>

#include "widget_state.hpp"

namespace kairos::widget {

// JSON: {"lang", "screen", "nodes":[…]} with node kinds h, p, alert, status, button,
// list, input, select (documented in web/widget/index.html where they are rendered).
std::string describe_mirror(const WidgetState& state, const ViewModel& vm);
// The screen's name in #kairos-mirror[data-screen] and the layout probe.
const char* screen_name(Screen s);

}  // namespace kairos::widget
