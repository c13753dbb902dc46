// Adapter from the guest form to the core's checks: check_email gives the validity and
// the "did you mean" suggestion; required fields carry the server's "missing_field".
#include "form_check.hpp"

#include "kairos/email.hpp"
#include "kairos/front_office.hpp"

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

FormCheck check_inquiry_form(const GuestForm& form, const std::string& message, bool booking_request,
                             const std::vector<Slot>& wishes, core::Instant now) {
  FormCheck out = check_guest_form(form);
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(message)) out.errors.push_back(core::make_error("missing_field", "the message is required", "message"));
  core::InquiryInput in;
  in.kind = booking_request ? core::InquiryKind::booking_request : core::InquiryKind::question;
  in.name = form.name;
  in.email = form.email;
  in.phone = form.phone;
  in.message = message;
  for (const Slot& w : wishes) in.wished_times.push_back(core::Interval{w.start, w.end});
  auto checked = core::check_inquiry(std::move(in), now);
  if (!checked) {
    core::Error e = checked.error();
    std::string field = e.field;
    if (field.rfind("guest.", 0) == 0) field = field.substr(6);
    if (field.rfind("wished_times", 0) == 0) field = "wished_times";
    e.field = field;
    bool known = false;
    for (const core::Error& x : out.errors) known = known || x.field == field;
    if (!known) out.errors.push_back(std::move(e));
  }
  return out;
}

}  // namespace kairos::widget
