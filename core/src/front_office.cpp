// The front office's rules: inquiries, the unconverted report, search normalisation,
// delivery-status reports and the front office's mail texts (front_office.hpp).
#include "kairos/front_office.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "kairos/email.hpp"
#include "kairos/language.hpp"

namespace kairos::core {

// --- inquiries ------------------------------------------------------------------------

const char* to_string(InquiryKind k) { return k == InquiryKind::question ? "question" : "booking_request"; }

Result<InquiryKind> parse_inquiry_kind(std::string_view t) {
  if (t == "question") return InquiryKind::question;
  if (t == "booking_request") return InquiryKind::booking_request;
  return make_error("invalid_kind", "kind is question or booking_request", "kind");
}

const char* to_string(InquiryState s) {
  switch (s) {
    case InquiryState::new_: return "new";
    case InquiryState::awaiting_reply: return "awaiting_reply";
    case InquiryState::converted: return "converted";
    case InquiryState::closed: return "closed";
    case InquiryState::unconverted: return "unconverted";
  }
  return "new";
}

Result<InquiryState> parse_inquiry_state(std::string_view t) {
  for (auto s : {InquiryState::new_, InquiryState::awaiting_reply, InquiryState::converted, InquiryState::closed,
                 InquiryState::unconverted})
    if (t == to_string(s)) return s;
  return make_error("invalid_state", "state is new, awaiting_reply, converted, closed or unconverted", "state");
}

Result<InquiryState> next_inquiry_state(InquiryState from, InquiryEvent e) {
  const bool open = from == InquiryState::new_ || from == InquiryState::awaiting_reply ||
                    from == InquiryState::unconverted;
  auto illegal = [&](const char* what) {
    return make_error("illegal_transition", std::string("an inquiry that is ") + to_string(from) + " cannot be " + what,
                      "state");
  };
  switch (e) {
    case InquiryEvent::reply:
      if (open) return InquiryState::awaiting_reply;
      return illegal("answered");
    case InquiryEvent::convert:
      if (open) return InquiryState::converted;
      return illegal("converted");
    case InquiryEvent::close:
      if (open) return InquiryState::closed;
      return illegal("closed");
    case InquiryEvent::reopen:
      if (from == InquiryState::closed || from == InquiryState::unconverted) return InquiryState::new_;
      return illegal("reopened");
    case InquiryEvent::expire:
      if (from == InquiryState::awaiting_reply) return InquiryState::unconverted;
      return illegal("marked unconverted");
  }
  return illegal("changed");
}

// --- the front office's records -----------------------------------------------------

std::string LocalizedText::in(std::string_view language, std::string_view fallback) const {
  if (by_language.empty()) return text;
  const auto has = [this](std::string_view l) { return by_language.find(std::string(l)) != by_language.end(); };
  const std::string_view l = pick_language(language, fallback, has);
  return l.empty() ? by_language.begin()->second : by_language.at(std::string(l));
}

const char* to_string(LabelKind k) {
  switch (k) {
    case LabelKind::staff: return "staff";
    case LabelKind::location: return "location";
    case LabelKind::custom: return "custom";
  }
  return "custom";
}

Result<LabelKind> parse_label_kind(std::string_view t) {
  for (auto k : {LabelKind::staff, LabelKind::location, LabelKind::custom})
    if (t == to_string(k)) return k;
  return make_error("invalid_kind", "kind is staff, location or custom", "kind");
}

Status check_label(const Label& l) {
  if (l.name.empty() || l.name.size() > 100) return make_error("invalid_name", "1 to 100 characters", "name");
  const bool hex = l.color.size() == 7 && l.color[0] == '#' &&
                   std::all_of(l.color.begin() + 1, l.color.end(),
                               [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
  if (!hex) return make_error("invalid_color", "a color is #RRGGBB", "color");
  return ok_status();
}

std::vector<std::string> automatic_labels(const std::vector<Label>& labels, std::string_view location) {
  std::vector<std::string> out;
  if (location.empty()) return out;
  for (const auto& l : labels)
    if (l.kind == LabelKind::location && l.location == location) out.push_back(l.id);
  return out;
}

Inquiry new_inquiry(const InquiryInput& in, Instant now, LocalDate today) {
  Inquiry q;
  q.kind = in.kind;
  q.guest.name = in.name;
  q.guest.email = in.email;
  q.guest.phone = in.phone;
  q.message = in.message;
  q.wished_times = in.wished_times;
  q.received_on = today;
  q.created = q.updated = now;
  q.history.push_back({now, "received", ""});
  return q;
}

Status apply_inquiry_event(Inquiry& q, InquiryEvent e, Instant now, LocalDate today, std::string_view detail) {
  auto next = next_inquiry_state(q.state, e);
  if (!next) return next.error();
  if (e == InquiryEvent::expire && !q.awaiting_since)
    return make_error("illegal_transition", "an inquiry not awaiting a reply since a date cannot expire", "state");
  q.state = *next;
  if (e == InquiryEvent::reply) q.awaiting_since = today;
  if (e == InquiryEvent::expire) q.unconverted_on = unconverted_on(*q.awaiting_since);
  q.history.push_back({now, e == InquiryEvent::reply ? "replied" : to_string(*next), std::string(detail)});
  q.updated = now;
  return ok_status();
}

InquiryReportFacts report_facts(const Inquiry& q) {
  return InquiryReportFacts{q.kind, q.state, q.received_on, q.unconverted_on};
}

Result<InquiryEvent> event_to_reach(InquiryState target) {
  if (target == InquiryState::closed) return InquiryEvent::close;
  if (target == InquiryState::new_) return InquiryEvent::reopen;
  return make_error("illegal_transition", "use reply or convert for that state", "state");
}

namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n')) --b;
  return std::string(s.substr(a, b - a));
}

// Characters, not bytes (UTF-8 continuation bytes do not count).
std::size_t char_count(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

Result<InquiryInput> check_inquiry(InquiryInput in, Instant now) {
  in.name = trim(in.name);
  if (in.name.empty()) return make_error("missing_field", "the guest's name is required", "guest.name");
  if (char_count(in.name) > 200) return make_error("too_long", "at most 200 characters", "guest.name");
  if (trim(in.email).empty()) return make_error("missing_field", "the guest's e-mail is required", "guest.email");
  auto check = check_email(in.email);
  if (!check.valid) {
    std::string detail = "not a valid e-mail address";
    if (check.suggestion) detail += "; did you mean " + *check.suggestion + "?";
    return make_error("invalid_email", detail, "guest.email");
  }
  in.email = check.address;
  in.phone = trim(in.phone);
  if (in.phone.size() > 40) return make_error("too_long", "at most 40 characters", "guest.phone");
  for (char c : in.phone)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ' ||
          c == '.'))
      return make_error("invalid_phone", "digits, spaces and + - ( ) . only", "guest.phone");
  in.message = trim(in.message);
  if (in.message.empty()) return make_error("missing_field", "the message is required", "message");
  if (char_count(in.message) > 5000) return make_error("too_long", "at most 5000 characters", "message");
  if (in.kind == InquiryKind::booking_request && in.wished_times.empty())
    return make_error("missing_field", "a booking request names at least one wished time", "wished_times");
  if (in.wished_times.size() > 10) return make_error("too_many_times", "at most 10 wished times", "wished_times");
  for (std::size_t i = 0; i < in.wished_times.size(); ++i) {
    const std::string f = "wished_times[" + std::to_string(i) + "]";
    const Interval& w = in.wished_times[i];
    if (!(w.start < w.end)) return make_error("invalid_interval", "the end must be after the start", f);
    if (w.end - w.start > Seconds(Days(1))) return make_error("invalid_interval", "at most one day long", f);
    if (w.start < now) return make_error("in_past", "a wished time must be in the future", f);
  }
  return in;
}

bool inquiry_expired(LocalDate awaiting_since, LocalDate today) { return today >= awaiting_since + Days(2); }
LocalDate unconverted_on(LocalDate awaiting_since) { return awaiting_since + Days(1); }

bool in_unconverted_report(const InquiryReportFacts& f, LocalDate date) {
  if (f.state == InquiryState::unconverted) return f.unconverted_on && *f.unconverted_on == date;
  if (f.kind == InquiryKind::question)
    return f.received_on == date && f.state != InquiryState::converted;
  return false;
}

bool report_due(LocalDateTime now_local, LocalTime at, std::optional<LocalDate> last_sent) {
  if (last_sent && *last_sent >= now_local.date()) return false;
  return now_local.time() >= at;
}

LocalDate report_date(LocalDate today) { return today - Days(1); }

// --- search normalisation ---------------------------------------------------------------

namespace {

bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return false;
  cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3F);
  }
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// U+FF61…U+FF9F (half-width katakana and punctuation) → their full-width forms.
constexpr std::array<char16_t, 63> kHalfKana = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5,
    0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC,
    0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4,
    0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C};

