// Rendering of message templates: placeholder filling, optional lines, time formatting
// in the recipient's language and zone, HTML escaping and owner overrides. The default
// texts live in template_texts.cpp.
#include "kairos/templates.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kairos/language.hpp"
#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

constexpr std::array<std::string_view, 7> en_weekdays{"Monday", "Tuesday", "Wednesday", "Thursday",
                                                      "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> en_months{"January", "February", "March",     "April",   "May",      "June",
                                                     "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> ja_weekdays{"月", "火", "水", "木", "金", "土", "日"};
constexpr std::array<std::string_view, 7> fi_weekdays{"maanantai", "tiistai",  "keskiviikko", "torstai",
                                                      "perjantai", "lauantai", "sunnuntai"};
constexpr std::array<std::string_view, 7> de_weekdays{"Montag",  "Dienstag", "Mittwoch", "Donnerstag",
                                                      "Freitag", "Samstag",  "Sonntag"};
constexpr std::array<std::string_view, 12> de_months{"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                                                     "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
constexpr std::array<std::string_view, 7> hu_weekdays{"hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat",
                                                      "vasárnap"};
constexpr std::array<std::string_view, 12> hu_months{"január", "február", "március",    "április", "május",    "június",
                                                     "július", "augusztus", "szeptember", "október", "november", "december"};

std::string num(int v, int width = 1) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

std::size_t wd(LocalDate d) { return static_cast<std::size_t>(d.weekday()); }
std::size_t mo(LocalDate d) { return static_cast<std::size_t>(d.month() - 1); }

std::string date_text(LocalDate d, std::string_view lang) {
  if (lang == "ja") {
    return num(d.year()) + "年" + num(d.month()) + "月" + num(d.day()) + "日(" + std::string(ja_weekdays[wd(d)]) + ")";
  }
  if (lang == "fi") return std::string(fi_weekdays[wd(d)]) + " " + num(d.day()) + "." + num(d.month()) + "." + num(d.year());
  if (lang == "de") {
    return std::string(de_weekdays[wd(d)]) + ", " + num(d.day()) + ". " + std::string(de_months[mo(d)]) + " " +
           num(d.year());
  }
  if (lang == "hu") {
    return num(d.year()) + ". " + std::string(hu_months[mo(d)]) + " " + num(d.day()) + "., " +
           std::string(hu_weekdays[wd(d)]);
  }
  return std::string(en_weekdays[wd(d)]) + ", " + std::string(en_months[mo(d)]) + " " + num(d.day()) + ", " +
         num(d.year());
}

std::string time_text(LocalTime t, std::string_view lang) {
  if (lang == "en") {
    const int h12 = t.hour() % 12 == 0 ? 12 : t.hour() % 12;
    return num(h12) + ":" + num(t.minute(), 2) + (t.hour() < 12 ? " AM" : " PM");
  }
  if (lang == "fi") return num(t.hour()) + "." + num(t.minute(), 2);
  if (lang == "de") return num(t.hour(), 2) + ":" + num(t.minute(), 2);
  return num(t.hour()) + ":" + num(t.minute(), 2);
}

// "EDT", or "UTC+05:30" when the zone has no letters for the offset ("+0530", "").
std::string offset_name(const ZoneOffset& o) {
  const std::string& a = o.abbreviation;
  if (!a.empty() && ((a[0] >= 'A' && a[0] <= 'Z') || (a[0] >= 'a' && a[0] <= 'z'))) return a;
  const int total = o.utc_offset_seconds;
  const int m = (total < 0 ? -total : total) / 60;
  std::string out = total < 0 ? "UTC-" : "UTC+";
  out.append(num(m / 60, 2)).append(":").append(num(m % 60, 2));
  return out;
}

std::string_view normalize(std::string_view lang) { return supported_language_or(lang); }

std::string when_with_zone(const Interval& i, const ZoneRules* zone, std::string_view lang) {
  static const ZoneRules utc = ZoneRules::fixed("UTC", 0, "UTC");
  const ZoneRules& z = zone ? *zone : utc;
  return format_when(i, z, lang) + " (" + z.id() + ")";
}

std::string actions_text(const MessageContext& ctx, std::string_view lang) {
  std::string out;
  for (const auto& [action, url] : ctx.links) {
    if (!out.empty()) out += "\n";
    out += action_label(action, lang) + ": " + url;
  }
  return out;
}

std::string actions_html(const MessageContext& ctx, std::string_view lang) {
  std::string out;
  for (const auto& [action, url] : ctx.links) {
    out += "<a href=\"" + escape_html(url) +
           "\" style=\"display:inline-block;margin:4px 8px 4px 0;padding:10px 18px;background:#1f5fbf;"
           "color:#ffffff;text-decoration:none;border-radius:6px\">" +
           escape_html(action_label(action, lang)) + "</a>";
  }
  return out;
}

enum class Mode { subject, text, html };

// The value of one placeholder, already in the output's form (escaped for HTML).
// Returns false for an unknown name.
bool value_of(std::string_view name, const MessageContext& ctx, std::string_view lang, Mode mode, std::string& out) {
  const std::string* plain = nullptr;
  std::string computed;
  if (name == "guest_name") plain = &ctx.guest_name;
  else if (name == "guest_company") plain = &ctx.guest_company;
  else if (name == "host_name") plain = &ctx.host_name;
  else if (name == "host_company") plain = &ctx.host_company;
  else if (name == "page_name") plain = &ctx.page_name;
  else if (name == "event_name") plain = &ctx.event_name;
  else if (name == "location") plain = &ctx.location;
  else if (name == "guidance") plain = &ctx.guidance;
  else if (name == "reception_code") plain = &ctx.reception_code;
  else if (name == "reason") plain = &ctx.reason;
  else if (name == "message") plain = &ctx.message;
  else if (name == "notes") plain = &ctx.notes;
  else if (name == "when") computed = when_with_zone(ctx.when, ctx.zone, lang);
  else if (name == "previous_when") computed = ctx.previous_when ? when_with_zone(*ctx.previous_when, ctx.zone, lang) : "";
  else if (name == "appointments") {
    if (ctx.appointments.empty()) {
      computed = when_with_zone(ctx.when, ctx.zone, lang);
    } else {
      for (const Interval& i : ctx.appointments) {
        if (!computed.empty()) computed += "\n";
        computed += when_with_zone(i, ctx.zone, lang);
      }
    }
  } else if (name == "actions") {
    if (mode == Mode::html) {
      out = actions_html(ctx, lang);
      return true;
    }
    computed = actions_text(ctx, lang);
  } else {
    return false;
  }
  std::string v = plain ? *plain : computed;
  if (mode == Mode::subject) {
    // A line break in a subject would end the mail header: flatten it.
    for (char& c : v) {
      if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    }
  } else if (mode == Mode::html) {
    std::string e = escape_html(v);
    std::string r;
    for (char c : e) {
      if (c == '\r') continue;
      if (c == '\n') r += "<br>\n";
      else r.push_back(c);
    }
    v = std::move(r);
  }
  out = std::move(v);
  return true;
}

// Fills the placeholders of one line. `all_empty` tells whether the line had
// placeholders and every one of them was empty.
std::string fill(std::string_view line, const MessageContext& ctx, std::string_view lang, Mode mode, bool& had,
                 bool& all_empty) {
  std::string out;
  had = false;
  all_empty = true;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '{') {
      const std::size_t close = line.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = line.substr(i + 1, close - i - 1);
        std::string v;
        if (value_of(name, ctx, lang, mode, v)) {
          had = true;
          if (!v.empty()) all_empty = false;
          out += v;
          i = close + 1;
          continue;
        }
      }
    }
    // Literal template text: ours or the owner's. Escaped too, so that an owner's "<"
    // shows as written and cannot break the markup.
    const char c = line[i];
    if (mode == Mode::html) out += escape_html(std::string_view(&line[i], 1));
    else out.push_back(c);
    ++i;
  }
  return out;
}

