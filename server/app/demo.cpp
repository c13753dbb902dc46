// --demo: a believable demo account (a small consultancy with offices in Tokyo and
// Helsinki), seeded once; later starts find the page and only print the key again.
#include "front.hpp"
#include "app.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "http/log.hpp"

namespace kairos::server {

using nlohmann::json;

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

  // Explicit arrays: nlohmann would read {{"09:00", "12:00"}} as an object.
  auto hours = [](std::vector<std::pair<const char*, const char*>> spans) {
    json out = json::array();
    for (auto [a, b] : spans) out.push_back(json::array({a, b}));
    return out;
  };
  auto host = [&](const std::string& id, json body) {
    auto doc = normalize_host(body, zones);
    if (!doc) throw std::runtime_error("demo host: " + doc.error().message);
    store.put_host(store::HostRecord{id, account, doc->dump()});
  };
  host("h_demo_tokyo", {{"name", "Yui Tanaka"},
                        {"email", "yui.tanaka@example.com"},
                        {"timezone", "Asia/Tokyo"},
                        {"weekly_hours",
                         {{"mon", hours({{"09:00", "12:00"}, {"13:00", "18:00"}})},
                          {"tue", hours({{"09:00", "12:00"}, {"13:00", "18:00"}})},
                          {"wed", hours({{"09:00", "12:00"}, {"13:00", "18:00"}})},
                          {"thu", hours({{"09:00", "12:00"}, {"13:00", "18:00"}})},
                          {"fri", hours({{"09:00", "15:00"}})}}}});
  host("h_demo_helsinki", {{"name", "Aino Virtanen"},
                           {"email", "aino.virtanen@example.com"},
                           {"timezone", "Europe/Helsinki"},
                           {"weekly_hours",
                            {{"mon", hours({{"08:30", "16:30"}})},
                             {"tue", hours({{"08:30", "16:30"}})},
                             {"wed", hours({{"08:30", "16:30"}})},
                             {"thu", hours({{"08:30", "16:30"}})},
                             {"fri", hours({{"08:30", "14:00"}})}}}});
  store.put_room(store::RoomRecord{"r_demo_fuji", account, "Meeting room Fuji (Tokyo)"});
  store.put_room(store::RoomRecord{"r_demo_sauna", account, "Meeting room Sauna (Helsinki)"});

  json page{{"name", "Aurora & Sakura Consulting"},
            // Owner content per language, like the services' names below.
            {"description",
             {{"en", "Book a free intro call or an on-site consultation with our team in Tokyo or Helsinki."},
              {"ja", "東京またはヘルシンキのチームとの無料の初回相談、または来社相談をご予約いただけます。"},
              {"fi", "Varaa maksuton tutustumispuhelu tai tapaaminen tiimimme kanssa Tokion tai Helsingin toimistolla."},
              {"de", "Buchen Sie ein kostenloses Erstgespräch oder eine Beratung vor Ort mit unserem Team in Tokio oder Helsinki."},
              {"hu", "Foglaljon ingyenes bemutatkozó hívást vagy személyes konzultációt tokiói vagy helsinki csapatunkkal."}}},
            // A small inline logo (the widget shows data: images and same-origin paths only).
            {"logo", "data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHZpZXdCb3g9JzAgMCA0OCA0OCc+PHJlY3Qgd2lkdGg9JzQ4JyBoZWlnaHQ9JzQ4JyByeD0nMTInIGZpbGw9JyMxZDRlZDgnLz48Y2lyY2xlIGN4PScyNCcgY3k9JzIxJyByPSc5JyBmaWxsPScjZmNkMzRkJy8+PHBhdGggZD0nTTggMzZjOC03IDI0LTcgMzIgMCcgc3Ryb2tlPScjZmZmJyBzdHJva2Utd2lkdGg9JzMuNScgZmlsbD0nbm9uZScgc3Ryb2tlLWxpbmVjYXA9J3JvdW5kJy8+PGNpcmNsZSBjeD0nMzUnIGN5PScxMicgcj0nMycgZmlsbD0nI2Y5YThkNCcvPjwvc3ZnPg=="},
            {"language", "en"},
            {"hosts", json::array({"h_demo_tokyo", "h_demo_helsinki"})},
            {"host_mode", "any"},
            {"event_types",
             {{{"id", "intro"},
               // Owner content per language: each guest reads the service in their own.
               {"name", {{"en", "Intro call"}, {"ja", "初回相談"}, {"fi", "Tutustumispuhelu"},
                         {"de", "Erstgespräch"}, {"hu", "Bemutatkozó hívás"}}},
               {"duration_minutes", 30},
               {"min_notice_minutes", 240},
               {"window", {{"rolling_days", 60}}},
               {"location", "video"},
               {"auto_approve", true}},
              {{"id", "consultation"},
               {"name", {{"en", "On-site consultation"}, {"ja", "来社相談"}, {"fi", "Tapaaminen toimistolla"},
                         {"de", "Beratung vor Ort"}, {"hu", "Személyes konzultáció"}}},
               {"duration_minutes", 60},
               {"slot_interval_minutes", 30},
               {"buffer_before_minutes", 15},
               {"buffer_after_minutes", 15},
               {"min_notice_minutes", 1440},
               {"window", {{"rolling_days", 90}}},
               {"limits", {{"per_day", 4}}},
               {"rooms", json::array({"r_demo_fuji", "r_demo_sauna"})},
               {"location", "office"},
               {"auto_approve", false}}}}};
  auto doc = normalize_page(page, store, account);
  if (!doc) throw std::runtime_error("demo page: " + doc.error().message);
  store.put_page(store::PageRecord{"demo", account, doc->dump()});
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
