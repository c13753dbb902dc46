// Renders outbox rows into the mails and text messages the delivery worker sends: it
// loads the booking (or the proposal / confirmation request a message belongs to), the
// page and the hosts, fills the core's templates in the recipient's language and zone,
// signs one link per button, and attaches an iCalendar copy (REQUEST on confirmation
// and update, CANCEL on cancellation and rejection).
#pragma once

#include <string>

#include "app.hpp"
#include "delivery.hpp"
#include "kairos/notify.hpp"

namespace kairos::server {

class StoreComposer final : public mail::Composer {
 public:
  explicit StoreComposer(App& app) : app_(app) {}
  core::Result<std::variant<mail::ComposedMail, mail::SmsMessage>> compose(const mail::DeliveryItem& item,
                                                                           core::Instant now) override;

 private:
  App& app_;
};

// The URL a button of a message opens: a signed /v1/links/{token} for actions, the
// page's booking widget for "book again".
// Empty when there is nothing to link to (a "book again" whose page is gone).
// `recipient`: the address a request's accept/decline link is for.
std::string action_url(App& app, core::SignedAction a, const std::string& subject, core::Instant now,
                       const std::string& language = {}, const std::string& recipient = {});

// Which calendar method a template carries: "REQUEST", "CANCEL" or "" (none).
std::string calendar_method_for(const std::string& template_key);

}  // namespace kairos::server
