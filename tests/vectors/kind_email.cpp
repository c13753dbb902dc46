// Vector kind "email": the e-mail check (validity, trimmed address, suggestion) for a
// list of inputs, so the widget and the server agree on every address.
#include "kairos/wire/lifecycle.hpp"
#include "vectors.hpp"

namespace kairos::vectors {
namespace {

Json run_email(const Json& input) {
  Json out = Json::array();
  for (const Json& a : input.at("addresses")) {
    const std::string s = a.get<std::string>();
    out.push_back({{"input", s}, {"check", core::check_email(s)}});
  }
  return out;
}

}  // namespace
KAIROS_VECTOR_KIND("email", run_email);
}  // namespace kairos::vectors
