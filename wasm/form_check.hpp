// Checks the guest's details as they type, with the core's rules and error codes, so
// the form shows the same messages the server would answer with.
#pragma once

#include <string>
#include <vector>

#include "kairos/result.hpp"
#include "widget_state.hpp"

namespace kairos::widget {

struct FormCheck {
  std::vector<core::Error> errors;  // field = "name", "email", …
  std::string email_suggestion;     // "anna@gmail.com" for "anna@gmail.con"
};

FormCheck check_guest_form(const GuestForm& form);

}  // namespace kairos::widget