bool takes_dakuten(char32_t c) {
  return (c >= 0x30AB && c <= 0x30C2 && (c % 2) == 1) || c == 0x30C4 || c == 0x30C6 || c == 0x30C8 ||
         (c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0);
}
bool takes_handakuten(char32_t c) { return c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0; }

char32_t fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // full-width ASCII
  if (c == 0x3000 || c == '\t' || c == '\r' || c == '\n') return ' ';
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  return c;
}

}  // namespace

std::string normalize_for_search(std::string_view s) {
  std::u32string cps;
  std::string out;
  auto flush = [&] {
    for (char32_t c : cps) append_utf8(out, c);
    cps.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t len = 0;
    if (!next_code_point(s, i, cp, len)) {
      flush();
      out.push_back(s[i]);
      ++i;
      continue;
    }
    i += len;
    if (cp >= 0xFF61 && cp <= 0xFF9F) cp = kHalfKana[cp - 0xFF61];
    // Voiced marks (half-width ﾞﾟ, spacing ゛゜ or combining U+3099/U+309A) join the kana before.
    const bool dakuten = cp == 0x309B || cp == 0x3099, handakuten = cp == 0x309C || cp == 0x309A;
    if ((dakuten || handakuten) && !cps.empty()) {
      char32_t& prev = cps.back();
      if (dakuten && prev == 0x30A6) { prev = 0x30F4; continue; }
      if (dakuten && takes_dakuten(prev)) { prev += 1; continue; }
      if (handakuten && takes_handakuten(prev)) { prev += 2; continue; }
    }
    cp = fold(cp);
    if (cp == ' ' && (cps.empty() ? (out.empty() || out.back() == ' ') : cps.back() == ' ')) continue;
    cps.push_back(cp);
  }
  flush();
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool text_matches(std::string_view text, std::string_view query) {
  const std::string q = normalize_for_search(query);
  if (q.empty()) return false;
  return normalize_for_search(text).find(q) != std::string::npos;
}

std::string phone_digits(std::string_view phone) {
  std::string out;
  for (std::size_t i = 0; i < phone.size();) {
    char32_t cp = 0;
    std::size_t len = 0;
    if (!next_code_point(phone, i, cp, len)) { ++i; continue; }
    i += len;
    if (cp >= 0xFF10 && cp <= 0xFF19) cp = cp - 0xFF10 + '0';
    if (cp >= '0' && cp <= '9') out.push_back(static_cast<char>(cp));
  }
  return out;
}

bool phone_matches(std::string_view stored, std::string_view query) {
  std::string s = phone_digits(stored), q = phone_digits(query);
  if (q.size() < 4 || s.empty()) return false;
  auto strip0 = [](std::string d) { return !d.empty() && d.front() == '0' ? d.substr(1) : d; };
  s = strip0(s);
  std::vector<std::string> candidates{strip0(q)};
  std::string_view qt = query;
  while (!qt.empty() && qt.front() == ' ') qt.remove_prefix(1);
  if (!qt.empty() && qt.front() == '+')
    for (std::size_t cc = 1; cc <= 3 && cc + 4 <= q.size(); ++cc) candidates.push_back(strip0(q.substr(cc)));
  for (const auto& c : candidates)
    if (c.size() >= 4 && s.find(c) != std::string::npos) return true;
  return false;
}

// --- delivery-status notifications -------------------------------------------------------

namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// The value after "type;" of a DSN field ("rfc822; a@b" → "a@b"), angle brackets off.
std::string typed_value(std::string v) {
  if (auto p = v.find(';'); p != std::string::npos) v = v.substr(p + 1);
  v = trim(v);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return v;
}

std::optional<long long> digits_after(std::string_view hay, std::string_view marker, char terminator) {
  std::size_t from = 0;
  while (true) {
    auto p = hay.find(marker, from);
    if (p == std::string_view::npos) return std::nullopt;
    std::size_t i = p + marker.size(), j = i;
    while (j < hay.size() && j - i < 18 && std::isdigit(static_cast<unsigned char>(hay[j]))) ++j;
    if (j > i && j < hay.size() && hay[j] == terminator) return std::stoll(std::string(hay.substr(i, j - i)));
    from = p + 1;
  }
}

}  // namespace

