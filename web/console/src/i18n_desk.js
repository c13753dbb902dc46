// Strings of the phone navigation ("More"), the staff member's own SMS settings and the
// location note of the message lists, in the five languages (merged by i18n.js).
// The bottom bar's short labels (navs_*) are single short words: each must fit a fifth of
// a 320 px screen whole (e2e.console_layout checks it in every language).
export const desk = {
  en: {
    reception_code: 'Reception code', arrived: 'Arrived', kiosk_title: 'Reception kiosk', kiosk_text: 'Open this page full-screen on the front-desk tablet: visitors type the reception code from their mail, and their host is told at once.', kiosk_open: 'Open the kiosk',
    nav_more: 'More', navs_calendar: 'Calendar', navs_bookings: 'Bookings', navs_inquiries: 'Inquiries', navs_phone: 'Phone',
    nav_me: 'My SMS', me_title: 'SMS to me', me_lead: 'Text messages about your own visits go to this number ({host}).',
    sms_phone: 'Mobile number', sms_events: 'Send me an SMS', sms_reminders_me: 'Before each of my visits (with the reminder mail)',
    sms_arrivals_me: 'When my visitor checks in at reception', no_host_text: 'Your login is not linked to a host, so there are no visits to text you about. An owner links logins to hosts in Setup → Staff.',
    sms_owner_hint: 'Owners set the SMS of every host in Setup → Hosts.', sms_host_reminders: 'SMS reminders to this host', sms_host_arrivals: 'SMS to this host when their visitor checks in',
    at_location: 'Only {name}: choose “All locations” at the top to see every office.', host_link: 'Linked host',
    newest_first: 'Newest first.', show_older: 'Show older messages', empty_problems: 'No delivery problems.', empty_outbox: 'No messages yet.',
    empty_hosts: 'No hosts yet. Add the people guests book with: New host.', empty_rooms: 'No rooms. Add one if a service needs a room.', empty_pages: 'No booking pages yet. Create one with New page, then put it on your site under Embed.', start_setup: 'Nothing to show yet: there are no hosts. Start in Setup — add a host with working hours, then a page guests book on.', go_setup: 'Go to Setup',
    next_day_btn: 'Show the next day',
  },
  ja: {
    reception_code: '受付コード', arrived: '到着済み', kiosk_title: '受付端末', kiosk_text: '受付のタブレットでこのページを全画面で開いてください。来訪者がメールの受付コードを入力すると、担当者にすぐ知らせます。', kiosk_open: '受付端末を開く',
    nav_more: 'その他', navs_calendar: 'カレンダー', navs_bookings: '予約', navs_inquiries: '問い合わせ', navs_phone: '電話',
    nav_me: '自分のSMS', me_title: '自分へのSMS', me_lead: '自分の来訪予定についてのSMSはこの番号に届きます（{host}）。',
    sms_phone: '携帯電話番号', sms_events: 'SMSを受け取るとき', sms_reminders_me: '来訪の前（リマインダーメールと同時）',
    sms_arrivals_me: '来訪者が受付でチェックインしたとき', no_host_text: 'このログインは担当者に結び付いていないため、SMSで知らせる予定がありません。オーナーが 設定 → スタッフ で担当者に結び付けられます。',
    sms_owner_hint: 'オーナーは 設定 → 担当者 で全担当者のSMSを設定できます。', sms_host_reminders: 'この担当者にSMSでリマインダー', sms_host_arrivals: '来訪者のチェックイン時にこの担当者へSMS',
    at_location: '{name} のみ表示中。すべての拠点を見るには上部で「すべての拠点」を選んでください。', host_link: '担当者',
    newest_first: '新しい順。', show_older: '古いメッセージを表示', empty_problems: '配信の問題はありません。', empty_outbox: 'メッセージはまだありません。',
    empty_hosts: '担当者はまだいません。「新しい担当者」で予約を受ける人を追加してください。', empty_rooms: '部屋はありません。部屋が必要なサービスがあれば追加してください。', empty_pages: '予約ページはまだありません。「新しいページ」で作成し、「埋め込み」でサイトに載せてください。', start_setup: 'まだ表示するものがありません（担当者がいません）。設定で、勤務時間つきの担当者を追加し、次に予約ページを作成してください。', go_setup: '設定へ',
    next_day_btn: '翌日を表示',
  },
  fi: {
    reception_code: 'Vastaanottokoodi', arrived: 'Saapunut', kiosk_title: 'Vastaanoton kioski', kiosk_text: 'Avaa tämä sivu koko näytölle vastaanoton tabletilla: vieras kirjoittaa viestinsä vastaanottokoodin, ja isäntä saa tiedon heti.', kiosk_open: 'Avaa kioski',
    nav_more: 'Lisää', navs_calendar: 'Kalenteri', navs_bookings: 'Varaukset', navs_inquiries: 'Kyselyt', navs_phone: 'Puhelin',
    nav_me: 'Omat tekstiviestit', me_title: 'Tekstiviestit minulle', me_lead: 'Omista käynneistäsi kertovat tekstiviestit tulevat tähän numeroon ({host}).',
    sms_phone: 'Matkapuhelinnumero', sms_events: 'Lähetä minulle tekstiviesti', sms_reminders_me: 'Ennen jokaista käyntiäni (muistutusviestin kanssa)',
    sms_arrivals_me: 'Kun vieraani ilmoittautuu vastaanotossa', no_host_text: 'Kirjautumistasi ei ole liitetty henkilöön, joten sinulle ei ole käyntejä, joista kertoa. Omistaja liittää kirjautumiset kohdassa Asetukset → Henkilökunta.',
    sms_owner_hint: 'Omistajat asettavat kaikkien henkilöiden tekstiviestit kohdassa Asetukset → Henkilöt.', sms_host_reminders: 'Muistutukset tekstiviestinä tälle henkilölle', sms_host_arrivals: 'Tekstiviesti, kun vieras ilmoittautuu',
    at_location: 'Vain {name}: valitse ylhäältä ”Kaikki toimipisteet” nähdäksesi kaikki.', host_link: 'Henkilö',
    newest_first: 'Uusimmat ensin.', show_older: 'Näytä vanhemmat viestit', empty_problems: 'Ei toimitusongelmia.', empty_outbox: 'Ei vielä viestejä.',
    empty_hosts: 'Ei vielä henkilöitä. Lisää ihmiset, joille asiakkaat varaavat: Uusi henkilö.', empty_rooms: 'Ei huoneita. Lisää huone, jos palvelu tarvitsee sellaisen.', empty_pages: 'Ei vielä varaussivuja. Luo sivu kohdasta Uusi sivu ja lisää se sivustollesi kohdasta Upotus.', start_setup: 'Ei vielä näytettävää: henkilöitä ei ole. Aloita asetuksista — lisää henkilö työaikoineen ja sitten sivu, jolla asiakkaat varaavat.', go_setup: 'Asetuksiin',
    next_day_btn: 'Näytä seuraava päivä',
  },
  de: {
    reception_code: 'Empfangscode', arrived: 'Angekommen', kiosk_title: 'Empfangs-Kiosk', kiosk_text: 'Öffnen Sie diese Seite im Vollbild auf dem Tablet am Empfang: Besucher tippen den Empfangscode aus ihrer Mail ein, und ihr Gastgeber erfährt es sofort.', kiosk_open: 'Kiosk öffnen',
    nav_more: 'Mehr', navs_calendar: 'Kalender', navs_bookings: 'Termine', navs_inquiries: 'Anfragen', navs_phone: 'Telefon',
    nav_me: 'Meine SMS', me_title: 'SMS an mich', me_lead: 'SMS zu Ihren eigenen Terminen gehen an diese Nummer ({host}).',
    sms_phone: 'Mobilnummer', sms_events: 'Schicken Sie mir eine SMS', sms_reminders_me: 'Vor jedem meiner Termine (mit der Erinnerungsmail)',
    sms_arrivals_me: 'Wenn sich mein Besuch am Empfang anmeldet', no_host_text: 'Ihr Login ist mit keiner Person verknüpft, daher gibt es keine Termine, zu denen wir Ihnen schreiben könnten. Ein Inhaber verknüpft Logins unter Einstellungen → Mitarbeitende.',
    sms_owner_hint: 'Inhaber stellen die SMS aller Personen unter Einstellungen → Personen ein.', sms_host_reminders: 'SMS-Erinnerungen an diese Person', sms_host_arrivals: 'SMS an diese Person, wenn sich ihr Besuch anmeldet',
    at_location: 'Nur {name}: Wählen Sie oben „Alle Standorte“, um alle zu sehen.', host_link: 'Verknüpfte Person',
    newest_first: 'Neueste zuerst.', show_older: 'Ältere Nachrichten anzeigen', empty_problems: 'Keine Zustellprobleme.', empty_outbox: 'Noch keine Nachrichten.',
    empty_hosts: 'Noch keine Personen. Fügen Sie die Menschen hinzu, bei denen Gäste buchen: Neue Person.', empty_rooms: 'Keine Räume. Legen Sie einen an, wenn eine Leistung einen Raum braucht.', empty_pages: 'Noch keine Buchungsseiten. Legen Sie eine mit Neue Seite an und binden Sie sie unter Einbetten in Ihre Website ein.', start_setup: 'Noch nichts zu zeigen: Es gibt keine Personen. Beginnen Sie in der Einrichtung — eine Person mit Arbeitszeiten, dann eine Seite, auf der Gäste buchen.', go_setup: 'Zur Einrichtung',
    next_day_btn: 'Nächsten Tag zeigen',
  },
  hu: {
    reception_code: 'Recepciós kód', arrived: 'Megérkezett', kiosk_title: 'Recepciós kioszk', kiosk_text: 'Nyissa meg ezt az oldalt teljes képernyőn a recepció táblagépén: a vendég beírja a levelében kapott recepciós kódot, és a vendéglátója azonnal értesül.', kiosk_open: 'Kioszk megnyitása',
    nav_more: 'Több', navs_calendar: 'Naptár', navs_bookings: 'Foglalás', navs_inquiries: 'Kérdések', navs_phone: 'Telefon',
    nav_me: 'SMS-eim', me_title: 'Nekem szóló SMS', me_lead: 'A saját időpontjairól szóló SMS-ek erre a számra mennek ({host}).',
    sms_phone: 'Mobilszám', sms_events: 'Küldjön nekem SMS-t', sms_reminders_me: 'Minden időpontom előtt (az emlékeztető levéllel)',
    sms_arrivals_me: 'Amikor a vendégem bejelentkezik a recepción', no_host_text: 'A bejelentkezése nincs munkatárshoz kötve, ezért nincs időpont, amelyről SMS-t küldhetnénk. A tulajdonos a Beállítások → Személyzet alatt kötheti össze.',
    sms_owner_hint: 'A tulajdonosok minden munkatárs SMS-ét a Beállítások → Munkatársak alatt állítják be.', sms_host_reminders: 'SMS-emlékeztető ennek a munkatársnak', sms_host_arrivals: 'SMS ennek a munkatársnak, amikor a vendége bejelentkezik',
    at_location: 'Csak {name}: az összes megtekintéséhez felül válassza az „Összes helyszín” lehetőséget.', host_link: 'Munkatárs',
    newest_first: 'A legújabbak elöl.', show_older: 'Régebbi üzenetek', empty_problems: 'Nincs kézbesítési probléma.', empty_outbox: 'Még nincsenek üzenetek.',
    empty_hosts: 'Még nincs munkatárs. Adja hozzá azokat, akikhez a vendégek foglalnak: Új munkatárs.', empty_rooms: 'Nincs terem. Adjon hozzá egyet, ha egy szolgáltatásnak terem kell.', empty_pages: 'Még nincs foglalási oldal. Hozzon létre egyet az Új oldal gombbal, majd a Beágyazás alatt tegye ki a webhelyére.', start_setup: 'Még nincs mit mutatni: nincs munkatárs. Kezdje a Beállításokban — egy munkatárs munkaidővel, majd egy oldal, ahol a vendégek foglalnak.', go_setup: 'Beállítások',
    next_day_btn: 'Következő nap',
  },
};

