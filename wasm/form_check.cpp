// Adapter from the guest form to the core's checks.
#include "form_check.hpp"

namespace kairos::widget {

FormCheck check_guest_form(const GuestForm& form) {
  FormCheck out;
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(form.name)) out.errors.push_back(core::make_error("missing_field", "name is required", "name"));
  if (blank(form.email)) out.errors.push_back(core::make_error("missing_field", "email is required", "email"));
  return out;
}

}  // namespace kairos::widget