std::vector<std::string> body_lines(std::string_view body, const MessageContext& ctx, std::string_view lang, Mode mode) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = body.substr(pos, nl - pos);
    pos = nl + 1;
    const bool optional = !line.empty() && line.front() == '?';
    if (optional) line.remove_prefix(1);
    bool had = false, all_empty = true;
    std::string filled = fill(line, ctx, lang, mode, had, all_empty);
    if (optional && had && all_empty) continue;
    lines.push_back(std::move(filled));
  }
  // Blank lines: none at either end, never two in a row (left behind by optional lines).
  std::vector<std::string> out;
  for (auto& l : lines) {
    if (l.empty() && (out.empty() || out.back().empty())) continue;
    out.push_back(std::move(l));
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

}  // namespace

const std::vector<std::string>& supported_languages() {
  static const std::vector<std::string> langs{"en", "ja", "fi", "de", "hu"};
  return langs;
}

bool is_supported_language(std::string_view lang) {
  const auto& langs = supported_languages();
  return std::find(langs.begin(), langs.end(), lang) != langs.end();
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string format_when(const Interval& when, const ZoneRules& zone, std::string_view language) {
  const std::string_view lang = normalize(language);
  const LocalDateTime s = zone.to_local(when.start), e = zone.to_local(when.end);
  const bool same_day = s.date() == e.date();
  const std::string ds = date_text(s.date(), lang), ts = time_text(s.time(), lang);
  const std::string de = date_text(e.date(), lang), te = time_text(e.time(), lang);
  // Around a fall-back night "1:30–1:30" would be a riddle: when the offset changes
  // inside the appointment, or a wall time occurs twice, each time names its offset.
  const bool marked = zone.offset_at(when.start).utc_offset_seconds != zone.offset_at(when.end).utc_offset_seconds ||
                      zone.lookup(s).kind == LocalLookup::Kind::repeated ||
                      zone.lookup(e).kind == LocalLookup::Kind::repeated;
  std::string as, ae;
  if (marked) {
    as.append(" ").append(offset_name(zone.offset_at(when.start)));
    ae.append(" ").append(offset_name(zone.offset_at(when.end)));
  }
  if (lang == "ja") return ds + " " + ts + as + "〜" + (same_day ? "" : de + " ") + te + ae;
  if (lang == "fi") {
    return ds + " klo " + ts + as + (same_day ? "–" + te : " – " + de + " klo " + te) + ae;
  }
  if (lang == "de") {
    if (same_day && !marked) return ds + ", " + ts + "–" + te + " Uhr";
    return ds + ", " + ts + " Uhr" + as + " – " + (same_day ? "" : de + ", ") + te + " Uhr" + ae;
  }
  if (lang == "hu") return ds + " " + ts + as + (same_day ? "–" : " – " + de + " ") + te + ae;
  return ds + ", " + ts + as + " – " + (same_day ? "" : de + ", ") + te + ae;
}

namespace {
// One row of a five-language table (columns in supported_languages()'s order: en, ja,
// fi, de, hu) in `language`; an unsupported language reads English.
std::string in_language(const std::array<std::string_view, 5>& row, std::string_view language) {
  const auto& langs = supported_languages();
  const auto column = std::find(langs.begin(), langs.end(), normalize(language)) - langs.begin();
  return std::string(row[static_cast<std::size_t>(column)]);
}
}  // namespace

std::string action_label(SignedAction a, std::string_view language) {
  // en, ja, fi, de, hu
  static constexpr std::array<std::array<std::string_view, 5>, 8> labels{{
      {"Cancel booking", "予約をキャンセルする", "Peruuta ajanvaraus", "Termin absagen", "Foglalás lemondása"},
      {"Book again", "新しく予約する", "Varaa uusi aika", "Neuen Termin buchen", "Új időpont foglalása"},
      {"Approve booking", "予約を承認する", "Hyväksy ajanvaraus", "Termin bestätigen", "Foglalás jóváhagyása"},
      {"Reject booking", "予約を却下する", "Hylkää ajanvaraus", "Termin ablehnen", "Foglalás elutasítása"},
      {"Confirm appointment", "日時を承諾する", "Vahvista tapaaminen", "Termin annehmen", "Időpont elfogadása"},
      {"Decline appointment", "辞退する", "Kieltäydy tapaamisesta", "Termin ablehnen", "Időpont elutasítása"},
      {"Choose a time", "日時を選択する", "Valitse aika", "Termin auswählen", "Időpont kiválasztása"},
      {"Ask for other times", "日程の再調整を依頼する", "Pyydä muita aikoja", "Andere Termine anfragen",
       "Más időpontot kérek"},
  }};
  return in_language(labels[static_cast<std::size_t>(a)], language);
}

std::string link_page_text(LinkPageText t, std::string_view language) {
  // en, ja, fi, de, hu
  static constexpr std::array<std::array<std::string_view, 5>, 15> texts{{
      {"Status", "状態", "Tila", "Status", "Állapot"},
      {"Done", "完了しました", "Valmis", "Erledigt", "Kész"},
      {"Thank you. Everyone concerned is informed by e-mail.", "ありがとうございました。関係者にはメールでお知らせします。",
       "Kiitos. Kaikille asianosaisille ilmoitetaan sähköpostitse.",
       "Vielen Dank. Alle Beteiligten werden per E-Mail informiert.", "Köszönjük. Minden érintettet e-mailben értesítünk."},
      {"The booking is now {status}. Everyone concerned is informed by e-mail.",
       "予約の状態は「{status}」になりました。関係者にはメールでお知らせします。",
       "Ajanvarauksen tila: {status}. Kaikille asianosaisille ilmoitetaan sähköpostitse.",
       "Der Termin ist jetzt: {status}. Alle Beteiligten werden per E-Mail informiert.",
       "A foglalás állapota: {status}. Minden érintettet e-mailben értesítünk."},
      {"This link has expired", "このリンクは有効期限が切れています", "Tämä linkki on vanhentunut", "Dieser Link ist abgelaufen",
       "Ez a hivatkozás lejárt"},
      {"Please use a newer message, or contact us.", "新しいメールのリンクをご利用いただくか、お問い合わせください。",
       "Käytä uudempaa viestiä tai ota meihin yhteyttä.", "Bitte verwenden Sie eine neuere Nachricht oder kontaktieren Sie uns.",
       "Kérjük, használjon újabb üzenetet, vagy vegye fel velünk a kapcsolatot."},
      {"This link has already been used", "このリンクはすでに使用されています", "Tätä linkkiä on jo käytetty",
       "Dieser Link wurde bereits verwendet", "Ezt a hivatkozást már felhasználták"},
      {"Nothing more to do here.", "これ以上の操作は必要ありません。", "Muuta ei tarvitse tehdä.", "Hier ist nichts mehr zu tun.",
       "Itt nincs több teendő."},
      {"This link is not valid", "このリンクは無効です", "Tämä linkki ei ole kelvollinen", "Dieser Link ist ungültig",
       "Ez a hivatkozás érvénytelen"},
      {"It may have been copied incompletely. Please use the button in the message again.",
       "リンクが途中までしかコピーされていない可能性があります。メール内のボタンをもう一度お使いください。",
       "Linkki on ehkä kopioitu vajaana. Käytä viestin painiketta uudelleen.",
       "Er wurde vielleicht unvollständig kopiert. Bitte verwenden Sie erneut die Schaltfläche in der Nachricht.",
       "Lehet, hogy hiányosan másolták ki. Kérjük, használja újra az üzenetben lévő gombot."},
      {"This booking no longer exists", "この予約はすでに存在しません", "Tätä ajanvarausta ei ole enää olemassa",
       "Diesen Termin gibt es nicht mehr", "Ez a foglalás már nem létezik"},
      {"It may have been deleted.", "削除された可能性があります。", "Se on ehkä poistettu.", "Er wurde möglicherweise gelöscht.",
       "Lehet, hogy törölték."},
      {"Nothing to do", "操作は不要です", "Ei tehtävää", "Nichts zu tun", "Nincs teendő"},
      {"This booking has already changed:", "この予約はすでに変更されています:", "Tämä ajanvaraus on jo muuttunut:",
       "Dieser Termin hat sich bereits geändert:", "Ez a foglalás már megváltozott:"},
      {"This did not work", "処理できませんでした", "Tämä ei onnistunut", "Das hat nicht funktioniert", "Ez nem sikerült"},
  }};
  return in_language(texts[static_cast<std::size_t>(t)], language);
}

std::string status_label(BookingStatus s, std::string_view language) {
  // pending, approved, cancelled, rejected, rescheduled, completed; en, ja, fi, de, hu
  static constexpr std::array<std::array<std::string_view, 5>, 6> labels{{
      {"pending", "承認待ち", "Odottaa", "ausstehend", "függőben"},
      {"approved", "承認済み", "Hyväksytty", "bestätigt", "jóváhagyva"},
      {"cancelled", "キャンセル済み", "Peruttu", "abgesagt", "lemondva"},
      {"rejected", "却下", "Hylätty", "abgelehnt", "elutasítva"},
      {"rescheduled", "日時変更済み", "Aika vaihdettu", "verschoben", "áthelyezve"},
      {"completed", "完了", "Valmis", "abgeschlossen", "teljesítve"},
  }};
  return in_language(labels[static_cast<std::size_t>(s)], language);
}

std::string visit_calendar_title(const std::string& guest_company, const std::string& guest_name,
                                 std::string_view language) {
  const std::string_view lang = normalize(language);
  if (lang == "ja") {
    return "来訪: " + (guest_company.empty() ? "" : guest_company + ":") + guest_name + " 様";
  }
  const std::string word = lang == "fi" ? "Vierailu" : lang == "de" ? "Besuch" : lang == "hu" ? "Látogatás" : "Visit";
  return word + ": " + (guest_company.empty() ? "" : guest_company + ": ") + guest_name;
}

MessageContext booking_context(const Booking& b, const PlannedMessage& m) {
  MessageContext c;
  c.guest_name = b.guest.name;
  c.guest_company = b.guest.company;
  if (m.role == Recipient::attendee) {
    for (const Guest& g : b.other_guests) {
      if (g.email == m.address) {
        c.guest_name = g.name;
        c.guest_company = g.company;
      }
    }
  }
  c.location = b.location;
  c.guidance = b.guidance;
  c.notes = b.notes;
  c.reception_code = b.checkin_code;
  c.when = b.when;
  for (auto it = b.history.rbegin(); it != b.history.rend(); ++it) {
    if (it->event == "rescheduled" && !c.previous_when) {
      // "start/end -> start/end", as written by apply().
      const std::string& d = it->detail;
      const std::size_t slash = d.find('/'), arrow = d.find(" -> ");
      if (slash != std::string::npos && arrow != std::string::npos && slash < arrow) {
        const auto s = parse_instant(std::string_view(d).substr(0, slash));
        const auto e = parse_instant(std::string_view(d).substr(slash + 1, arrow - slash - 1));
        if (s && e) c.previous_when = Interval{*s, *e};
      }
    }
    if ((it->event == "cancelled" || it->event == "rejected") && c.reason.empty() &&
        (b.status == BookingStatus::cancelled || b.status == BookingStatus::rejected)) {
      c.reason = it->detail;
    }
  }
  return c;
}

const std::vector<std::string>& placeholders() {
  static const std::vector<std::string> names{"guest_name", "guest_company", "host_name", "host_company", "page_name",
                                              "event_name", "location",   "guidance",  "reception_code", "reason",
                                              "message",    "notes",      "when",      "previous_when",  "appointments",
                                              "actions"};
  return names;
}

Status check_placeholders(std::string_view text, std::string_view field) {
  const auto& names = placeholders();
  for (std::size_t i = text.find('{'); i != std::string_view::npos; i = text.find('{', i + 1)) {
    const std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) break;
    const std::string_view name = text.substr(i + 1, close - i - 1);
    const bool word = !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (word && std::find(names.begin(), names.end(), name) == names.end())
      return make_error("unknown_placeholder", "{" + std::string(name) + "} is not a placeholder", std::string(field));
  }
  return ok_status();
}

