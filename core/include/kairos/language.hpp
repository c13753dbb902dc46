// The one fallback rule for "which language do we show this in": owner content (a page's,
// service's or location's name given per language), default message texts and the front
// office's texts all ask it, so a guest never sees one surface fall back differently
// from another.
#pragma once

#include <initializer_list>
#include <string_view>

namespace kairos::core {

// Whether `lang` is one of the languages Kairos speaks (en ja fi de hu).
bool is_supported_language(std::string_view lang);

// `wanted` when `has(wanted)`, else `fallback` (the page's language), else English;
// "" when none of them is there (the caller then takes whatever it has).
template <class Has>
std::string_view pick_language(std::string_view wanted, std::string_view fallback, Has&& has) {
  for (std::string_view l : {wanted, fallback, std::string_view("en")})
    if (!l.empty() && has(l)) return l;
  return {};
}

// A supported language: `wanted`, else `fallback`, else English.
inline std::string_view supported_language_or(std::string_view wanted, std::string_view fallback = "en") {
  return pick_language(wanted, fallback, is_supported_language);
}

}  // namespace kairos::core
