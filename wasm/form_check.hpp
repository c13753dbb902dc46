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

// An inquiry (a question, or wished times): the guest form's checks per field, then the
// core's check_inquiry, the server's own rule, whose first error names its field
// ("guest.phone" → "phone", "wished_times[2]" → "wished_times").
FormCheck check_inquiry_form(const GuestForm& form, const std::string& message, bool booking_request,
                             const std::vector<Slot>& wishes, core::Instant now);

}  // namespace kairos::widget
