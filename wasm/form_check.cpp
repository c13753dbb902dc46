// Adapter from the guest form to the core's checks: check_email gives the validity and
// the "did you mean" suggestion; required fields carry the server's "missing_field".
#include "form_check.hpp"

#include "kairos/email.hpp"

namespace kairos::widget {

FormCheck check_guest_form(const GuestForm& form) {
  FormCheck out;
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(form.name)) out.errors.push_back(core::make_error("missing_field", "name is required", "name"));
  if (blank(form.email)) {
    out.errors.push_back(core::make_error("missing_field", "email is required", "email"));
    return out;
  }
  const core::EmailCheck email = core::check_email(form.email);
  if (!email.valid) out.errors.push_back(core::make_error(email.error, "invalid e-mail address", "email"));
  if (email.suggestion) out.email_suggestion = *email.suggestion;
  return out;
}

}  // namespace kairos::widget
