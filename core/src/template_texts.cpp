// The default subject and body of every message, in English, Japanese, Finnish, German
// and Hungarian. Written for each language's readers rather than translated word for
// word: polite Japanese (keigo, "様"), "Hei" in Finnish, "Guten Tag ... Sie" in German,
// "Kedves ...!" and the formal "Ön" in Hungarian. Seed 000 fixes the subjects of the
// proposal completion mails and of the re-adjust request exactly. Syntax of the texts:
// see templates.hpp (placeholders, optional "?" lines).
#include <array>
#include <optional>
#include <string_view>

#include "kairos/templates.hpp"

namespace kairos::core {
namespace {

struct Entry {
  std::string_view key;
  std::string_view lang;
  std::string_view subject;
  std::string_view body;
};

constexpr Entry texts[] = {
    // --- booking.pending -------------------------------------------------------------
    {"booking.pending.guest", "en", "We have received your booking request: {event_name}",
     "Hello {guest_name},\n\nThank you for your booking request. We will let you know as soon as it has been "
     "confirmed.\n\n?{event_name}\n{when}\n?{location}\n\n?{actions}"},
    {"booking.pending.guest", "ja", "【ご予約リクエスト受付】{event_name}",
     "{guest_name}様\n\nこのたびはご予約のリクエストをいただき、誠にありがとうございます。\n担当者が内容を確認し、"
     "予約が確定しましたら改めてご連絡いたします。\n\n?{event_name}\n{when}\n?{location}\n\n?{actions}"},
    {"booking.pending.guest", "fi", "Ajanvarauspyyntösi on vastaanotettu: {event_name}",
     "Hei {guest_name},\n\nKiitos ajanvarauksestasi. Ilmoitamme sinulle heti, kun varaus on "
     "hyväksytty.\n\n?{event_name}\n{when}\n?{location}\n\n?{actions}"},
    {"booking.pending.guest", "de", "Ihre Terminanfrage ist eingegangen: {event_name}",
     "Guten Tag {guest_name},\n\nvielen Dank für Ihre Terminanfrage. Sobald der Termin bestätigt ist, erhalten Sie "
     "eine weitere Nachricht.\n\n?{event_name}\n{when}\n?{location}\n\n?{actions}"},
    {"booking.pending.guest", "hu", "Megkaptuk foglalási kérését: {event_name}",
     "Kedves {guest_name}!\n\nKöszönjük foglalási kérését. Amint jóváhagyjuk, értesítjük.\n\n?{event_name}\n{when}\n"
     "?{location}\n\n?{actions}"},

    {"booking.pending.host", "en", "New booking request: {guest_name}",
     "{guest_name} has requested a booking that is waiting for your approval.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Company: {guest_company}\n?Notes: {notes}\n\n?{actions}"},
    {"booking.pending.host", "ja", "【承認待ち】{guest_name}様から予約リクエストが届きました",
     "{guest_name}様から予約のリクエストが届きました。内容をご確認のうえ、承認または却下してください。\n\n"
     "?{event_name}\n{when}\n?{location}\n?会社名: {guest_company}\n?備考: {notes}\n\n?{actions}"},
    {"booking.pending.host", "fi", "Uusi ajanvaraus odottaa hyväksyntää: {guest_name}",
     "{guest_name} on varannut ajan, joka odottaa hyväksyntääsi.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Yritys: {guest_company}\n?Lisätiedot: {notes}\n\n?{actions}"},
    {"booking.pending.host", "de", "Neue Terminanfrage: {guest_name}",
     "{guest_name} hat einen Termin angefragt, der auf Ihre Bestätigung wartet.\n\n?{event_name}\n{when}\n"
     "?{location}\n?Firma: {guest_company}\n?Anmerkungen: {notes}\n\n?{actions}"},
    {"booking.pending.host", "hu", "Új foglalási kérés: {guest_name}",
     "Új foglalási kérés érkezett, amely az Ön jóváhagyására vár.\n\n?Ügyfél: {guest_name}\n?{event_name}\n{when}\n"
     "?{location}\n?Cég: {guest_company}\n?Megjegyzés: {notes}\n\n?{actions}"},

    // --- booking.approved ------------------------------------------------------------
    {"booking.approved.guest", "en", "Your booking is confirmed: {event_name}",
     "Hello {guest_name},\n\nYour booking is confirmed. We look forward to seeing you.\n\n?{event_name}\n{when}\n"
     "?{location}\n\n?{actions}"},
    {"booking.approved.guest", "ja", "【予約確定】{event_name}のご予約が確定しました",
     "{guest_name}様\n\nご予約が確定いたしました。当日お会いできることを心よりお待ちしております。\n\n?{event_name}\n"
     "{when}\n?{location}\n\n?{actions}"},
    {"booking.approved.guest", "fi", "Ajanvarauksesi on vahvistettu: {event_name}",
     "Hei {guest_name},\n\nAjanvarauksesi on vahvistettu. Tervetuloa!\n\n?{event_name}\n{when}\n?{location}\n\n"
     "?{actions}"},
    {"booking.approved.guest", "de", "Ihr Termin ist bestätigt: {event_name}",
     "Guten Tag {guest_name},\n\nIhr Termin ist bestätigt. Wir freuen uns auf Sie.\n\n?{event_name}\n{when}\n"
     "?{location}\n\n?{actions}"},
    {"booking.approved.guest", "hu", "Foglalását megerősítettük: {event_name}",
     "Kedves {guest_name}!\n\nFoglalását megerősítettük. Szeretettel várjuk!\n\n?{event_name}\n{when}\n?{location}\n\n"
     "?{actions}"},

    {"booking.approved.host", "en", "Booking confirmed: {guest_name}",
     "The booking with {guest_name} is confirmed.\n\n?{event_name}\n{when}\n?{location}\n?Company: {guest_company}\n"
     "?Notes: {notes}\n\n?{actions}"},
    {"booking.approved.host", "ja", "【予約確定】{guest_name}様のご予約",
     "{guest_name}様のご予約が確定しました。\n\n?{event_name}\n{when}\n?{location}\n?会社名: {guest_company}\n"
     "?備考: {notes}\n\n?{actions}"},
    {"booking.approved.host", "fi", "Vahvistettu ajanvaraus: {guest_name}",
     "Ajanvaraus asiakkaan {guest_name} kanssa on vahvistettu.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Yritys: {guest_company}\n?Lisätiedot: {notes}\n\n?{actions}"},
    {"booking.approved.host", "de", "Bestätigter Termin: {guest_name}",
     "Der Termin mit {guest_name} ist bestätigt.\n\n?{event_name}\n{when}\n?{location}\n?Firma: {guest_company}\n"
     "?Anmerkungen: {notes}\n\n?{actions}"},
    {"booking.approved.host", "hu", "Megerősített foglalás: {guest_name}",
     "Egy foglalás megerősítésre került.\n\n?Ügyfél: {guest_name}\n?{event_name}\n{when}\n?{location}\n"
     "?Cég: {guest_company}\n?Megjegyzés: {notes}\n\n?{actions}"},

    // --- reminders -------------------------------------------------------------------
    {"booking.reminder.guest", "en", "Reminder: {event_name}",
     "Hello {guest_name},\n\nThis is a friendly reminder of your upcoming appointment.\n\n?{event_name}\n{when}\n"
     "?{location}\n\n?{actions}"},
    {"booking.reminder.guest", "ja", "【リマインダー】ご予約日時のお知らせ",
     "{guest_name}様\n\nご予約の日時が近づいてまいりましたので、お知らせいたします。\n\n?{event_name}\n{when}\n"
     "?{location}\n\n当日はどうぞよろしくお願いいたします。\n\n?{actions}"},
    {"booking.reminder.guest", "fi", "Muistutus tulevasta tapaamisesta: {event_name}",
     "Hei {guest_name},\n\nMuistutamme tulevasta tapaamisestasi.\n\n?{event_name}\n{when}\n?{location}\n\n?{actions}"},
    {"booking.reminder.guest", "de", "Erinnerung an Ihren Termin: {event_name}",
     "Guten Tag {guest_name},\n\nwir möchten Sie an Ihren bevorstehenden Termin erinnern.\n\n?{event_name}\n{when}\n"
     "?{location}\n\n?{actions}"},
    {"booking.reminder.guest", "hu", "Emlékeztető: {event_name}",
     "Kedves {guest_name}!\n\nEzúton emlékeztetjük közelgő időpontjára.\n\n?{event_name}\n{when}\n?{location}\n\n"
     "?{actions}"},

    {"booking.reminder.host", "en", "Reminder: appointment with {guest_name}",
     "A reminder of your upcoming appointment with {guest_name}.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Company: {guest_company}\n\n?{actions}"},
    {"booking.reminder.host", "ja", "【リマインダー】{guest_name}様とのご予約",
     "{guest_name}様とのご予約の日時が近づいています。\n\n?{event_name}\n{when}\n?{location}\n?会社名: {guest_company}\n\n"
     "?{actions}"},
    {"booking.reminder.host", "fi", "Muistutus: tapaaminen asiakkaan {guest_name} kanssa",
     "Muistutus tulevasta tapaamisesta asiakkaan {guest_name} kanssa.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Yritys: {guest_company}\n\n?{actions}"},
    {"booking.reminder.host", "de", "Erinnerung: Termin mit {guest_name}",
     "Erinnerung an Ihren bevorstehenden Termin mit {guest_name}.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Firma: {guest_company}\n\n?{actions}"},
    {"booking.reminder.host", "hu", "Emlékeztető: {guest_name}",
     "Emlékeztető közelgő időpontjáról.\n\n?Ügyfél: {guest_name}\n?{event_name}\n{when}\n?{location}\n"
     "?Cég: {guest_company}\n\n?{actions}"},

    {"booking.reminder_sms.guest", "en", "Reminder", "Reminder: {event_name}, {when}\n?{location}\n?{actions}"},
    {"booking.reminder_sms.guest", "ja", "リマインダー", "【リマインダー】{event_name} {when}\n?{location}\n?{actions}"},
    {"booking.reminder_sms.guest", "fi", "Muistutus", "Muistutus: {event_name} {when}\n?{location}\n?{actions}"},
    {"booking.reminder_sms.guest", "de", "Erinnerung", "Erinnerung: {event_name} am {when}\n?{location}\n?{actions}"},
    {"booking.reminder_sms.guest", "hu", "Emlékeztető", "Emlékeztető: {event_name}, {when}\n?{location}\n?{actions}"},

    {"booking.reminder_sms.host", "en", "Reminder", "Reminder: {guest_name}, {event_name}, {when}\n?{location}"},
    {"booking.reminder_sms.host", "ja", "リマインダー", "【リマインダー】{guest_name}様 {event_name} {when}\n?{location}"},
    {"booking.reminder_sms.host", "fi", "Muistutus", "Muistutus: {guest_name}, {event_name} {when}\n?{location}"},
    {"booking.reminder_sms.host", "de", "Erinnerung", "Erinnerung: {guest_name}, {event_name} am {when}\n?{location}"},
    {"booking.reminder_sms.host", "hu", "Emlékeztető", "Emlékeztető: {guest_name}, {event_name}, {when}\n?{location}"},

    // A host taken off an appointment by an owner's edit (the others get booking.updated).
    {"booking.removed.host", "en", "You no longer attend: {guest_name}",
     "You have been taken off the following appointment; it goes ahead without you.\n\n?{event_name}\n{when}\n"
     "?{location}"},
    {"booking.removed.host", "ja", "【担当変更】{guest_name}様のご予約の担当から外れました",
     "下記のご予約の担当から外れました。ご予約自体はそのまま行われます。\n\n?{event_name}\n{when}\n?{location}"},
    {"booking.removed.host", "fi", "Et enää osallistu: {guest_name}",
     "Sinut on poistettu alla olevasta tapaamisesta; se pidetään ilman sinua.\n\n?{event_name}\n{when}\n?{location}"},
    {"booking.removed.host", "de", "Sie nehmen nicht mehr teil: {guest_name}",
     "Sie wurden aus dem folgenden Termin entfernt; er findet ohne Sie statt.\n\n?{event_name}\n{when}\n?{location}"},
    {"booking.removed.host", "hu", "Már nem vesz részt: {guest_name}",
     "Önt levették az alábbi időpontról; az Ön nélkül zajlik.\n\n?{event_name}\n{when}\n?{location}"},

    // --- booking.cancelled -----------------------------------------------------------
    {"booking.cancelled.guest", "en", "Your booking has been cancelled: {event_name}",
     "Hello {guest_name},\n\nYour booking has been cancelled.\n\n?{event_name}\n{when}\n?Reason: {reason}\n\n"
     "You are welcome to book a new time whenever it suits you.\n\n?{actions}"},
    {"booking.cancelled.guest", "ja", "【キャンセル】{event_name}のご予約がキャンセルされました",
     "{guest_name}様\n\n下記のご予約はキャンセルされました。\n\n?{event_name}\n{when}\n?理由: {reason}\n\n"
     "またのご予約を心よりお待ちしております。\n\n?{actions}"},
    {"booking.cancelled.guest", "fi", "Ajanvarauksesi on peruttu: {event_name}",
     "Hei {guest_name},\n\nAjanvarauksesi on peruttu.\n\n?{event_name}\n{when}\n?Syy: {reason}\n\n"
     "Voit varata uuden ajan milloin tahansa.\n\n?{actions}"},
    {"booking.cancelled.guest", "de", "Ihr Termin wurde abgesagt: {event_name}",
     "Guten Tag {guest_name},\n\nIhr Termin wurde abgesagt.\n\n?{event_name}\n{when}\n?Grund: {reason}\n\n"
     "Sie können jederzeit gern einen neuen Termin buchen.\n\n?{actions}"},
    {"booking.cancelled.guest", "hu", "Foglalása lemondásra került: {event_name}",
     "Kedves {guest_name}!\n\nAz alábbi foglalás lemondásra került.\n\n?{event_name}\n{when}\n?Indok: {reason}\n\n"
     "Új időpontot bármikor foglalhat.\n\n?{actions}"},

    {"booking.cancelled.host", "en", "Booking cancelled: {guest_name}",
     "The booking with {guest_name} has been cancelled.\n\n?{event_name}\n{when}\n?Reason: {reason}"},
    {"booking.cancelled.host", "ja", "【キャンセル】{guest_name}様のご予約",
     "{guest_name}様のご予約がキャンセルされました。\n\n?{event_name}\n{when}\n?理由: {reason}"},
    {"booking.cancelled.host", "fi", "Peruttu ajanvaraus: {guest_name}",
     "Ajanvaraus asiakkaan {guest_name} kanssa on peruttu.\n\n?{event_name}\n{when}\n?Syy: {reason}"},
    {"booking.cancelled.host", "de", "Termin abgesagt: {guest_name}",
     "Der Termin mit {guest_name} wurde abgesagt.\n\n?{event_name}\n{when}\n?Grund: {reason}"},
    {"booking.cancelled.host", "hu", "Lemondott foglalás: {guest_name}",
     "Egy foglalás lemondásra került.\n\n?Ügyfél: {guest_name}\n?{event_name}\n{when}\n?Indok: {reason}"},

    // --- booking.rejected ------------------------------------------------------------
    {"booking.rejected.guest", "en", "Your booking could not be accepted: {event_name}",
     "Hello {guest_name},\n\nUnfortunately we cannot accept your booking for the time below.\n\n?{event_name}\n{when}\n"
     "?Reason: {reason}\n\nPlease choose another time.\n\n?{actions}"},
    {"booking.rejected.guest", "ja", "【お詫び】{event_name}のご予約をお受けできませんでした",
     "{guest_name}様\n\n誠に申し訳ございませんが、下記の日時ではご予約をお受けすることができませんでした。\n\n"
     "?{event_name}\n{when}\n?理由: {reason}\n\nお手数をおかけいたしますが、別の日時でご予約いただけますと幸いです。\n\n"
     "?{actions}"},
    {"booking.rejected.guest", "fi", "Ajanvaraustasi ei voitu hyväksyä: {event_name}",
     "Hei {guest_name},\n\nValitettavasti emme voi hyväksyä ajanvaraustasi alla olevaan aikaan.\n\n?{event_name}\n"
     "{when}\n?Syy: {reason}\n\nValitsethan toisen ajan.\n\n?{actions}"},
    {"booking.rejected.guest", "de", "Ihr Termin konnte leider nicht bestätigt werden: {event_name}",
     "Guten Tag {guest_name},\n\nleider können wir Ihren Termin zum unten genannten Zeitpunkt nicht bestätigen.\n\n"
     "?{event_name}\n{when}\n?Grund: {reason}\n\nBitte wählen Sie einen anderen Termin.\n\n?{actions}"},
    {"booking.rejected.guest", "hu", "Foglalását sajnos nem tudjuk elfogadni: {event_name}",
     "Kedves {guest_name}!\n\nSajnos az alábbi időpontra szóló foglalását nem tudjuk elfogadni.\n\n?{event_name}\n"
     "{when}\n?Indok: {reason}\n\nKérjük, válasszon másik időpontot.\n\n?{actions}"},

    {"booking.rejected.host", "en", "Booking rejected: {guest_name}",
     "The booking with {guest_name} has been rejected.\n\n?{event_name}\n{when}\n?Reason: {reason}"},
    {"booking.rejected.host", "ja", "【却下】{guest_name}様のご予約",
     "{guest_name}様のご予約を却下しました。\n\n?{event_name}\n{when}\n?理由: {reason}"},
    {"booking.rejected.host", "fi", "Hylätty ajanvaraus: {guest_name}",
     "Ajanvaraus asiakkaan {guest_name} kanssa on hylätty.\n\n?{event_name}\n{when}\n?Syy: {reason}"},
    {"booking.rejected.host", "de", "Termin abgelehnt: {guest_name}",
     "Der Termin mit {guest_name} wurde abgelehnt.\n\n?{event_name}\n{when}\n?Grund: {reason}"},
    {"booking.rejected.host", "hu", "Elutasított foglalás: {guest_name}",
     "Egy foglalás elutasításra került.\n\n?Ügyfél: {guest_name}\n?{event_name}\n{when}\n?Indok: {reason}"},

    // --- booking.rescheduled ---------------------------------------------------------
    {"booking.rescheduled.guest", "en", "Your booking has a new time: {event_name}",
     "Hello {guest_name},\n\nYour booking has been moved to a new time.\n\nNew time: {when}\n"
     "?Previous time: {previous_when}\n?{event_name}\n?{location}\n\n?{actions}"},
    {"booking.rescheduled.guest", "ja", "【日時変更】{event_name}のご予約日時が変更されました",
     "{guest_name}様\n\nご予約の日時が変更されましたので、お知らせいたします。\n\n新しい日時: {when}\n"
     "?変更前の日時: {previous_when}\n?{event_name}\n?{location}\n\n?{actions}"},
    {"booking.rescheduled.guest", "fi", "Ajanvarauksesi ajankohta on muuttunut: {event_name}",
     "Hei {guest_name},\n\nAjanvarauksesi on siirretty uuteen aikaan.\n\nUusi aika: {when}\n"
     "?Aiempi aika: {previous_when}\n?{event_name}\n?{location}\n\n?{actions}"},
    {"booking.rescheduled.guest", "de", "Ihr Termin wurde verschoben: {event_name}",
     "Guten Tag {guest_name},\n\nIhr Termin wurde auf einen neuen Zeitpunkt verschoben.\n\nNeuer Termin: {when}\n"
     "?Bisheriger Termin: {previous_when}\n?{event_name}\n?{location}\n\n?{actions}"},
    {"booking.rescheduled.guest", "hu", "Foglalása új időpontra módosult: {event_name}",
     "Kedves {guest_name}!\n\nFoglalása új időpontra módosult.\n\nÚj időpont: {when}\n"
     "?Korábbi időpont: {previous_when}\n?{event_name}\n?{location}\n\n?{actions}"},

    {"booking.rescheduled.host", "en", "Booking moved: {guest_name}",
     "The booking with {guest_name} has been moved.\n\nNew time: {when}\n?Previous time: {previous_when}\n"
     "?{event_name}\n?{location}"},
    {"booking.rescheduled.host", "ja", "【日時変更】{guest_name}様のご予約",
     "{guest_name}様のご予約の日時が変更されました。\n\n新しい日時: {when}\n?変更前の日時: {previous_when}\n"
     "?{event_name}\n?{location}"},
    {"booking.rescheduled.host", "fi", "Siirretty ajanvaraus: {guest_name}",
     "Ajanvaraus asiakkaan {guest_name} kanssa on siirretty.\n\nUusi aika: {when}\n?Aiempi aika: {previous_when}\n"
     "?{event_name}\n?{location}"},
    {"booking.rescheduled.host", "de", "Termin verschoben: {guest_name}",
     "Der Termin mit {guest_name} wurde verschoben.\n\nNeuer Termin: {when}\n?Bisheriger Termin: {previous_when}\n"
     "?{event_name}\n?{location}"},
    {"booking.rescheduled.host", "hu", "Módosult időpont: {guest_name}",
     "Egy foglalás időpontja módosult.\n\n?Ügyfél: {guest_name}\nÚj időpont: {when}\n?Korábbi időpont: {previous_when}\n"
     "?{event_name}\n?{location}"},

    // --- after the appointment -------------------------------------------------------
    {"booking.follow_up.guest", "en", "Thank you for your visit",
     "Hello {guest_name},\n\nThank you for your visit. We hope everything went well and look forward to seeing you "
     "again.\n\n?{actions}"},
    {"booking.follow_up.guest", "ja", "ご利用ありがとうございました",
     "{guest_name}様\n\nこのたびはご利用いただき、誠にありがとうございました。\nまたのご予約を心よりお待ちしております。\n\n"
     "?{actions}"},
    {"booking.follow_up.guest", "fi", "Kiitos käynnistäsi",
     "Hei {guest_name},\n\nKiitos käynnistäsi! Toivottavasti kaikki sujui hyvin. Tervetuloa uudelleen.\n\n?{actions}"},
    {"booking.follow_up.guest", "de", "Vielen Dank für Ihren Besuch",
     "Guten Tag {guest_name},\n\nvielen Dank für Ihren Besuch. Wir hoffen, Sie waren zufrieden, und freuen uns, Sie "
     "wiederzusehen.\n\n?{actions}"},
    {"booking.follow_up.guest", "hu", "Köszönjük látogatását",
     "Kedves {guest_name}!\n\nKöszönjük, hogy nálunk járt. Reméljük, mindennel elégedett volt, és szeretettel várjuk "
     "újra.\n\n?{actions}"},

    {"booking.no_show.guest", "en", "We missed you: {event_name}",
     "Hello {guest_name},\n\nWe were expecting you for the appointment below, but unfortunately you could not make "
     "it.\n\n?{event_name}\n{when}\n\nIf you would like to come another time, you can book a new appointment "
     "here:\n\n?{actions}"},
    {"booking.no_show.guest", "ja", "【ご予約の日時を過ぎました】{event_name}",
     "{guest_name}様\n\n下記のご予約の日時にお会いすることができませんでした。\n\n?{event_name}\n{when}\n\n"
     "改めてご予約いただける場合は、下記よりお手続きくださいませ。\n\n?{actions}"},
    {"booking.no_show.guest", "fi", "Emme tavanneet sinua: {event_name}",
     "Hei {guest_name},\n\nOdotimme sinua alla olevaan tapaamiseen, mutta et valitettavasti päässyt paikalle.\n\n"
     "?{event_name}\n{when}\n\nJos haluat varata uuden ajan, voit tehdä sen tästä:\n\n?{actions}"},
    {"booking.no_show.guest", "de", "Wir haben Sie vermisst: {event_name}",
     "Guten Tag {guest_name},\n\nwir hatten Sie zum unten genannten Termin erwartet, leider konnten Sie ihn nicht "
     "wahrnehmen.\n\n?{event_name}\n{when}\n\nWenn Sie einen neuen Termin vereinbaren möchten, können Sie ihn hier "
     "buchen:\n\n?{actions}"},
    {"booking.no_show.guest", "hu", "Hiányoltuk Önt: {event_name}",
     "Kedves {guest_name}!\n\nAz alábbi időpontra vártuk, de sajnos nem tudott eljönni.\n\n?{event_name}\n{when}\n\n"
     "Ha új időpontot szeretne foglalni, itt megteheti:\n\n?{actions}"},

    // --- edits of a confirmed appointment (R-PROP-6) ---------------------------------
    {"booking.updated.guest", "en", "Your appointment has been updated",
     "Hello {guest_name},\n\nThe details of your appointment have changed. Here is the current information:\n\n"
     "?{event_name}\n{when}\n?{location}\n?Host: {host_name}\n\n?{guidance}"},
    {"booking.updated.guest", "ja", "【変更のお知らせ】アポイントメントの内容が変更されました",
     "{guest_name}様\n\nアポイントメントの内容が変更されましたので、お知らせいたします。\n最新の内容は以下のとおりです。\n\n"
     "?{event_name}\n日時: {when}\n?場所: {location}\n?担当者: {host_name}\n\n?{guidance}"},
    {"booking.updated.guest", "fi", "Tapaamisesi tiedot ovat muuttuneet",
     "Hei {guest_name},\n\nTapaamisesi tiedot ovat muuttuneet. Tässä ajantasaiset tiedot:\n\n?{event_name}\n{when}\n"
     "?{location}\n?Yhteyshenkilö: {host_name}\n\n?{guidance}"},
    {"booking.updated.guest", "de", "Ihr Termin wurde geändert",
     "Guten Tag {guest_name},\n\ndie Angaben zu Ihrem Termin haben sich geändert. Hier die aktuellen Informationen:\n\n"
     "?{event_name}\n{when}\n?{location}\n?Ansprechpartner: {host_name}\n\n?{guidance}"},
    {"booking.updated.guest", "hu", "Időpontja adatai módosultak",
     "Kedves {guest_name}!\n\nIdőpontja adatai módosultak. Az aktuális adatok:\n\n?{event_name}\n{when}\n?{location}\n"
     "?Kapcsolattartó: {host_name}\n\n?{guidance}"},

    {"booking.updated.host", "en", "Appointment updated: {guest_name}",
     "The appointment with {guest_name} has been updated.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Company: {guest_company}\n\n?{guidance}"},
    {"booking.updated.host", "ja", "【変更】{guest_name}様とのアポイントメント",
     "{guest_name}様とのアポイントメントの内容が変更されました。\n\n?{event_name}\n日時: {when}\n?場所: {location}\n"
     "?会社名: {guest_company}\n\n?{guidance}"},
    {"booking.updated.host", "fi", "Tapaamista muutettu: {guest_name}",
     "Tapaamista asiakkaan {guest_name} kanssa on muutettu.\n\n?{event_name}\n{when}\n?{location}\n"
     "?Yritys: {guest_company}\n\n?{guidance}"},
    {"booking.updated.host", "de", "Termin geändert: {guest_name}",
     "Der Termin mit {guest_name} wurde geändert.\n\n?{event_name}\n{when}\n?{location}\n?Firma: {guest_company}\n\n"
     "?{guidance}"},
    {"booking.updated.host", "hu", "Módosított időpont: {guest_name}",
     "Egy időpont adatai módosultak.\n\n?Ügyfél: {guest_name}\n?{event_name}\n{when}\n?{location}\n"
     "?Cég: {guest_company}\n\n?{guidance}"},

    // --- proposals (seed 000) --------------------------------------------------------
    {"proposal.invite.guest", "en", "[{host_company}] Please choose a time for your appointment",
     "Hello {guest_name},\n\nWe would like to arrange an appointment with you. Please choose the time that suits you "
     "best from the proposed times, or ask for other times if none of them fits.\n\n"
     "Proposed times:\n{appointments}\n\n?From: {host_name}\n\n"
     "?{guidance}\n\n?{actions}"},
    {"proposal.invite.guest", "ja", "[{host_company}]アポイントメント日程調整のお願い",
     "{guest_name}様\n\nいつも大変お世話になっております。\nアポイントメントの日程を調整させていただきたく、ご連絡いたしました。\n"
     "下記よりご都合のよい日時をお選びください。いずれの候補もご都合が合わない場合は、再調整をご依頼いただけます。\n\n"
     "日時候補:\n{appointments}\n\n?担当者: {host_name}\n\n?{guidance}\n\n?{actions}"},
    {"proposal.invite.guest", "fi", "[{host_company}] Valitse sinulle sopiva aika",
     "Hei {guest_name},\n\nHaluaisimme sopia kanssasi tapaamisen. Valitse sinulle parhaiten sopiva aika ehdotetuista "
     "vaihtoehdoista tai pyydä muita aikoja, jos mikään niistä ei sovi.\n\n"
     "Ehdotetut ajat:\n{appointments}\n\n?Yhteyshenkilö: {host_name}\n\n"
     "?{guidance}\n\n?{actions}"},
    {"proposal.invite.guest", "de", "[{host_company}] Bitte wählen Sie einen Termin",
     "Guten Tag {guest_name},\n\nwir möchten gern einen Termin mit Ihnen vereinbaren. Bitte wählen Sie aus den "
     "vorgeschlagenen Zeiten die für Sie passende aus, oder fragen Sie nach anderen Terminen, falls keiner "
     "passt.\n\nVorgeschlagene Termine:\n{appointments}\n\n?Ansprechpartner: {host_name}\n\n?{guidance}\n\n?{actions}"},
    {"proposal.invite.guest", "hu", "[{host_company}] Kérjük, válasszon időpontot",
     "Kedves {guest_name}!\n\nSzeretnénk Önnel időpontot egyeztetni. Kérjük, válassza ki a javasolt időpontok közül "
     "az Önnek legmegfelelőbbet, vagy kérjen más időpontot, ha egyik sem alkalmas.\n\n"
     "Javasolt időpontok:\n{appointments}\n\n?Kapcsolattartó: {host_name}\n\n?{guidance}\n\n?{actions}"},

    {"proposal.confirmed.guest", "en", "[{host_company}] Your appointment has been confirmed",
     "Hello {guest_name},\n\nThank you for choosing a time. Your appointment has been confirmed.\n\nTime: {when}\n"
     "?Place: {location}\n?Host: {host_name}\n?Reception code: {reception_code}\n\n?{guidance}"},
    {"proposal.confirmed.guest", "ja", "[{host_company}]アポイントメントの日程が確定しました",
     "{guest_name}様\n\n日程のご調整をいただき、誠にありがとうございます。\n下記の日時でアポイントメントが確定いたしました。\n\n"
     "日時: {when}\n?場所: {location}\n?担当者: {host_name}\n?受付コード: {reception_code}\n\n"
     "?{guidance}\n\n当日は受付にて受付コードをご入力ください。"},
    {"proposal.confirmed.guest", "fi", "[{host_company}] Tapaamisesi on vahvistettu",
     "Hei {guest_name},\n\nKiitos, että valitsit ajan. Tapaamisesi on vahvistettu.\n\nAika: {when}\n"
     "?Paikka: {location}\n?Yhteyshenkilö: {host_name}\n?Vastaanottokoodi: {reception_code}\n\n?{guidance}"},
    {"proposal.confirmed.guest", "de", "[{host_company}] Ihr Termin ist bestätigt",
     "Guten Tag {guest_name},\n\nvielen Dank für Ihre Terminauswahl. Ihr Termin ist bestätigt.\n\nZeit: {when}\n"
     "?Ort: {location}\n?Ansprechpartner: {host_name}\n?Empfangscode: {reception_code}\n\n?{guidance}"},
    {"proposal.confirmed.guest", "hu", "[{host_company}] Időpontját megerősítettük",
     "Kedves {guest_name}!\n\nKöszönjük, hogy kiválasztotta az időpontot. Találkozóját megerősítettük.\n\n"
     "Időpont: {when}\n?Helyszín: {location}\n?Kapcsolattartó: {host_name}\n?Recepciós kód: {reception_code}\n\n"
     "?{guidance}"},

    {"proposal.confirmed.host", "en", "[{reception_code}] Visit: {guest_company}: {guest_name}",
     "{guest_name} has chosen a time. The visit is confirmed.\n\nTime: {when}\n?Place: {location}\n"
     "?Company: {guest_company}\n?Reception code: {reception_code}"},
    {"proposal.confirmed.host", "ja", "[{reception_code}]来訪:{guest_company}:{guest_name}様",
     "{guest_name}様が日時を確定されました。\n\n日時: {when}\n?場所: {location}\n?会社名: {guest_company}\n"
     "?受付コード: {reception_code}"},
    {"proposal.confirmed.host", "fi", "[{reception_code}] Vierailu: {guest_company}: {guest_name}",
     "{guest_name} on valinnut ajan. Vierailu on vahvistettu.\n\nAika: {when}\n?Paikka: {location}\n"
     "?Yritys: {guest_company}\n?Vastaanottokoodi: {reception_code}"},
    {"proposal.confirmed.host", "de", "[{reception_code}] Besuch: {guest_company}: {guest_name}",
     "{guest_name} hat einen Termin gewählt. Der Besuch ist bestätigt.\n\nZeit: {when}\n?Ort: {location}\n"
     "?Firma: {guest_company}\n?Empfangscode: {reception_code}"},
    {"proposal.confirmed.host", "hu", "[{reception_code}] Látogatás: {guest_company}: {guest_name}",
     "{guest_name} kiválasztotta az időpontot. A látogatás megerősítve.\n\nIdőpont: {when}\n?Helyszín: {location}\n"
     "?Cég: {guest_company}\n?Recepciós kód: {reception_code}"},

    {"proposal.readjust.host", "en", "[Important] {guest_name} has asked for other times",
     "{guest_name} has asked to rearrange the appointment. The proposal has been deleted and its held times "
     "released. Please create a new proposal.\n\n?Company: {guest_company}\n?Message: {message}"},
    {"proposal.readjust.host", "ja", "【重要】[{guest_name}]さまからアポイントメント再調整を依頼されました",
     "{guest_name}様から、アポイントメントの再調整のご依頼がありました。\n該当の調整アポは削除され、仮予定として"
     "押さえていた日時は解放されました。\nお手数ですが、改めて調整アポを作成してください。\n\n?会社名: {guest_company}\n"
     "?メッセージ: {message}"},
    {"proposal.readjust.host", "fi", "[Tärkeä] {guest_name} pyytää muita aikoja",
     "{guest_name} pyytää sopimaan tapaamisen uudelleen. Ehdotus on poistettu ja sen varaamat ajat vapautettu. "
     "Luo uusi ehdotus.\n\n?Yritys: {guest_company}\n?Viesti: {message}"},
    {"proposal.readjust.host", "de", "[Wichtig] {guest_name} bittet um andere Termine",
     "{guest_name} bittet darum, den Termin neu abzustimmen. Der Terminvorschlag wurde gelöscht und die vorgemerkten "
     "Zeiten wurden freigegeben. Bitte erstellen Sie einen neuen Vorschlag.\n\n?Firma: {guest_company}\n"
     "?Nachricht: {message}"},
    {"proposal.readjust.host", "hu", "[Fontos] {guest_name} más időpontot kér",
     "{guest_name} új időpont egyeztetését kéri. A javaslatot töröltük, az ideiglenesen lefoglalt időpontok "
     "felszabadultak. Kérjük, készítsen új javaslatot.\n\n?Cég: {guest_company}\n?Üzenet: {message}"},

    // --- confirmation requests (seed 002) --------------------------------------------
    {"request.confirm.recipient", "en", "Please confirm your appointment",
     "?Hello {guest_name},\n\nPlease confirm the following appointment.\n\n{appointments}\n?{location}\n\n"
     "?{message}\n\n?{actions}"},
    {"request.confirm.recipient", "ja", "【ご確認のお願い】アポイントメントの日時について",
     "?{guest_name}様\n\n下記のアポイントメントの日時について、ご確認をお願いいたします。\n\n{appointments}\n?{location}\n\n"
     "?{message}\n\n?{actions}"},
    {"request.confirm.recipient", "fi", "Vahvistathan tapaamisesi",
     "?Hei {guest_name},\n\nVahvistathan alla olevan tapaamisen.\n\n{appointments}\n?{location}\n\n?{message}\n\n"
     "?{actions}"},
    {"request.confirm.recipient", "de", "Bitte bestätigen Sie Ihren Termin",
     "?Guten Tag {guest_name},\n\nBitte bestätigen Sie den folgenden Termin.\n\n{appointments}\n?{location}\n\n"
     "?{message}\n\n?{actions}"},
    {"request.confirm.recipient", "hu", "Kérjük, erősítse meg időpontját",
     "?Kedves {guest_name}!\n\nKérjük, erősítse meg az alábbi időpontot.\n\n{appointments}\n?{location}\n\n"
     "?{message}\n\n?{actions}"},

    {"request.updated.recipient", "en", "Your appointment has changed",
     "?Hello {guest_name},\n\nAn appointment we asked you to confirm has changed. The current details:\n\n"
     "{appointments}\n?{location}\n\n?{actions}"},
    {"request.updated.recipient", "ja", "【変更のお知らせ】アポイントメントの内容が変更されました",
     "?{guest_name}様\n\nご確認をお願いしておりましたアポイントメントの内容が変更されました。\n最新の内容は以下のとおりです。\n\n"
     "{appointments}\n?{location}\n\n?{actions}"},
    {"request.updated.recipient", "fi", "Tapaamisesi tiedot ovat muuttuneet",
     "?Hei {guest_name},\n\nTapaaminen, jonka vahvistamista pyysimme, on muuttunut. Ajantasaiset tiedot:\n\n"
     "{appointments}\n?{location}\n\n?{actions}"},
    {"request.updated.recipient", "de", "Ihr Termin hat sich geändert",
     "?Guten Tag {guest_name},\n\nEin Termin, um dessen Bestätigung wir Sie gebeten hatten, hat sich geändert. Die "
     "aktuellen Angaben:\n\n{appointments}\n?{location}\n\n?{actions}"},
    {"request.updated.recipient", "hu", "Időpontja megváltozott",
     "?Kedves {guest_name}!\n\nMegváltozott egy időpont, amelynek megerősítését kértük. Az aktuális adatok:\n\n"
     "{appointments}\n?{location}\n\n?{actions}"},

    {"request.cancelled.recipient", "en", "Your appointment has been cancelled",
     "?Hello {guest_name},\n\nThe following appointment has been cancelled. There is nothing you need to do.\n\n"
     "{appointments}\n?{location}"},
    {"request.cancelled.recipient", "ja", "【取り消しのお知らせ】アポイントメントが取り消されました",
     "?{guest_name}様\n\n下記のアポイントメントは取り消しとなりました。お手続きいただく必要はございません。\n\n"
     "{appointments}\n?{location}"},
    {"request.cancelled.recipient", "fi", "Tapaamisesi on peruttu",
     "?Hei {guest_name},\n\nAlla oleva tapaaminen on peruttu. Sinun ei tarvitse tehdä mitään.\n\n{appointments}\n"
     "?{location}"},
    {"request.cancelled.recipient", "de", "Ihr Termin wurde abgesagt",
     "?Guten Tag {guest_name},\n\nDer folgende Termin wurde abgesagt. Sie müssen nichts weiter tun.\n\n"
     "{appointments}\n?{location}"},
    {"request.cancelled.recipient", "hu", "Időpontja lemondásra került",
     "?Kedves {guest_name}!\n\nAz alábbi időpont lemondásra került. Önnek nincs további teendője.\n\n"
     "{appointments}\n?{location}"},

    {"request.accepted.host", "en", "Appointment confirmed by {guest_name}",
     "{guest_name} has confirmed the following appointment.\n\n{appointments}"},
    {"request.accepted.host", "ja", "【承諾】{guest_name}様がアポイントメントを承諾されました",
     "{guest_name}様が下記のアポイントメントを承諾されました。\n\n{appointments}"},
    {"request.accepted.host", "fi", "{guest_name} vahvisti tapaamisen",
     "{guest_name} on vahvistanut alla olevan tapaamisen.\n\n{appointments}"},
    {"request.accepted.host", "de", "Termin von {guest_name} angenommen",
     "{guest_name} hat den folgenden Termin angenommen.\n\n{appointments}"},
    {"request.accepted.host", "hu", "{guest_name} elfogadta az időpontot",
     "{guest_name} elfogadta az alábbi időpontot.\n\n{appointments}"},

    {"request.declined.host", "en", "Appointment declined by {guest_name}",
     "{guest_name} has declined the following appointment. It has been moved to the \"Declined appointments\" "
     "tray.\n\n{appointments}\n?Reason: {reason}"},
    {"request.declined.host", "ja", "【辞退】{guest_name}様がアポイントメントを辞退されました",
     "{guest_name}様が下記のアポイントメントを辞退されました。\n該当のアポイントメントは「辞退されたアポイントメント」に"
     "移動しました。\n\n{appointments}\n?理由: {reason}"},
    {"request.declined.host", "fi", "{guest_name} kieltäytyi tapaamisesta",
     "{guest_name} on kieltäytynyt alla olevasta tapaamisesta. Se on siirretty kansioon ”Hylätyt tapaamiset”.\n\n"
     "{appointments}\n?Syy: {reason}"},
    {"request.declined.host", "de", "Termin von {guest_name} abgelehnt",
     "{guest_name} hat den folgenden Termin abgelehnt. Er wurde in die Ablage „Abgelehnte Termine“ "
     "verschoben.\n\n{appointments}\n?Grund: {reason}"},
    {"request.declined.host", "hu", "{guest_name} elutasította az időpontot",
     "{guest_name} elutasította az alábbi időpontot. Átkerült az „Elutasított időpontok” mappába.\n\n"
     "{appointments}\n?Indok: {reason}"},
};

}  // namespace

std::optional<TemplateText> default_template(std::string_view template_key, std::string_view language) {
  for (const Entry& e : texts) {
    if (e.key == template_key && e.lang == language) return TemplateText{e.subject, e.body};
  }
  return std::nullopt;
}

const std::vector<std::string>& template_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const Entry& e : texts) {
      if (k.empty() || k.back() != e.key) k.emplace_back(e.key);
    }
    return k;
  }();
  return keys;
}

}  // namespace kairos::core