std::string verp_address(std::string_view bounce, long long id) {
  auto at = bounce.find('@');
  if (at == std::string_view::npos) return std::string(bounce);
  return std::string(bounce.substr(0, at)) + "+o" + std::to_string(id) + std::string(bounce.substr(at));
}

DsnReport parse_dsn(std::string_view raw, std::string_view verp_local) {
  DsnReport r;
  const std::string low = lower(raw);
  // Unfold header-style lines (a line starting with white space continues the one before).
  std::vector<std::string> lines;
  std::size_t i = 0;
  while (i <= raw.size()) {
    std::size_t j = raw.find('\n', i);
    if (j == std::string_view::npos) j = raw.size();
    std::string line(raw.substr(i, j - i));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty() && !lines.back().empty()) {
      lines.back().push_back(' ');
      lines.back() += trim(line);
    } else {
      lines.push_back(line);
    }
    i = j + 1;
  }
  auto field = [&](const char* name) -> std::string {
    const std::string n = std::string(name) + ":";
    for (const auto& l : lines)
      if (l.size() > n.size() && lower(l.substr(0, n.size())) == n) return trim(l.substr(n.size()));
    return {};
  };
  r.action = lower(field("action"));
  r.status = field("status");
  if (auto sp = r.status.find(' '); sp != std::string::npos) r.status = r.status.substr(0, sp);
  r.recipient = typed_value(field("final-recipient"));
  if (r.recipient.empty()) r.recipient = typed_value(field("original-recipient"));
  if (r.recipient.empty()) r.recipient = trim(field("x-failed-recipients"));
  r.diagnostic = typed_value(field("diagnostic-code"));
  r.is_report = low.find("message/delivery-status") != std::string::npos ||
                (!r.action.empty() && !r.recipient.empty());
  r.failed = r.is_report && (r.action == "failed" || (!r.status.empty() && r.status[0] == '5'));
  if (!verp_local.empty()) r.message = digits_after(low, lower(verp_local) + "+o", '@');
  if (!r.message) r.message = digits_after(low, "outbox-", '.');
  return r;
}

