// The e-mail check: a practical syntax test (the addresses real mail systems accept,
// not every RFC 5322 curiosity) and a "did you mean" for slips in common domains. The
// suggestion logic is conservative on purpose: a domain that is itself a known mail
// domain, or not close to one, is left alone, because suggesting a change to a correct
// but uncommon address teaches guests to distrust the form.
#include "kairos/email.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace kairos::core {
namespace {

// Common mail domains across the five languages' markets (international, Japanese
// carriers and providers, German, Finnish, Hungarian).
constexpr std::array<std::string_view, 44> known_domains{
    "gmail.com",      "googlemail.com", "yahoo.com",      "ymail.com",       "hotmail.com",   "outlook.com",
    "live.com",       "msn.com",        "icloud.com",     "me.com",          "mac.com",       "aol.com",
    "protonmail.com", "proton.me",      "mail.com",       "email.com",       "gmx.com",       "gmx.net",
    "gmx.de",         "web.de",         "t-online.de",    "freenet.de",      "posteo.de",     "hotmail.de",
    "outlook.de",     "yahoo.de",       "yahoo.co.jp",    "docomo.ne.jp",    "ezweb.ne.jp",   "au.com",
    "softbank.ne.jp", "i.softbank.jp",  "ymobile.ne.jp",  "hotmail.co.jp",   "outlook.jp",    "nifty.com",
    "biglobe.ne.jp",  "ocn.ne.jp",      "luukku.com",     "kolumbus.fi",     "elisanet.fi",   "freemail.hu",
    "citromail.hu",   "hotmail.co.uk"};

// Top-level "domains" that are only ever typos (none of them is a real TLD).
struct TldFix {
  std::string_view typo, fix;
};
constexpr std::array<TldFix, 21> tld_fixes{{{"con", "com"},   {"cmo", "com"},  {"ocm", "com"},  {"comm", "com"},
                                            {"coom", "com"},  {"vom", "com"},  {"xom", "com"},  {"cpm", "com"},
                                            {"clm", "com"},   {"cim", "com"},  {"comn", "com"}, {"nte", "net"},
                                            {"nett", "net"},  {"ent", "net"},  {"ogr", "org"},  {"rog", "org"},
                                            {"jpn", "jp"},    {"ppj", "jp"},   {"dee", "de"},   {"hhu", "hu"}}};

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Trims ASCII white space and the ideographic space U+3000 that Japanese input leaves.
std::string_view trim(std::string_view s) {
  constexpr std::string_view ideographic = "\xE3\x80\x80";
  for (bool changed = true; changed;) {
    changed = false;
    while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) { s.remove_prefix(1); changed = true; }
    while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) { s.remove_suffix(1); changed = true; }
    if (s.substr(0, ideographic.size()) == ideographic) { s.remove_prefix(ideographic.size()); changed = true; }
    if (s.size() >= ideographic.size() && s.substr(s.size() - ideographic.size()) == ideographic) {
      s.remove_suffix(ideographic.size());
      changed = true;
    }
  }
  return s;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool valid_local(std::string_view l) {
  if (l.empty() || l.size() > 64 || l.front() == '.' || l.back() == '.') return false;
  constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-.";
  char prev = 0;
  for (char c : l) {
    if (!is_alnum(c) && specials.find(c) == std::string_view::npos) return false;
    if (c == '.' && prev == '.') return false;
    prev = c;
  }
  return true;
}

bool valid_domain(std::string_view d) {
  if (d.empty() || d.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    const std::size_t dot = d.find('.');
    const std::string_view label = d.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!is_alnum(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    d.remove_prefix(dot + 1);
  }
  if (labels < 2) return false;
  // A top-level domain is letters (or an IDN "xn--" label), at least two of them.
  if (last.substr(0, 4) == "xn--") return true;
  return last.size() >= 2 && std::all_of(last.begin(), last.end(), is_alpha);
}

bool valid_address(std::string_view a) {
  if (a.size() > 254) return false;
  const std::size_t at = a.find('@');
  if (at == std::string_view::npos || a.find('@', at + 1) != std::string_view::npos) return false;
  return valid_local(a.substr(0, at)) && valid_domain(a.substr(at + 1));
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours ("hotmial" → "hotmail" is one step).
std::size_t osa_distance(std::string_view a, std::string_view b) {
  // Three rolling rows (a transposition looks two rows back), on the stack for the
  // usual lengths: every booking checks its guest's address twice, and the full matrix
  // was allocated for every known domain compared.
  const std::size_t n = a.size(), w = b.size() + 1;
  constexpr std::size_t kSmall = 64;
  std::array<std::size_t, 3 * kSmall> small;
  std::vector<std::size_t> big;
  std::size_t* rows = small.data();
  if (w > kSmall) {
    big.resize(3 * w);
    rows = big.data();
  }
  auto row = [&](std::size_t i) { return rows + (i % 3) * w; };
  for (std::size_t j = 0; j < w; ++j) row(0)[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t* cur = row(i);
    const std::size_t* up = row(i - 1);
    const std::size_t* up2 = i > 1 ? row(i - 2) : nullptr;
    cur[0] = i;
    for (std::size_t j = 1; j < w; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost});
      if (up2 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, up2[j - 2] + 1);
      cur[j] = v;
    }
  }
  return row(n)[w - 1];
}