std::string sms_text(std::string_view text) {
  if (text.size() <= kSmsMaxBytes) return std::string(text);
  std::size_t end = kSmsMaxBytes;
  // Back to the first byte of the character at `end` (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

Result<RenderedMessage> render(std::string_view template_key, std::string_view language, const MessageContext& ctx,
                               const std::vector<TemplateOverride>& overrides) {
  const std::string_view lang = normalize(language);
  const std::optional<TemplateText> def = default_template(template_key, lang);
  if (!def) return make_error("unknown_template", "no template \"" + std::string(template_key) + "\"", "template");
  std::string_view subject = def->subject, body = def->body;
  for (const TemplateOverride& o : overrides) {
    if (o.template_key != template_key || o.language != lang) continue;
    if (!o.subject.empty()) subject = o.subject;
    if (!o.body.empty()) body = o.body;
  }

  RenderedMessage r;
  bool had = false, all_empty = true;
  r.subject = fill(subject, ctx, lang, Mode::subject, had, all_empty);
  for (char& c : r.subject) {
    if (c == '\r' || c == '\n') c = ' ';
  }

  for (const std::string& l : body_lines(body, ctx, lang, Mode::text)) r.text += l + "\n";

  const std::vector<std::string> lines = body_lines(body, ctx, lang, Mode::html);
  r.html = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang) + "\"><head><meta charset=\"utf-8\"><title>" +
           escape_html(r.subject) + "</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5\">\n<p>";
  bool open_paragraph_empty = true;
  for (const std::string& l : lines) {
    if (l.empty()) {
      r.html += "</p>\n<p>";
      open_paragraph_empty = true;
      continue;
    }
    if (!open_paragraph_empty) r.html += "<br>\n";
    r.html += l;
    open_paragraph_empty = false;
  }
  r.html += "</p>\n</body></html>\n";
  return r;
}

}  // namespace kairos::core