// --- texts -------------------------------------------------------------------------------

namespace {

struct TextRow {
  const char* key;
  const char* lang;
  const char* subject;
  const char* body;
};

constexpr TextRow kTexts[] = {
    {"inquiry.received.guest", "en", "We have received your message: {location}",
     "Dear {guest_name},\n\nThank you for your message. We will answer as soon as we can.\n\n?Wished times: {wished}\n"
     "Your message:\n{quoted}\n\n?{location}\n?{location_address}\n?{location_phone}"},
    {"inquiry.received.guest", "ja", "【お問い合わせ受付】{location}",
     "{guest_name}様\n\nお問い合わせいただきありがとうございます。担当者より折り返しご連絡いたします。\n\n?ご希望の日時: {wished}\n"
     "お問い合わせ内容:\n{quoted}\n\n?{location}\n?{location_address}\n?{location_phone}"},
    {"inquiry.received.guest", "fi", "Viestisi on vastaanotettu: {location}",
     "Hei {guest_name},\n\nKiitos viestistäsi. Vastaamme mahdollisimman pian.\n\n?Toivotut ajat: {wished}\n"
     "Viestisi:\n{quoted}\n\n?{location}\n?{location_address}\n?{location_phone}"},
    {"inquiry.received.guest", "de", "Ihre Nachricht ist eingegangen: {location}",
     "Guten Tag {guest_name},\n\nvielen Dank für Ihre Nachricht. Wir antworten so bald wie möglich.\n\n?Gewünschte Zeiten: {wished}\n"
     "Ihre Nachricht:\n{quoted}\n\n?{location}\n?{location_address}\n?{location_phone}"},
    {"inquiry.received.guest", "hu", "Megkaptuk üzenetét: {location}",
     "Kedves {guest_name}!\n\nKöszönjük üzenetét, hamarosan válaszolunk.\n\n?Kívánt időpontok: {wished}\n"
     "Az Ön üzenete:\n{quoted}\n\n?{location}\n?{location_address}\n?{location_phone}"},
    {"inquiry.new.staff", "en", "New inquiry ({kind}): {guest_name}",
     "A new inquiry arrived.\n\nFrom: {guest_name} <{guest_email}>\n?Phone: {guest_phone}\n?Location: {location}\n"
     "?Wished times: {wished}\n\n{quoted}\n\n{admin_url}"},
    {"inquiry.new.staff", "ja", "【新しいお問い合わせ】{guest_name}様",
     "新しいお問い合わせが届きました。\n\n差出人: {guest_name} <{guest_email}>\n?電話番号: {guest_phone}\n?店舗: {location}\n"
     "?ご希望の日時: {wished}\n\n{quoted}\n\n{admin_url}"},
    {"inquiry.reply.guest", "en", "Re: your message to {location}", "{reply}\n\n?{location}\n?{location_address}\n?{location_phone}\n\n{quoted}"},
    {"inquiry.reply.guest", "ja", "Re: お問い合わせの件（{location}）", "{reply}\n\n?{location}\n?{location_address}\n?{location_phone}\n\n{quoted}"},
    {"inquiry.reply.guest", "fi", "Re: viestisi ({location})", "{reply}\n\n?{location}\n?{location_address}\n?{location_phone}\n\n{quoted}"},
    {"inquiry.reply.guest", "de", "Re: Ihre Nachricht an {location}", "{reply}\n\n?{location}\n?{location_address}\n?{location_phone}\n\n{quoted}"},
    {"inquiry.reply.guest", "hu", "Re: üzenete ({location})", "{reply}\n\n?{location}\n?{location_address}\n?{location_phone}\n\n{quoted}"},
    {"report.unconverted.staff", "en", "{date} inquiries that did not lead to a booking ({count})",
     "Inquiries of {date} that did not lead to a booking: {count}\n\n{items}"},
    {"report.unconverted.staff", "ja", "{date} 予約に至らなかったメール（{count}件）",
     "{date} 予約に至らなかったメール: {count}件\n\n{items}"},
    {"delivery.bounced.staff", "en", "Undelivered mail to {guest_name}: please call {guest_phone}",
     "A mail to {address} could not be delivered ({status} {diagnostic}).\n\n?Guest: {guest_name}\n?Phone: {guest_phone}\n"
     "?Did you mean: {suggestion}\n?Booking: {booking}\n?Inquiry: {inquiry}\n\nNo further mail goes to this address until it is "
     "corrected; a corrected address receives the failed mail again."},
    {"delivery.bounced.staff", "ja", "【送信エラー】{guest_name}様へのメールが届きませんでした（電話: {guest_phone}）",
     "{address} 宛のメールが届きませんでした（{status} {diagnostic}）。\n\n?お客様: {guest_name}\n?電話番号: {guest_phone}\n"
     "?修正候補: {suggestion}\n?予約: {booking}\n?お問い合わせ: {inquiry}\n\nアドレスを修正すると、届かなかったメールを再送します。"},
    {"checkin.arrived.host", "en", "Arrived: {guest_company} {guest_name}",
     "{guest_name} has arrived at the reception.\n?Company: {guest_company}\n\n{when}\n?{room}\n?{location}"},
    {"checkin.arrived.host", "ja", "【来訪】{guest_company} {guest_name}様が到着されました",
     "{guest_name}様が受付に到着されました。\n?会社名: {guest_company}\n\n{when}\n?{room}\n?{location}"},
    {"checkin.arrived.host", "fi", "Vieras saapui: {guest_name}", "{guest_name} on saapunut vastaanottoon.\n\n{when}\n?{room}\n?{location}"},
    {"checkin.arrived.host", "de", "Besuch ist da: {guest_name}", "{guest_name} ist am Empfang angekommen.\n\n{when}\n?{room}\n?{location}"},
    {"checkin.arrived.host", "hu", "Megérkezett: {guest_name}", "{guest_name} megérkezett a recepcióra.\n\n{when}\n?{room}\n?{location}"},
    {"checkin.arrived.sms", "en", "Arrived", "{guest_name} has arrived at the reception ({when})."},
    {"checkin.arrived.sms", "ja", "来訪", "{guest_name}様が受付に到着されました（{when}）。"},
    {"reminder.host.sms", "en", "Reminder", "Reminder: {guest_name}, {when}\n?{location}"},
    {"reminder.host.sms", "ja", "リマインダー", "【リマインダー】{guest_name}様 {when}\n?{location}"},
    {"manual.guest", "en", "{subject}", "{text}"},
};

std::string fill(std::string_view tpl, const std::map<std::string, std::string>& fields, bool& any, bool& all_empty) {
  std::string out;
  any = false;
  all_empty = true;
  for (std::size_t i = 0; i < tpl.size();) {
    if (tpl[i] == '{') {
      auto e = tpl.find('}', i);
      if (e != std::string_view::npos) {
        auto it = fields.find(std::string(tpl.substr(i + 1, e - i - 1)));
        any = true;
        if (it != fields.end() && !it->second.empty()) {
          all_empty = false;
          out += it->second;
        }
        i = e + 1;
        continue;
      }
    }
    out.push_back(tpl[i++]);
  }
  return out;
}

}  // namespace

