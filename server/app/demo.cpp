// --demo: a believable demo account (a small consultancy with offices in Tokyo and
// Helsinki), seeded once; later starts find the page and only print the key again.
#include "front.hpp"
#include "app.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "http/log.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/documents.hpp"

namespace kairos::server {

namespace {
constexpr const char* kDemoKey = "kairos-demo-owner-key";
}
// Public on purpose, like the demo key: a demo, never a production login.
const char* const kDemoOwnerEmail = "owner@demo.kairos";
const char* const kDemoOwnerPassword = "kairos-demo";

std::string App::seed_demo() {
  std::string account = keys.ensure_account(kDemoKey, "Kairos demo (Aurora & Sakura Consulting)");
  if (!store.staff_by_email(kDemoOwnerEmail)) {  // the console login printed beside the key
    const auto now = this->now();
    store.put_staff(store::StaffRecord{"st_demo_owner", account, kDemoOwnerEmail, "Demo Owner", "owner", "", "en",
                                       auth::hash_password(kDemoOwnerPassword), now, now});
  }
  if (store.page("demo")) return kDemoKey;

  // Typed documents (wire/documents.hpp); each is checked as the admin API would check it.
  const auto hours = [](std::vector<std::pair<const char*, const char*>> spans) {
    std::vector<core::LocalInterval> out;
    for (auto [a, b] : spans) out.push_back({*core::parse_time(a), *core::parse_time(b, true)});
    return std::optional(out);
  };
  const auto host = [&](const std::string& id, wire::HostDocument d) {
    if (!zones.get(d.timezone)) throw std::runtime_error("demo host: unknown zone " + d.timezone);
    if (auto st = core::validate(d.schedule(id, {})); !st) throw std::runtime_error("demo host: " + st.error().message);
    store.put_host(store::HostRecord{id, account, wire::host_document(d).dump()});
  };
  wire::HostDocument tokyo;
  tokyo.name = "Yui Tanaka";
  tokyo.email = "yui.tanaka@example.com";
  tokyo.timezone = "Asia/Tokyo";
  for (std::size_t d = 0; d < 4; ++d) tokyo.weekly_hours[d] = hours({{"09:00", "12:00"}, {"13:00", "18:00"}});
  tokyo.weekly_hours[4] = hours({{"09:00", "15:00"}});
  host("h_demo_tokyo", tokyo);
  wire::HostDocument helsinki;
  helsinki.name = "Aino Virtanen";
  helsinki.email = "aino.virtanen@example.com";
  helsinki.timezone = "Europe/Helsinki";
  for (std::size_t d = 0; d < 4; ++d) helsinki.weekly_hours[d] = hours({{"08:30", "16:30"}});
  helsinki.weekly_hours[4] = hours({{"08:30", "14:00"}});
  host("h_demo_helsinki", helsinki);
  store.put_room(store::RoomRecord{"r_demo_fuji", account, "Meeting room Fuji (Tokyo)"});
  store.put_room(store::RoomRecord{"r_demo_sauna", account, "Meeting room Sauna (Helsinki)"});

  const auto texts = [](std::map<std::string, std::string> by_language) {
    return core::LocalizedText{"", std::move(by_language)};
  };
  wire::PageDocument page;
  page.name = core::LocalizedText{"Aurora & Sakura Consulting", {}};
  // Owner content per language, like the services' names below.
  page.description = texts(
      {{"en", "Book a free intro call or an on-site consultation with our team in Tokyo or Helsinki."},
       {"ja", "東京またはヘルシンキのチームとの無料の初回相談、または来社相談をご予約いただけます。"},
       {"fi", "Varaa maksuton tutustumispuhelu tai tapaaminen tiimimme kanssa Tokion tai Helsingin toimistolla."},
       {"de", "Buchen Sie ein kostenloses Erstgespräch oder eine Beratung vor Ort mit unserem Team in Tokio oder Helsinki."},
       {"hu", "Foglaljon ingyenes bemutatkozó hívást vagy személyes konzultációt tokiói vagy helsinki csapatunkkal."}});
  // A small inline logo (the widget shows data: images and same-origin paths only).
  page.logo = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHZpZXdCb3g9JzAgMCA0OCA0OCc+PHJlY3Qgd2lkdGg9JzQ4JyBoZWlnaHQ9JzQ4JyByeD0nMTInIGZpbGw9JyMxZDRlZDgnLz48Y2lyY2xlIGN4PScyNCcgY3k9JzIxJyByPSc5JyBmaWxsPScjZmNkMzRkJy8+PHBhdGggZD0nTTggMzZjOC03IDI0LTcgMzIgMCcgc3Ryb2tlPScjZmZmJyBzdHJva2Utd2lkdGg9JzMuNScgZmlsbD0nbm9uZScgc3Ryb2tlLWxpbmVjYXA9J3JvdW5kJy8+PGNpcmNsZSBjeD0nMzUnIGN5PScxMicgcj0nMycgZmlsbD0nI2Y5YThkNCcvPjwvc3ZnPg==";
  page.language = "en";
  page.hosts = {"h_demo_tokyo", "h_demo_helsinki"};
  page.host_mode = core::HostMode::any;
  wire::PageEventType intro;
  intro.id = "intro";
  // Owner content per language: each guest reads the service in their own.
  intro.name = texts({{"en", "Intro call"}, {"ja", "初回相談"}, {"fi", "Tutustumispuhelu"}, {"de", "Erstgespräch"},
                      {"hu", "Bemutatkozó hívás"}});
  intro.duration_minutes = 30;
  intro.min_notice_minutes = 240;
  intro.window = core::BookingWindow::rolling(60);
  intro.location = "video";
  intro.auto_approve = true;
  wire::PageEventType consultation;
  consultation.id = "consultation";
  consultation.name = texts({{"en", "On-site consultation"}, {"ja", "来社相談"}, {"fi", "Tapaaminen toimistolla"},
                             {"de", "Beratung vor Ort"}, {"hu", "Személyes konzultáció"}});
  consultation.duration_minutes = 60;
  consultation.slot_interval_minutes = 30;
  consultation.buffer_before_minutes = 15;
  consultation.buffer_after_minutes = 15;
  consultation.min_notice_minutes = 1440;
  consultation.window = core::BookingWindow::rolling(90);
  consultation.limits = core::Limits{4, std::nullopt};
  consultation.rooms = std::vector<std::string>{"r_demo_fuji", "r_demo_sauna"};
  consultation.location = "office";
  consultation.auto_approve = false;
  page.event_types = {intro, consultation};
  for (const auto& et : page.event_types)
    if (auto p = wire::event_policy(et); !p) throw std::runtime_error("demo page: " + p.error().message);
  store.put_page(store::PageRecord{"demo", account, wire::page_document(page).dump()});
  return kDemoKey;
}

void App::sweep() {
  std::size_t completed = complete_ended_bookings(*this);
  if (completed > 0) log::info("automatic completion", {{"bookings", completed}});
  std::size_t released = store.release_due_outbox(now());
  if (released > 0) log::info("outbox hand-off", {{"messages", released}});
  front_sweep(*this);
}

}  // namespace kairos::server
