// The e-mail address check shared by the widget (as the guest types) and the server
// (on every address it stores): syntax after trimming, and a "did you mean" suggestion
// for likely typos of common mail domains and top-level domains (seed 004: "gmail.con",
// "@.au.com"). A suggestion is only ever offered, never applied; a correct uncommon
// domain gets none.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kairos::core {

struct EmailCheck {
  bool valid = false;
  std::string address;                    // the input, trimmed of surrounding white space
  std::string error;                      // "invalid_email" when !valid, else empty
  std::optional<std::string> suggestion;  // the whole corrected address
  friend bool operator==(const EmailCheck&, const EmailCheck&) = default;
};

EmailCheck check_email(std::string_view input);

// Whether two addresses name the same mailbox as Kairos compares them: trimmed, and
// ignoring the case of ASCII letters (a request's recipient, a guest, a link's holder).
bool same_address(std::string_view a, std::string_view b);

}  // namespace kairos::core