Result<FrontText> front_text(std::string_view key, std::string_view language,
                             const std::map<std::string, std::string>& fields) {
  const auto row_in = [key](std::string_view lang) -> const TextRow* {
    for (const auto& t : kTexts)
      if (key == t.key && lang == t.lang) return &t;
    return nullptr;
  };
  const std::string_view lang = pick_language(language, "en", row_in);
  const TextRow* row = lang.empty() ? nullptr : row_in(lang);
  if (!row) return make_error("unknown_template", "no such text: " + std::string(key));
  FrontText out;
  bool any = false, empty = false;
  out.subject = fill(row->subject, fields, any, empty);
  std::string_view body = row->body;
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t j = body.find('\n', i);
    if (j == std::string_view::npos) j = body.size();
    std::string_view line = body.substr(i, j - i);
    // "?x…": drop the line when its placeholders are all empty.
    bool optional_line = !line.empty() && line[0] == '?';
    if (optional_line) line.remove_prefix(1);
    std::string text = fill(line, fields, any, empty);
    if (optional_line && any && empty) text = "\x01";
    if (text != "\x01") out.text += text + "\n";
    i = j + 1;
  }
  while (out.text.size() >= 2 && out.text.substr(out.text.size() - 2) == "\n\n") out.text.pop_back();
  return out;
}

std::string quote_message(std::string_view m) {
  std::string out;
  std::size_t i = 0;
  while (i <= m.size()) {
    std::size_t j = m.find('\n', i);
    if (j == std::string_view::npos) j = m.size();
    std::string_view line = m.substr(i, j - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "> ";
    out += line;
    if (j < m.size()) out += "\n";
    i = j + 1;
  }
  return out;
}

}  // namespace kairos::core