bool is_known(std::string_view d) {
  return std::find(known_domains.begin(), known_domains.end(), d) != known_domains.end();
}

// How far a typed domain may be from a known one: short domains are too close to real
// other domains ("eu.com" vs "au.com") to guess at all.
std::size_t tolerance(std::string_view known) {
  if (known.size() >= 11) return 2;
  if (known.size() >= 8) return 1;
  return 0;
}

std::string_view tld_of(std::string_view d) {
  const std::size_t dot = d.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : d.substr(dot + 1);
}
std::string_view body_of(std::string_view d) {
  const std::size_t dot = d.rfind('.');
  return dot == std::string_view::npos ? d : d.substr(0, dot);
}

// A slip inside the name under the same top-level domain ("hotmial.com"), or a one-key
// slip in the top-level domain of a known name ("gmail.cm"). A different real
// top-level domain ("hotmail.fr") is not a slip.
bool close_enough(std::string_view typed, std::string_view known, std::size_t dist) {
  if (tld_of(typed) == tld_of(known)) return dist <= tolerance(known);
  return body_of(typed) == body_of(known) && body_of(known).size() >= 4 &&
         osa_distance(tld_of(typed), tld_of(known)) == 1 &&
         // A shorter TLD is a dropped letter ("gmail.cm"); a same-length one a slip only
         // behind a carrier-style name ("ezweb.ne.jo"), as "gmx.at" is a real address.
         (tld_of(typed).size() < tld_of(known).size() || body_of(known).find('.') != std::string_view::npos);
}

// Structural slips: dots at either end or doubled, commas for dots.
std::string repair_structure(std::string d) {
  std::replace(d.begin(), d.end(), ',', '.');
  std::string r;
  for (char c : d) {
    if (c == '.' && (r.empty() || r.back() == '.')) continue;
    r.push_back(c);
  }
  while (!r.empty() && r.back() == '.') r.pop_back();
  return r;
}

std::string repair_tld(const std::string& d) {
  const std::size_t dot = d.rfind('.');
  if (dot == std::string::npos) return d;
  const std::string_view tld = std::string_view(d).substr(dot + 1);
  for (const TldFix& f : tld_fixes) {
    if (tld == f.typo) return d.substr(0, dot + 1) + std::string(f.fix);
  }
  return d;
}

std::optional<std::string> suggest_domain(std::string_view typed) {
  const std::string original = lower(typed);
  std::string d = repair_tld(repair_structure(original));
  if (!is_known(d)) {
    std::string_view best;
    std::size_t best_distance = 3;
    bool tie = false;
    for (std::string_view k : known_domains) {
      // The distance is at least the difference in length: skip hopeless pairs cheaply.
      if ((d.size() > k.size() ? d.size() - k.size() : k.size() - d.size()) > 2) continue;
      const std::size_t dist = osa_distance(d, k);
      if (dist == 0 || !close_enough(d, k, dist)) continue;
      if (dist < best_distance) {
        best = k;
        best_distance = dist;
        tie = false;
      } else if (dist == best_distance) {
        tie = true;
      }
    }
    if (!best.empty() && !tie) d = std::string(best);
  }
  if (d == original || d.empty()) return std::nullopt;
  return d;
}

}  // namespace

EmailCheck check_email(std::string_view input) {
  EmailCheck r;
  r.address = std::string(trim(input));
  r.valid = valid_address(r.address);
  if (!r.valid) r.error = "invalid_email";

  // A full-width at sign (＠) is a common slip with Japanese input methods.
  std::string candidate = r.address;
  constexpr std::string_view wide_at = "\xEF\xBC\xA0";
  if (candidate.find('@') == std::string::npos) {
    const std::size_t w = candidate.find(wide_at);
    if (w != std::string::npos) candidate.replace(w, wide_at.size(), 1, '@');
  }
  const std::size_t at = candidate.rfind('@');
  if (at == std::string::npos || at == 0) return r;
  const std::string local = candidate.substr(0, at);
  const std::optional<std::string> domain = suggest_domain(std::string_view(candidate).substr(at + 1));
  std::string fixed = domain ? local + "@" + *domain : candidate;
  if (fixed != r.address && valid_address(fixed)) r.suggestion = std::move(fixed);
  return r;
}

bool same_address(std::string_view a, std::string_view b) {
  const std::string x = check_email(a).address, y = check_email(b).address;
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](char c, char d) {
    auto low = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
    return low(c) == low(d);
  });
}

}  // namespace kairos::core