export const deskProblems = {
  en: { phone_required: 'Enter a phone number to get SMS.', invalid_phone: 'Use digits, spaces and + - ( ) . only.', no_host: 'Your login is not linked to a host.', invalid_state: 'Not a known state.' },
  ja: { phone_required: 'SMSを受け取るには電話番号を入力してください。', invalid_phone: '数字、空白、+ - ( ) . のみ使えます。', no_host: 'このログインは担当者に結び付いていません。', invalid_state: '不明な状態です。' },
  fi: { phone_required: 'Anna puhelinnumero saadaksesi tekstiviestejä.', invalid_phone: 'Vain numerot, välilyönnit ja + - ( ) . käyvät.', no_host: 'Kirjautumistasi ei ole liitetty henkilöön.', invalid_state: 'Tuntematon tila.' },
  de: { phone_required: 'Geben Sie eine Telefonnummer ein, um SMS zu erhalten.', invalid_phone: 'Nur Ziffern, Leerzeichen und + - ( ) . sind erlaubt.', no_host: 'Ihr Login ist mit keiner Person verknüpft.', invalid_state: 'Unbekannter Status.' },
  hu: { phone_required: 'Adjon meg telefonszámot az SMS-ekhez.', invalid_phone: 'Csak számjegyek, szóközök és + - ( ) . használhatók.', no_host: 'A bejelentkezése nincs munkatárshoz kötve.', invalid_state: 'Ismeretlen állapot.' },
};
