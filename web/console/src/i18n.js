// The console's strings in the five languages staff use (the staff member's language
// from GET /v1/session, else the browser's). Problem codes from the server are shown
// through `problem()`: a known code gets a clear sentence, any other its server detail.
import { front, frontProblems } from './i18n_front.js';
import { desk, deskProblems } from './i18n_desk.js';
import { moreProblems } from './i18n_problems.js';
import { templateNames } from './i18n_templates.js';

const en = {
  ps_open: 'Open', ps_chosen: 'Chosen', ps_withdrawn: 'Withdrawn', ps_expired: 'Expired', rs_all: 'All', rs_pending_send: 'Waiting to send', rs_sent: 'Sent', rs_accepted: 'Confirmed', rs_declined: 'Declined', rs_cancelled: 'Withdrawn',
  delete_title: 'Delete this booking?', delete_text: 'The booking and its planned messages are removed. The guest is not told.', delivery_problem: 'A message to the guest could not be delivered.',
  app: 'Kairos console', signin: 'Sign in', signout: 'Sign out', email: 'E-mail', password: 'Password',
  signin_title: 'Sign in to your console', signing_in: 'Signing in…',
  set_password: 'Choose your password', new_password: 'New password', save_password: 'Save password',
  password_saved: 'Your password is saved. Sign in with it now.',
  nav_calendar: 'Calendar', nav_bookings: 'Bookings', nav_phone: 'Phone booking', nav_proposals: 'Proposals',
  nav_requests: 'Requests', nav_messages: 'Messages', nav_explain: 'Why not offered?', nav_setup: 'Setup',
  nav_embed: 'Embed', main_nav: 'Main', search: 'Search', search_ph: 'Name, phone, e-mail',
  day: 'Day', week: 'Week', today: 'Today', prev: 'Previous', next: 'Next', by_host: 'Hosts', by_room: 'Rooms',
  now: 'Now', no_bookings: 'No bookings in this period.', loading: 'Loading…',
  st_pending: 'Pending', st_approved: 'Approved', st_rejected: 'Rejected', st_cancelled: 'Cancelled',
  st_completed: 'Completed', st_no_show: 'No-show', st_requested: 'Pending',
  close: 'Close', details: 'Details', history: 'History', messages: 'Messages', request: 'Confirmation request',
  proposal: 'Proposal', guest: 'Guest', service: 'Service', page: 'Page', hosts: 'Hosts', host: 'Host', room: 'Room',
  time: 'Time', status: 'Status', notes: 'Notes', guidance: 'Guidance', phone: 'Phone', name: 'Name', company: 'Company',
  act_approve: 'Approve', act_reject: 'Reject', act_cancel: 'Cancel booking', act_complete: 'Complete',
  act_no_show: 'Mark no-show', act_edit: 'Edit', act_confirm_request: 'Ask to confirm',
  reason: 'Reason', reason_for: 'Reason (sent to the guest)', confirm: 'Confirm', back: 'Back', cancel: 'Cancel',
  save: 'Save', saved: 'Saved.', start: 'Start', end: 'End', none: 'None', delete: 'Delete', add: 'Add', remove: 'Remove',
  notify_title: 'Tell the guest?', notify_text: 'You changed something the guest was told ({fields}). Send them an update by e-mail?',
  notify_yes: 'Send update', notify_no: 'Save without telling',
  conflict: 'Someone else changed this booking while you were editing. Your changes were not saved; reload to see the current booking.',
  reload: 'Reload', no_messages: 'No messages for this booking.', delivery: 'Delivery',
  ms_scheduled: 'Scheduled', ms_sent: 'Sent', ms_failed: 'Failed', ms_bounced: 'Bounced', ms_cancelled: 'Cancelled',
  phone_title: 'Booking for a caller', choose_time: 'Free times', any_time: 'Or any time inside hours',
  date: 'Date', zone: 'Time zone', notify_guest: 'Send the guest a confirmation e-mail', book: 'Book',
  booked: 'Booked: {when}.', no_slots: 'No free times on this day.',
  setup_hosts: 'Hosts', setup_rooms: 'Rooms', setup_pages: 'Pages and services', setup_account: 'Account',
  setup_staff: 'Staff', setup_keys: 'API keys', new_host: 'New host', new_room: 'New room', new_page: 'New page',
  language: 'Language', weekly_hours: 'Weekly hours', add_interval: 'Add hours', closed: 'Closed',
  holidays: 'Holidays', add_holiday: 'Add holiday', overrides: 'Date overrides', add_override: 'Add date',
  preview_free: 'Free times of the next two weeks', preview_hours: 'Working hours of the next two weeks', preview_btn: 'Show free times', edit: 'Edit',
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
  page_id: 'Page address (id)', description: 'Description', enabled: 'Page is open for bookings', logo: 'Logo URL',
  host_mode: 'How hosts are assigned', mode_any: 'Any free host', mode_all: 'All hosts together', event_types: 'Services',
  add_service: 'Add service', add_language: 'Add language', service_id: 'Service id', duration: 'Duration (minutes)', interval: 'Start every (minutes)',
  buffer_before: 'Buffer before (minutes)', buffer_after: 'Buffer after (minutes)', min_notice: 'Minimum notice (minutes)',
  window: 'Booking window', window_none: 'No limit', window_rolling: 'Days ahead', window_fixed: 'Between dates',
  rolling_days: 'Days ahead', from: 'From', to: 'To', per_day: 'At most per day', per_week: 'At most per week',
  rooms: 'Rooms', auto_approve: 'Approve new bookings at once', business_name: 'Business name', sender_name: 'Sender name',
  default_language: 'Default language', role: 'Role', role_owner: 'Owner', role_staff: 'Staff', invite: 'Invite',
  key_name: 'Key name', create_key: 'Create key', key_once: 'Copy this key now; it is shown only once:',
  revoke: 'Revoke', owner_only: 'Only an owner can open this.',
  embed_title: 'Put the booking widget on your site', mode: 'Mode', mode_inline: 'Inline', mode_popup: 'Pop-up button',
  mode_floating: 'Floating button', theme: 'Theme', theme_auto: 'Automatic', theme_light: 'Light', theme_dark: 'Dark',
  accent: 'Accent colour', snippet: 'Snippet', copy: 'Copy', copied: 'Copied.', live_preview: 'Live preview',
  explain_title: 'Why is a time not offered?', explain_btn: 'Explain', available: 'Offered', not_available: 'Not offered',
  reasons: 'Reasons', no_starts: 'No candidate starts on this day.',
  proposals_title: 'Proposals', new_proposal: 'New proposal', candidates: 'Candidate times', add_candidate: 'Add time',
  guests: 'Guests', add_guest: 'Add guest', message: 'Message', send_mail: 'Send by e-mail', visibility: 'Visibility',
  vis_public: 'Public', vis_private: 'Private', create: 'Create', withdraw: 'Withdraw', state: 'State',
  open_: 'Open', host_week: "Host's week (busy time shaded; click a free time to add it)", busy: 'Busy',
  requests_title: 'Confirmation requests', declined_tray: 'Declined', related: 'Other bookings of this guest this week',
  recipients: 'Recipients', allow_decline: 'Guest may decline', preview: 'Preview', send: 'Send',
  undo: 'Undo', sending_in: 'Sending in {time}', request_sent: 'Request sent.', request_undone: 'Request withdrawn; nothing was sent.',
  messages_title: 'Messages and delivery problems', problems_only: 'Only problems', recipient: 'Recipient', template: 'Message',
  when: 'When', correct_resend: 'Correct address and re-send', search_title: 'Find a guest', results: 'Results',
  no_results: 'No bookings match.', empty_proposals: 'No open proposals. Create one from a host\'s week.',
  empty_requests: 'No requests yet. Ask a guest to confirm from a booking.', empty_declined: 'Nothing declined.',
  empty_messages: 'No delivery problems.', more: 'More', theme_toggle: 'Dark mode', signed_in_as: 'Signed in as {name}',
  error: 'Something went wrong.', forgot: 'Forgot your password?', send_reset: 'Send me a link', reset_sent: 'If this address has a login, a link to choose a new password is on its way.',
};
const ja = {
  ps_open: '受付中', ps_chosen: '選択済み', ps_withdrawn: '取り下げ', ps_expired: '期限切れ', rs_all: 'すべて', rs_pending_send: '送信待ち', rs_sent: '送信済み', rs_accepted: '確認済み', rs_declined: '辞退', rs_cancelled: '取り消し',
  delete_title: 'この予約を削除しますか?', delete_text: '予約と予定されたメッセージが削除されます。お客様には通知されません。', delivery_problem: 'お客様へのメッセージが届きませんでした。',
  app: 'Kairos コンソール', signin: 'ログイン', signout: 'ログアウト', email: 'メールアドレス', password: 'パスワード',
  signin_title: 'コンソールにログイン', signing_in: 'ログイン中…', set_password: 'パスワードを設定', new_password: '新しいパスワード',
  save_password: 'パスワードを保存', password_saved: 'パスワードを保存しました。ログインしてください。',
  nav_calendar: 'カレンダー', nav_bookings: '予約', nav_phone: '電話予約', nav_proposals: '日程提案', nav_requests: '確認依頼',
  nav_messages: 'メッセージ', nav_explain: '表示されない理由', nav_setup: '設定', nav_embed: '埋め込み', main_nav: 'メイン',
  search: '検索', search_ph: '名前・電話・メール', day: '日', week: '週', today: '今日', prev: '前へ', next: '次へ',
  by_host: '担当者', by_room: '部屋', now: '現在', no_bookings: 'この期間の予約はありません。', loading: '読み込み中…',
  st_pending: '承認待ち', st_approved: '確定', st_rejected: '却下', st_cancelled: 'キャンセル', st_completed: '完了',
  st_no_show: '無断欠席', st_requested: '承認待ち', close: '閉じる', details: '詳細', history: '履歴', messages: 'メッセージ',
  request: '確認依頼', proposal: '日程提案', guest: 'お客様', service: 'サービス', page: 'ページ', hosts: '担当者', host: '担当者',
  room: '部屋', time: '日時', status: '状態', notes: 'メモ', guidance: '案内', phone: '電話', name: '名前', company: '会社',
  act_approve: '承認', act_reject: '却下', act_cancel: '予約をキャンセル', act_complete: '完了', act_no_show: '無断欠席にする',
  act_edit: '編集', act_confirm_request: '確認を依頼', reason: '理由', reason_for: '理由(お客様に送信)', confirm: '確定',
  back: '戻る', cancel: 'キャンセル', save: '保存', saved: '保存しました。', start: '開始', end: '終了', none: 'なし',
  delete: '削除', add: '追加', remove: '削除', notify_title: 'お客様に通知しますか?',
  notify_text: 'お客様に伝えた内容({fields})を変更しました。メールで更新を送りますか?', notify_yes: '更新を送る',
  notify_no: '通知せずに保存', conflict: '編集中に他の人がこの予約を変更しました。変更は保存されていません。再読み込みしてください。',
  reload: '再読み込み', no_messages: 'この予約のメッセージはありません。', delivery: '配信',
  ms_scheduled: '予定', ms_sent: '送信済み', ms_failed: '失敗', ms_bounced: '不達', ms_cancelled: '取消',
  phone_title: '電話での予約', choose_time: '空き時間', any_time: '営業時間内の任意の時刻', date: '日付', zone: 'タイムゾーン',
  notify_guest: 'お客様に確認メールを送る', book: '予約する', booked: '予約しました: {when}', no_slots: 'この日は空きがありません。',
  setup_hosts: '担当者', setup_rooms: '部屋', setup_pages: 'ページとサービス', setup_account: 'アカウント', setup_staff: 'スタッフ',
  setup_keys: 'APIキー', new_host: '担当者を追加', new_room: '部屋を追加', new_page: 'ページを追加', language: '言語',
  weekly_hours: '週の営業時間', add_interval: '時間帯を追加', closed: '休み', holidays: '休日', add_holiday: '休日を追加',
  overrides: '日付ごとの例外', add_override: '日付を追加', preview_free: '今後2週間の空き時間', preview_hours: '今後2週間の勤務時間', preview_btn: '空き時間を表示',
  edit: '編集', mon: '月曜日', tue: '火曜日', wed: '水曜日', thu: '木曜日', fri: '金曜日', sat: '土曜日', sun: '日曜日',
  page_id: 'ページID', description: '説明', enabled: '予約を受け付ける', logo: 'ロゴURL', host_mode: '担当の割り当て',
  mode_any: '空いている担当者', mode_all: '全員で対応', event_types: 'サービス', add_service: 'サービスを追加', add_language: '言語を追加',
  service_id: 'サービスID', duration: '所要時間(分)', interval: '開始間隔(分)', buffer_before: '前の余裕(分)',
  buffer_after: '後の余裕(分)', min_notice: '最短受付(分前)', window: '受付期間', window_none: '制限なし',
  window_rolling: '何日先まで', window_fixed: '期間指定', rolling_days: '何日先まで', from: '開始日', to: '終了日',
  per_day: '1日の上限', per_week: '1週間の上限', rooms: '部屋', auto_approve: '新しい予約をすぐに承認',
  business_name: '事業者名', sender_name: '送信者名', default_language: '既定の言語', role: '役割', role_owner: 'オーナー',
  role_staff: 'スタッフ', invite: '招待', key_name: 'キー名', create_key: 'キーを作成', key_once: 'このキーは一度だけ表示されます。今コピーしてください:',
  revoke: '無効にする', owner_only: 'オーナーのみ開けます。', embed_title: 'サイトに予約ウィジェットを設置', mode: '形式',
  mode_inline: 'インライン', mode_popup: 'ポップアップボタン', mode_floating: 'フローティングボタン', theme: 'テーマ',
  theme_auto: '自動', theme_light: 'ライト', theme_dark: 'ダーク', accent: 'アクセント色', snippet: 'コード', copy: 'コピー',
  copied: 'コピーしました。', live_preview: 'プレビュー', explain_title: 'なぜこの時間が表示されないのか', explain_btn: '調べる',
  available: '表示', not_available: '非表示', reasons: '理由', no_starts: 'この日に候補の時刻はありません。',
  proposals_title: '日程提案', new_proposal: '新しい提案', candidates: '候補日時', add_candidate: '候補を追加', guests: 'お客様',
  add_guest: 'お客様を追加', message: 'メッセージ', send_mail: 'メールで送る', visibility: '公開範囲', vis_public: '公開',
  vis_private: '非公開', create: '作成', withdraw: '取り下げ', state: '状態', open_: '受付中',
  host_week: '担当者の週(予定ありは網掛け。空き時間をクリックで追加)', busy: '予定あり', requests_title: '確認依頼',
  declined_tray: '辞退', related: 'このお客様の今週の他の予約', recipients: '宛先', allow_decline: '辞退を許可',
  preview: 'プレビュー', send: '送信', undo: '取り消す', sending_in: '{time} 後に送信', request_sent: '依頼を送信しました。',
  request_undone: '依頼を取り消しました。何も送信されていません。', messages_title: 'メッセージと配信の問題',
  problems_only: '問題のみ', recipient: '宛先', template: 'メッセージ', when: '日時', correct_resend: 'アドレスを直して再送',
  search_title: 'お客様を探す', results: '結果', no_results: '該当する予約はありません。',
  empty_proposals: '受付中の提案はありません。担当者の週から作成できます。', empty_requests: 'まだ依頼はありません。予約から確認を依頼できます。',
  empty_declined: '辞退はありません。', empty_messages: '配信の問題はありません。', more: 'その他', theme_toggle: 'ダークモード',
  signed_in_as: '{name} としてログイン中', error: '問題が発生しました。', forgot: 'パスワードをお忘れですか?', send_reset: 'リンクを送る', reset_sent: 'このアドレスのログインがあれば、パスワード設定のリンクを送りました。',
};
const fi = {
  ps_open: 'Avoin', ps_chosen: 'Valittu', ps_withdrawn: 'Peruttu', ps_expired: 'Vanhentunut', rs_all: 'Kaikki', rs_pending_send: 'Odottaa lähetystä', rs_sent: 'Lähetetty', rs_accepted: 'Vahvistettu', rs_declined: 'Kieltäytyi', rs_cancelled: 'Peruttu',
  delete_title: 'Poistetaanko varaus?', delete_text: 'Varaus ja sen ajastetut viestit poistetaan. Asiakkaalle ei kerrota.', delivery_problem: 'Viestiä asiakkaalle ei voitu toimittaa.',
  app: 'Kairos-konsoli', signin: 'Kirjaudu', signout: 'Kirjaudu ulos', email: 'Sähköposti', password: 'Salasana',
  signin_title: 'Kirjaudu konsoliin', signing_in: 'Kirjaudutaan…', set_password: 'Valitse salasana', new_password: 'Uusi salasana',
  save_password: 'Tallenna salasana', password_saved: 'Salasana tallennettu. Kirjaudu sillä nyt.',
  nav_calendar: 'Kalenteri', nav_bookings: 'Varaukset', nav_phone: 'Puhelinvaraus', nav_proposals: 'Ehdotukset',
  nav_requests: 'Vahvistuspyynnöt', nav_messages: 'Viestit', nav_explain: 'Miksi ei tarjolla?', nav_setup: 'Asetukset',
  nav_embed: 'Upotus', main_nav: 'Päävalikko', search: 'Hae', search_ph: 'Nimi, puhelin, sähköposti', day: 'Päivä', week: 'Viikko',
  today: 'Tänään', prev: 'Edellinen', next: 'Seuraava', by_host: 'Henkilöt', by_room: 'Huoneet', now: 'Nyt',
  no_bookings: 'Ei varauksia tällä jaksolla.', loading: 'Ladataan…', st_pending: 'Odottaa', st_approved: 'Hyväksytty',
  st_rejected: 'Hylätty', st_cancelled: 'Peruttu', st_completed: 'Valmis', st_no_show: 'Ei saapunut', st_requested: 'Odottaa',
  close: 'Sulje', details: 'Tiedot', history: 'Historia', messages: 'Viestit', request: 'Vahvistuspyyntö', proposal: 'Ehdotus',
  guest: 'Asiakas', service: 'Palvelu', page: 'Sivu', hosts: 'Henkilöt', host: 'Henkilö', room: 'Huone', time: 'Aika',
  status: 'Tila', notes: 'Muistiinpanot', guidance: 'Ohjeet', phone: 'Puhelin', name: 'Nimi', company: 'Yritys',
  act_approve: 'Hyväksy', act_reject: 'Hylkää', act_cancel: 'Peru varaus', act_complete: 'Merkitse valmiiksi',
  act_no_show: 'Ei saapunut', act_edit: 'Muokkaa', act_confirm_request: 'Pyydä vahvistus', reason: 'Syy',
  reason_for: 'Syy (lähetetään asiakkaalle)', confirm: 'Vahvista', back: 'Takaisin', cancel: 'Peruuta', save: 'Tallenna',
  saved: 'Tallennettu.', start: 'Alku', end: 'Loppu', none: 'Ei mitään', delete: 'Poista', add: 'Lisää', remove: 'Poista',
  notify_title: 'Kerrotaanko asiakkaalle?', notify_text: 'Muutit asiakkaalle kerrottua tietoa ({fields}). Lähetetäänkö päivitys sähköpostilla?',
  notify_yes: 'Lähetä päivitys', notify_no: 'Tallenna kertomatta',
  conflict: 'Joku muu muutti varausta muokkauksesi aikana. Muutoksiasi ei tallennettu; lataa varaus uudelleen.',
  reload: 'Lataa uudelleen', no_messages: 'Ei viestejä.', delivery: 'Toimitus', ms_scheduled: 'Ajastettu', ms_sent: 'Lähetetty',
  ms_failed: 'Epäonnistui', ms_bounced: 'Palautui', ms_cancelled: 'Peruttu', phone_title: 'Varaus soittajalle',
  choose_time: 'Vapaat ajat', any_time: 'Tai mikä tahansa aika aukioloaikana', date: 'Päivä', zone: 'Aikavyöhyke',
  notify_guest: 'Lähetä asiakkaalle vahvistus sähköpostilla', book: 'Varaa', booked: 'Varattu: {when}.',
  no_slots: 'Ei vapaita aikoja tänä päivänä.', setup_hosts: 'Henkilöt', setup_rooms: 'Huoneet', setup_pages: 'Sivut ja palvelut',
  setup_account: 'Tili', setup_staff: 'Henkilökunta', setup_keys: 'API-avaimet', new_host: 'Uusi henkilö', new_room: 'Uusi huone',
  new_page: 'Uusi sivu', language: 'Kieli', weekly_hours: 'Viikoittaiset ajat', add_interval: 'Lisää aika', closed: 'Suljettu',
  holidays: 'Lomapäivät', add_holiday: 'Lisää lomapäivä', overrides: 'Poikkeuspäivät', add_override: 'Lisää päivä',
  preview_free: 'Vapaat ajat kahdelle viikolle', preview_hours: 'Työajat kahdelle viikolle', preview_btn: 'Näytä vapaat ajat', edit: 'Muokkaa', mon: 'Maanantai',
  tue: 'Tiistai', wed: 'Keskiviikko', thu: 'Torstai', fri: 'Perjantai', sat: 'Lauantai', sun: 'Sunnuntai',
  page_id: 'Sivun tunnus', description: 'Kuvaus', enabled: 'Sivu ottaa varauksia', logo: 'Logon osoite', host_mode: 'Henkilöiden valinta',
  mode_any: 'Kuka tahansa vapaa', mode_all: 'Kaikki yhdessä', event_types: 'Palvelut', add_service: 'Lisää palvelu', add_language: 'Lisää kieli',
  service_id: 'Palvelun tunnus', duration: 'Kesto (min)', interval: 'Alkuajat joka (min)', buffer_before: 'Tauko ennen (min)',
  buffer_after: 'Tauko jälkeen (min)', min_notice: 'Vähimmäisvaroitus (min)', window: 'Varausikkuna', window_none: 'Ei rajaa',
  window_rolling: 'Päivää eteenpäin', window_fixed: 'Päivien välillä', rolling_days: 'Päivää eteenpäin', from: 'Alkaen',
  to: 'Asti', per_day: 'Enintään päivässä', per_week: 'Enintään viikossa', rooms: 'Huoneet',
  auto_approve: 'Hyväksy uudet varaukset heti', business_name: 'Yrityksen nimi', sender_name: 'Lähettäjän nimi',
  default_language: 'Oletuskieli', role: 'Rooli', role_owner: 'Omistaja', role_staff: 'Henkilökunta', invite: 'Kutsu',
  key_name: 'Avaimen nimi', create_key: 'Luo avain', key_once: 'Kopioi avain nyt; se näytetään vain kerran:', revoke: 'Mitätöi',
  owner_only: 'Vain omistaja voi avata tämän.', embed_title: 'Lisää varauswidget sivustollesi', mode: 'Tapa',
  mode_inline: 'Sivun sisällä', mode_popup: 'Ponnahduspainike', mode_floating: 'Kelluva painike', theme: 'Teema',
  theme_auto: 'Automaattinen', theme_light: 'Vaalea', theme_dark: 'Tumma', accent: 'Korostusväri', snippet: 'Koodi',
  copy: 'Kopioi', copied: 'Kopioitu.', live_preview: 'Esikatselu', explain_title: 'Miksi aikaa ei tarjota?', explain_btn: 'Selitä',
  available: 'Tarjolla', not_available: 'Ei tarjolla', reasons: 'Syyt', no_starts: 'Ei alkuaikoja tänä päivänä.',
  proposals_title: 'Ehdotukset', new_proposal: 'Uusi ehdotus', candidates: 'Ehdotetut ajat', add_candidate: 'Lisää aika',
  guests: 'Asiakkaat', add_guest: 'Lisää asiakas', message: 'Viesti', send_mail: 'Lähetä sähköpostilla', visibility: 'Näkyvyys',
  vis_public: 'Julkinen', vis_private: 'Yksityinen', create: 'Luo', withdraw: 'Peru', state: 'Tila', open_: 'Avoin',
  host_week: 'Henkilön viikko (varattu varjostettu; lisää vapaa aika napsauttamalla)', busy: 'Varattu',
  requests_title: 'Vahvistuspyynnöt', declined_tray: 'Kieltäytyneet', related: 'Asiakkaan muut varaukset tällä viikolla',
  recipients: 'Vastaanottajat', allow_decline: 'Asiakas voi kieltäytyä', preview: 'Esikatselu', send: 'Lähetä', undo: 'Kumoa',
  sending_in: 'Lähtee {time} kuluttua', request_sent: 'Pyyntö lähetetty.', request_undone: 'Pyyntö peruttu; mitään ei lähetetty.',
  messages_title: 'Viestit ja toimitusongelmat', problems_only: 'Vain ongelmat', recipient: 'Vastaanottaja', template: 'Viesti',
  when: 'Milloin', correct_resend: 'Korjaa osoite ja lähetä uudelleen', search_title: 'Etsi asiakas', results: 'Tulokset',
  no_results: 'Ei osumia.', empty_proposals: 'Ei avoimia ehdotuksia. Luo ehdotus henkilön viikosta.',
  empty_requests: 'Ei pyyntöjä. Pyydä vahvistusta varauksesta.', empty_declined: 'Ei kieltäytymisiä.',
  empty_messages: 'Ei toimitusongelmia.', more: 'Lisää', theme_toggle: 'Tumma tila', signed_in_as: 'Kirjautunut: {name}',
  error: 'Jokin meni vikaan.', forgot: 'Unohtuiko salasana?', send_reset: 'Lähetä linkki', reset_sent: 'Jos osoitteella on tunnus, linkki uuden salasanan valintaan on tulossa.',
};
const de = {
  ps_open: 'Offen', ps_chosen: 'Gewählt', ps_withdrawn: 'Zurückgezogen', ps_expired: 'Abgelaufen', rs_all: 'Alle', rs_pending_send: 'Wartet auf Versand', rs_sent: 'Gesendet', rs_accepted: 'Bestätigt', rs_declined: 'Abgelehnt', rs_cancelled: 'Zurückgenommen',
  delete_title: 'Diese Buchung löschen?', delete_text: 'Die Buchung und ihre geplanten Nachrichten werden entfernt. Der Gast wird nicht benachrichtigt.', delivery_problem: 'Eine Nachricht an den Gast konnte nicht zugestellt werden.',
  app: 'Kairos-Konsole', signin: 'Anmelden', signout: 'Abmelden', email: 'E-Mail', password: 'Passwort',
  signin_title: 'Bei der Konsole anmelden', signing_in: 'Anmeldung…', set_password: 'Passwort festlegen', new_password: 'Neues Passwort',
  save_password: 'Passwort speichern', password_saved: 'Ihr Passwort ist gespeichert. Melden Sie sich jetzt an.',
  nav_calendar: 'Kalender', nav_bookings: 'Buchungen', nav_phone: 'Telefonbuchung', nav_proposals: 'Terminvorschläge',
  nav_requests: 'Bestätigungen', nav_messages: 'Nachrichten', nav_explain: 'Warum nicht angeboten?', nav_setup: 'Einstellungen',
  nav_embed: 'Einbetten', main_nav: 'Hauptmenü', search: 'Suchen', search_ph: 'Name, Telefon, E-Mail', day: 'Tag', week: 'Woche',
  today: 'Heute', prev: 'Zurück', next: 'Weiter', by_host: 'Personen', by_room: 'Räume', now: 'Jetzt',
  no_bookings: 'Keine Buchungen in diesem Zeitraum.', loading: 'Wird geladen…', st_pending: 'Offen', st_approved: 'Bestätigt',
  st_rejected: 'Abgelehnt', st_cancelled: 'Storniert', st_completed: 'Erledigt', st_no_show: 'Nicht erschienen',
  st_requested: 'Offen', close: 'Schließen', details: 'Details', history: 'Verlauf', messages: 'Nachrichten',
  request: 'Bestätigungsanfrage', proposal: 'Terminvorschlag', guest: 'Gast', service: 'Leistung', page: 'Seite',
  hosts: 'Personen', host: 'Person', room: 'Raum', time: 'Zeit', status: 'Status', notes: 'Notizen', guidance: 'Hinweise',
  phone: 'Telefon', name: 'Name', company: 'Firma', act_approve: 'Bestätigen', act_reject: 'Ablehnen',
  act_cancel: 'Buchung stornieren', act_complete: 'Erledigt', act_no_show: 'Nicht erschienen', act_edit: 'Bearbeiten',
  act_confirm_request: 'Bestätigung anfragen', reason: 'Grund', reason_for: 'Grund (geht an den Gast)', confirm: 'Bestätigen',
  back: 'Zurück', cancel: 'Abbrechen', save: 'Speichern', saved: 'Gespeichert.', start: 'Beginn', end: 'Ende', none: 'Keiner',
  delete: 'Löschen', add: 'Hinzufügen', remove: 'Entfernen', notify_title: 'Gast benachrichtigen?',
  notify_text: 'Sie haben etwas geändert, das dem Gast mitgeteilt wurde ({fields}). Eine Aktualisierung per E-Mail senden?',
  notify_yes: 'Aktualisierung senden', notify_no: 'Ohne Nachricht speichern',
  conflict: 'Jemand anderes hat diese Buchung während Ihrer Bearbeitung geändert. Ihre Änderungen wurden nicht gespeichert; bitte neu laden.',
  reload: 'Neu laden', no_messages: 'Keine Nachrichten zu dieser Buchung.', delivery: 'Zustellung', ms_scheduled: 'Geplant',
  ms_sent: 'Gesendet', ms_failed: 'Fehlgeschlagen', ms_bounced: 'Unzustellbar', ms_cancelled: 'Storniert',
  phone_title: 'Buchung für einen Anrufer', choose_time: 'Freie Zeiten', any_time: 'Oder eine beliebige Zeit in den Öffnungszeiten',
  date: 'Datum', zone: 'Zeitzone', notify_guest: 'Dem Gast eine Bestätigung per E-Mail senden', book: 'Buchen',
  booked: 'Gebucht: {when}.', no_slots: 'Keine freien Zeiten an diesem Tag.', setup_hosts: 'Personen', setup_rooms: 'Räume',
  setup_pages: 'Seiten und Leistungen', setup_account: 'Konto', setup_staff: 'Mitarbeitende', setup_keys: 'API-Schlüssel',
  new_host: 'Neue Person', new_room: 'Neuer Raum', new_page: 'Neue Seite', language: 'Sprache', weekly_hours: 'Wochenzeiten',
  add_interval: 'Zeit hinzufügen', closed: 'Geschlossen', holidays: 'Freie Tage', add_holiday: 'Freien Tag hinzufügen',
  overrides: 'Abweichende Tage', add_override: 'Datum hinzufügen', preview_free: 'Freie Zeiten der nächsten zwei Wochen', preview_hours: 'Arbeitszeiten der nächsten zwei Wochen',
  preview_btn: 'Freie Zeiten zeigen', edit: 'Bearbeiten', mon: 'Montag', tue: 'Dienstag', wed: 'Mittwoch', thu: 'Donnerstag',
  fri: 'Freitag', sat: 'Samstag', sun: 'Sonntag', page_id: 'Seitenadresse (ID)', description: 'Beschreibung',
  enabled: 'Seite nimmt Buchungen an', logo: 'Logo-URL', host_mode: 'Zuteilung der Personen', mode_any: 'Eine freie Person',
  mode_all: 'Alle Personen gemeinsam', event_types: 'Leistungen', add_service: 'Leistung hinzufügen', add_language: 'Sprache hinzufügen', service_id: 'Leistungs-ID',
  duration: 'Dauer (Minuten)', interval: 'Beginn alle (Minuten)', buffer_before: 'Puffer davor (Minuten)',
  buffer_after: 'Puffer danach (Minuten)', min_notice: 'Mindestvorlauf (Minuten)', window: 'Buchungszeitraum',
  window_none: 'Unbegrenzt', window_rolling: 'Tage im Voraus', window_fixed: 'Zwischen Daten', rolling_days: 'Tage im Voraus',
  from: 'Von', to: 'Bis', per_day: 'Höchstens pro Tag', per_week: 'Höchstens pro Woche', rooms: 'Räume',
  auto_approve: 'Neue Buchungen sofort bestätigen', business_name: 'Name des Unternehmens', sender_name: 'Absendername',
  default_language: 'Standardsprache', role: 'Rolle', role_owner: 'Inhaber', role_staff: 'Mitarbeitende', invite: 'Einladen',
  key_name: 'Schlüsselname', create_key: 'Schlüssel erstellen', key_once: 'Kopieren Sie den Schlüssel jetzt; er wird nur einmal gezeigt:',
  revoke: 'Widerrufen', owner_only: 'Nur Inhaber können dies öffnen.', embed_title: 'Das Buchungs-Widget auf Ihrer Website',
  mode: 'Art', mode_inline: 'Eingebettet', mode_popup: 'Pop-up-Schaltfläche', mode_floating: 'Schwebende Schaltfläche',
  theme: 'Design', theme_auto: 'Automatisch', theme_light: 'Hell', theme_dark: 'Dunkel', accent: 'Akzentfarbe', snippet: 'Code',
  copy: 'Kopieren', copied: 'Kopiert.', live_preview: 'Live-Vorschau', explain_title: 'Warum wird eine Zeit nicht angeboten?',
  explain_btn: 'Erklären', available: 'Angeboten', not_available: 'Nicht angeboten', reasons: 'Gründe',
  no_starts: 'Keine möglichen Beginnzeiten an diesem Tag.', proposals_title: 'Terminvorschläge', new_proposal: 'Neuer Vorschlag',
  candidates: 'Vorgeschlagene Zeiten', add_candidate: 'Zeit hinzufügen', guests: 'Gäste', add_guest: 'Gast hinzufügen',
  message: 'Nachricht', send_mail: 'Per E-Mail senden', visibility: 'Sichtbarkeit', vis_public: 'Öffentlich',
  vis_private: 'Privat', create: 'Erstellen', withdraw: 'Zurückziehen', state: 'Status', open_: 'Offen',
  host_week: 'Woche der Person (belegt schattiert; freie Zeit anklicken zum Hinzufügen)', busy: 'Belegt',
  requests_title: 'Bestätigungsanfragen', declined_tray: 'Abgelehnt', related: 'Weitere Buchungen dieses Gastes in dieser Woche',
  recipients: 'Empfänger', allow_decline: 'Gast darf ablehnen', preview: 'Vorschau', send: 'Senden', undo: 'Rückgängig',
  sending_in: 'Versand in {time}', request_sent: 'Anfrage gesendet.', request_undone: 'Anfrage zurückgenommen; nichts wurde gesendet.',
  messages_title: 'Nachrichten und Zustellprobleme', problems_only: 'Nur Probleme', recipient: 'Empfänger', template: 'Nachricht',
  when: 'Wann', correct_resend: 'Adresse korrigieren und erneut senden', search_title: 'Gast suchen', results: 'Ergebnisse',
  no_results: 'Keine passenden Buchungen.', empty_proposals: 'Keine offenen Vorschläge. Erstellen Sie einen aus der Woche einer Person.',
  empty_requests: 'Noch keine Anfragen. Fragen Sie aus einer Buchung nach einer Bestätigung.', empty_declined: 'Nichts abgelehnt.',
  empty_messages: 'Keine Zustellprobleme.', more: 'Mehr', theme_toggle: 'Dunkelmodus', signed_in_as: 'Angemeldet als {name}',
  error: 'Etwas ist schiefgegangen.', forgot: 'Passwort vergessen?', send_reset: 'Link senden', reset_sent: 'Wenn diese Adresse ein Konto hat, ist ein Link zum Festlegen eines neuen Passworts unterwegs.',
};
const hu = {
  ps_open: 'Nyitott', ps_chosen: 'Kiválasztva', ps_withdrawn: 'Visszavonva', ps_expired: 'Lejárt', rs_all: 'Mind', rs_pending_send: 'Küldésre vár', rs_sent: 'Elküldve', rs_accepted: 'Megerősítve', rs_declined: 'Elutasítva', rs_cancelled: 'Visszavonva',
  delete_title: 'Törli ezt a foglalást?', delete_text: 'A foglalás és ütemezett üzenetei törlődnek. A vendég nem kap értesítést.', delivery_problem: 'A vendégnek szóló üzenetet nem sikerült kézbesíteni.',
  app: 'Kairos konzol', signin: 'Bejelentkezés', signout: 'Kijelentkezés', email: 'E-mail', password: 'Jelszó',
  signin_title: 'Bejelentkezés a konzolba', signing_in: 'Bejelentkezés…', set_password: 'Jelszó megadása', new_password: 'Új jelszó',
  save_password: 'Jelszó mentése', password_saved: 'A jelszó elmentve. Most jelentkezzen be vele.',
  nav_calendar: 'Naptár', nav_bookings: 'Foglalások', nav_phone: 'Telefonos foglalás', nav_proposals: 'Időpontjavaslatok',
  nav_requests: 'Megerősítések', nav_messages: 'Üzenetek', nav_explain: 'Miért nem elérhető?', nav_setup: 'Beállítások',
  nav_embed: 'Beágyazás', main_nav: 'Főmenü', search: 'Keresés', search_ph: 'Név, telefon, e-mail', day: 'Nap', week: 'Hét',
  today: 'Ma', prev: 'Előző', next: 'Következő', by_host: 'Munkatársak', by_room: 'Termek', now: 'Most',
  no_bookings: 'Nincs foglalás ebben az időszakban.', loading: 'Betöltés…', st_pending: 'Függőben', st_approved: 'Jóváhagyva',
  st_rejected: 'Elutasítva', st_cancelled: 'Lemondva', st_completed: 'Teljesítve', st_no_show: 'Nem jelent meg',
  st_requested: 'Függőben', close: 'Bezárás', details: 'Részletek', history: 'Előzmények', messages: 'Üzenetek',
  request: 'Megerősítéskérés', proposal: 'Időpontjavaslat', guest: 'Vendég', service: 'Szolgáltatás', page: 'Oldal',
  hosts: 'Munkatársak', host: 'Munkatárs', room: 'Terem', time: 'Időpont', status: 'Állapot', notes: 'Megjegyzések',
  guidance: 'Útmutatás', phone: 'Telefon', name: 'Név', company: 'Cég', act_approve: 'Jóváhagyás', act_reject: 'Elutasítás',
  act_cancel: 'Foglalás lemondása', act_complete: 'Teljesítve', act_no_show: 'Nem jelent meg', act_edit: 'Szerkesztés',
  act_confirm_request: 'Megerősítés kérése', reason: 'Indok', reason_for: 'Indok (a vendég megkapja)', confirm: 'Megerősítés',
  back: 'Vissza', cancel: 'Mégse', save: 'Mentés', saved: 'Mentve.', start: 'Kezdés', end: 'Vége', none: 'Nincs',
  delete: 'Törlés', add: 'Hozzáadás', remove: 'Eltávolítás', notify_title: 'Értesítsük a vendéget?',
  notify_text: 'Olyasmit módosított, amiről a vendég tud ({fields}). Küldjünk neki e-mailt a változásról?',
  notify_yes: 'Értesítés küldése', notify_no: 'Mentés értesítés nélkül',
  conflict: 'Valaki más módosította ezt a foglalást szerkesztés közben. A módosításai nem mentődtek; töltse újra.',
  reload: 'Újratöltés', no_messages: 'Nincs üzenet ehhez a foglaláshoz.', delivery: 'Kézbesítés', ms_scheduled: 'Ütemezve',
  ms_sent: 'Elküldve', ms_failed: 'Sikertelen', ms_bounced: 'Visszapattant', ms_cancelled: 'Törölve',
  phone_title: 'Foglalás telefonálónak', choose_time: 'Szabad időpontok', any_time: 'Vagy bármely időpont a nyitvatartáson belül',
  date: 'Dátum', zone: 'Időzóna', notify_guest: 'Visszaigazoló e-mail a vendégnek', book: 'Foglalás', booked: 'Lefoglalva: {when}.',
  no_slots: 'Ezen a napon nincs szabad időpont.', setup_hosts: 'Munkatársak', setup_rooms: 'Termek',
  setup_pages: 'Oldalak és szolgáltatások', setup_account: 'Fiók', setup_staff: 'Személyzet', setup_keys: 'API-kulcsok',
  new_host: 'Új munkatárs', new_room: 'Új terem', new_page: 'Új oldal', language: 'Nyelv', weekly_hours: 'Heti időbeosztás',
  add_interval: 'Időszak hozzáadása', closed: 'Zárva', holidays: 'Szabadnapok', add_holiday: 'Szabadnap hozzáadása',
  overrides: 'Eltérő napok', add_override: 'Dátum hozzáadása', preview_free: 'Szabad időpontok a következő két hétben', preview_hours: 'Munkaidő a következő két hétben',
  preview_btn: 'Szabad időpontok', edit: 'Szerkesztés', mon: 'Hétfő', tue: 'Kedd', wed: 'Szerda', thu: 'Csütörtök',
  fri: 'Péntek', sat: 'Szombat', sun: 'Vasárnap', page_id: 'Oldal azonosítója', description: 'Leírás',
  enabled: 'Az oldal fogad foglalásokat', logo: 'Logó URL', host_mode: 'Munkatársak kiosztása', mode_any: 'Bármely szabad munkatárs',
  mode_all: 'Minden munkatárs együtt', event_types: 'Szolgáltatások', add_service: 'Szolgáltatás hozzáadása', add_language: 'Nyelv hozzáadása',
  service_id: 'Szolgáltatás azonosítója', duration: 'Időtartam (perc)', interval: 'Kezdés minden (perc)',
  buffer_before: 'Szünet előtte (perc)', buffer_after: 'Szünet utána (perc)', min_notice: 'Minimális előzetes idő (perc)',
  window: 'Foglalási időszak', window_none: 'Nincs korlát', window_rolling: 'Nap előre', window_fixed: 'Dátumok között',
  rolling_days: 'Nap előre', from: 'Ettől', to: 'Eddig', per_day: 'Legfeljebb naponta', per_week: 'Legfeljebb hetente',
  rooms: 'Termek', auto_approve: 'Új foglalások azonnali jóváhagyása', business_name: 'Cégnév', sender_name: 'Feladó neve',
  default_language: 'Alapértelmezett nyelv', role: 'Szerepkör', role_owner: 'Tulajdonos', role_staff: 'Munkatárs',
  invite: 'Meghívás', key_name: 'Kulcs neve', create_key: 'Kulcs létrehozása', key_once: 'Másolja ki most a kulcsot; csak egyszer látható:',
  revoke: 'Visszavonás', owner_only: 'Ezt csak tulajdonos nyithatja meg.', embed_title: 'A foglalási widget a webhelyén',
  mode: 'Mód', mode_inline: 'Beágyazott', mode_popup: 'Felugró gomb', mode_floating: 'Lebegő gomb', theme: 'Téma',
  theme_auto: 'Automatikus', theme_light: 'Világos', theme_dark: 'Sötét', accent: 'Kiemelőszín', snippet: 'Kód',
  copy: 'Másolás', copied: 'Kimásolva.', live_preview: 'Élő előnézet', explain_title: 'Miért nem kínálunk egy időpontot?',
  explain_btn: 'Magyarázat', available: 'Elérhető', not_available: 'Nem elérhető', reasons: 'Okok',
  no_starts: 'Ezen a napon nincs lehetséges kezdés.', proposals_title: 'Időpontjavaslatok', new_proposal: 'Új javaslat',
  candidates: 'Javasolt időpontok', add_candidate: 'Időpont hozzáadása', guests: 'Vendégek', add_guest: 'Vendég hozzáadása',
  message: 'Üzenet', send_mail: 'Küldés e-mailben', visibility: 'Láthatóság', vis_public: 'Nyilvános', vis_private: 'Privát',
  create: 'Létrehozás', withdraw: 'Visszavonás', state: 'Állapot', open_: 'Nyitott',
  host_week: 'A munkatárs hete (foglalt idő árnyékolva; szabad időre kattintva hozzáadja)', busy: 'Foglalt',
  requests_title: 'Megerősítéskérések', declined_tray: 'Elutasítottak', related: 'A vendég többi foglalása ezen a héten',
  recipients: 'Címzettek', allow_decline: 'A vendég elutasíthatja', preview: 'Előnézet', send: 'Küldés', undo: 'Visszavonás',
  sending_in: 'Küldés {time} múlva', request_sent: 'Kérés elküldve.', request_undone: 'Kérés visszavonva; semmi sem ment el.',
  messages_title: 'Üzenetek és kézbesítési hibák', problems_only: 'Csak a hibák', recipient: 'Címzett', template: 'Üzenet',
  when: 'Mikor', correct_resend: 'Cím javítása és újraküldés', search_title: 'Vendég keresése', results: 'Találatok',
  no_results: 'Nincs találat.', empty_proposals: 'Nincs nyitott javaslat. Hozzon létre egyet egy munkatárs hetéből.',
  empty_requests: 'Még nincs kérés. Egy foglalásból kérhet megerősítést.', empty_declined: 'Nincs elutasítás.',
  empty_messages: 'Nincs kézbesítési hiba.', more: 'Több', theme_toggle: 'Sötét mód', signed_in_as: 'Bejelentkezve: {name}',
  error: 'Hiba történt.', forgot: 'Elfelejtette a jelszavát?', send_reset: 'Link küldése', reset_sent: 'Ha ehhez a címhez tartozik fiók, elküldtük az új jelszó megadásához szükséges linket.',
};

// Problem codes → clear sentences. Unknown codes fall back to the server's detail.
const problems = {
  en: {
    bad_credentials: 'The e-mail or password is not right.', rate_limited: 'Too many tries. Wait a moment and try again.', too_many_attempts: 'Too many tries. Wait a moment and try again.',
    unauthorized: 'Please sign in again.', forbidden: 'You are not allowed to do this.', cross_origin: 'This request came from another site and was refused.',
    slot_unavailable: 'That time is no longer free.', limit_reached: 'The limit of bookings for that day or week is reached.',
    illegal_transition: 'This booking cannot do that in its current state.', missing_field: 'This field is required.',
    invalid_email: 'This is not a valid e-mail address.', unknown_zone: 'Unknown time zone.', invalid_date: 'Not a valid date.',
    invalid_instant: 'Not a valid time.', outside_availability: 'Outside working hours.', off_slot_grid: 'Not one of the allowed start times.',
    already_exists: 'This already exists.', candidate_taken: 'This time is already taken.', not_found: 'Not found.',
    request_already_sent: 'The request has already been sent; it can no longer be undone.', invalid_duration: 'The length must be 1 to 1440 minutes.',
    unknown_host: 'This host is not on the page.', unknown_room: 'This room is not available for this service.',
    stale: 'Someone else changed this meanwhile.', conflict: 'Someone else changed this meanwhile.', weak_password: 'Choose a longer password.',
    invalid_token: 'This link is not valid any more. Ask for a new one.', invalid_link: 'This link is not valid. Ask for a new one.', link_expired: 'This link has expired. Ask for a new one.', link_used: 'This link has already been used.', page_disabled: 'This page is closed for bookings.',
    invalid_name: 'Use 1–120 characters, without quotes or angle brackets.', immutable_field: 'This cannot be changed after creation.',
    too_soon: 'Too short notice.', outside_booking_window: 'Outside the booking window.',
  },
  ja: {
    out_of_range: '許可された範囲外の値です。', bad_credentials: 'メールアドレスまたはパスワードが違います。', rate_limited: '試行回数が多すぎます。しばらくしてからお試しください。', too_many_attempts: '試行回数が多すぎます。しばらくしてからお試しください。',
    unauthorized: 'もう一度ログインしてください。', forbidden: 'この操作は許可されていません。', cross_origin: '他のサイトからの要求のため拒否されました。',
    slot_unavailable: 'その時間はもう空いていません。', limit_reached: 'その日または週の予約上限に達しています。',
    illegal_transition: '現在の状態ではこの操作はできません。', missing_field: '必須項目です。', invalid_email: 'メールアドレスが正しくありません。',
    unknown_zone: '不明なタイムゾーンです。', invalid_date: '日付が正しくありません。', invalid_instant: '時刻が正しくありません。',
    outside_availability: '営業時間外です。', off_slot_grid: '開始できる時刻ではありません。', already_exists: '既に存在します。',
    candidate_taken: 'この時間は既に埋まっています。', not_found: '見つかりません。', request_already_sent: '既に送信済みのため取り消せません。',
    stale: '他の人が先に変更しました。', conflict: '他の人が先に変更しました。', invalid_token: 'このリンクは無効です。',
  },
  fi: {
    out_of_range: 'Arvo on sallitun alueen ulkopuolella.', bad_credentials: 'Sähköposti tai salasana on väärin.', rate_limited: 'Liian monta yritystä. Odota hetki.', too_many_attempts: 'Liian monta yritystä. Odota hetki.',
    unauthorized: 'Kirjaudu uudelleen.', forbidden: 'Sinulla ei ole oikeutta tähän.', cross_origin: 'Pyyntö tuli toiselta sivustolta ja hylättiin.',
    slot_unavailable: 'Aika ei ole enää vapaana.', limit_reached: 'Päivän tai viikon varausraja on täynnä.',
    illegal_transition: 'Varauksen nykyisessä tilassa tämä ei ole mahdollista.', missing_field: 'Pakollinen kenttä.',
    invalid_email: 'Sähköpostiosoite ei kelpaa.', unknown_zone: 'Tuntematon aikavyöhyke.', outside_availability: 'Aukioloajan ulkopuolella.',
    off_slot_grid: 'Ei sallittu alkuaika.', candidate_taken: 'Aika on jo varattu.', not_found: 'Ei löytynyt.',
    request_already_sent: 'Pyyntö on jo lähetetty; sitä ei voi kumota.', stale: 'Joku muu muutti tätä välillä.', conflict: 'Joku muu muutti tätä välillä.',
  },
  de: {
    out_of_range: 'Der Wert liegt außerhalb des erlaubten Bereichs.', bad_credentials: 'E-Mail oder Passwort stimmt nicht.', rate_limited: 'Zu viele Versuche. Bitte kurz warten.', too_many_attempts: 'Zu viele Versuche. Bitte kurz warten.',
    unauthorized: 'Bitte melden Sie sich erneut an.', forbidden: 'Dafür fehlt Ihnen die Berechtigung.', cross_origin: 'Die Anfrage kam von einer anderen Website und wurde abgelehnt.',
    slot_unavailable: 'Diese Zeit ist nicht mehr frei.', limit_reached: 'Die Höchstzahl an Buchungen für diesen Tag oder diese Woche ist erreicht.',
    illegal_transition: 'Im aktuellen Zustand der Buchung ist das nicht möglich.', missing_field: 'Pflichtfeld.',
    invalid_email: 'Keine gültige E-Mail-Adresse.', unknown_zone: 'Unbekannte Zeitzone.', outside_availability: 'Außerhalb der Arbeitszeit.',
    off_slot_grid: 'Keine erlaubte Beginnzeit.', candidate_taken: 'Diese Zeit ist bereits belegt.', not_found: 'Nicht gefunden.',
    request_already_sent: 'Die Anfrage ist schon versendet und kann nicht mehr zurückgenommen werden.',
    stale: 'Jemand anderes hat dies inzwischen geändert.', conflict: 'Jemand anderes hat dies inzwischen geändert.',
  },
  hu: {
    out_of_range: 'Az érték a megengedett tartományon kívül esik.', bad_credentials: 'Hibás e-mail-cím vagy jelszó.', rate_limited: 'Túl sok próbálkozás. Várjon egy kicsit.', too_many_attempts: 'Túl sok próbálkozás. Várjon egy kicsit.',
    unauthorized: 'Jelentkezzen be újra.', forbidden: 'Ehhez nincs jogosultsága.', cross_origin: 'A kérés másik webhelyről érkezett, ezért elutasítottuk.',
    slot_unavailable: 'Ez az időpont már nem szabad.', limit_reached: 'Elérte a napi vagy heti foglalási korlátot.',
    illegal_transition: 'A foglalás jelenlegi állapotában ez nem lehetséges.', missing_field: 'Kötelező mező.',
    invalid_email: 'Érvénytelen e-mail-cím.', unknown_zone: 'Ismeretlen időzóna.', outside_availability: 'Munkaidőn kívül.',
    off_slot_grid: 'Nem engedélyezett kezdési időpont.', candidate_taken: 'Ez az időpont már foglalt.', not_found: 'Nem található.',
    request_already_sent: 'A kérés már elment, nem vonható vissza.', stale: 'Valaki más időközben módosította.', conflict: 'Valaki más időközben módosította.',
  },
};

// Explain reasons from the core, as staff read them.
const reasons = {
  en: { past: 'in the past', minimum_notice: 'sooner than the minimum notice', outside_window: 'outside the booking window',
    outside_hours: 'outside working hours', date_override: 'changed hours on this date (holiday or day off)', not_on_grid: 'not one of this host\'s start times',
    booked: 'booked', buffer: 'buffer next to a booking', busy: 'busy in a calendar', proposal_hold: 'held for a proposal',
    day_limit: 'daily limit reached', week_limit: 'weekly limit reached', no_room_free: 'no room free', room_booked: 'room booked',
    room_held: 'room held for a proposal', room_busy: 'room busy' },
  ja: { past: '過去', minimum_notice: '受付締切より前', outside_window: '受付期間外', outside_hours: '営業時間外',
    date_override: 'この日の時間変更(休日など)', not_on_grid: 'この担当者の開始時刻ではない', booked: '予約あり', buffer: '予約の前後の余裕',
    busy: 'カレンダーの予定', proposal_hold: '提案で確保中', day_limit: '1日の上限', week_limit: '1週間の上限', no_room_free: '空き部屋なし',
    room_booked: '部屋が予約済み', room_held: '部屋が提案で確保中', room_busy: '部屋が使用中' },
  fi: { past: 'mennyt', minimum_notice: 'alle vähimmäisvaroituksen', outside_window: 'varausikkunan ulkopuolella', outside_hours: 'aukioloajan ulkopuolella',
    date_override: 'päivän poikkeusajat (loma tai vapaapäivä)', not_on_grid: 'ei henkilön alkuaika', booked: 'varattu', buffer: 'tauko varauksen vieressä',
    busy: 'varattu kalenterissa', proposal_hold: 'varattu ehdotukselle', day_limit: 'päivän raja täynnä', week_limit: 'viikon raja täynnä',
    no_room_free: 'ei vapaata huonetta', room_booked: 'huone varattu', room_held: 'huone varattu ehdotukselle', room_busy: 'huone käytössä' },
  de: { past: 'vergangen', minimum_notice: 'kürzer als der Mindestvorlauf', outside_window: 'außerhalb des Buchungszeitraums', outside_hours: 'außerhalb der Arbeitszeit',
    date_override: 'abweichende Zeiten an diesem Tag (frei oder Feiertag)', not_on_grid: 'keine Beginnzeit dieser Person', booked: 'gebucht',
    buffer: 'Puffer neben einer Buchung', busy: 'im Kalender belegt', proposal_hold: 'für einen Vorschlag reserviert', day_limit: 'Tageslimit erreicht',
    week_limit: 'Wochenlimit erreicht', no_room_free: 'kein Raum frei', room_booked: 'Raum gebucht', room_held: 'Raum für einen Vorschlag reserviert', room_busy: 'Raum belegt' },
  hu: { past: 'múltbeli', minimum_notice: 'rövidebb a minimális előzetes időnél', outside_window: 'foglalási időszakon kívül', outside_hours: 'munkaidőn kívül',
    date_override: 'eltérő időbeosztás ezen a napon (szabadnap)', not_on_grid: 'nem a munkatárs kezdési időpontja', booked: 'foglalt',
    buffer: 'szünet egy foglalás mellett', busy: 'foglalt a naptárban', proposal_hold: 'javaslathoz fenntartva', day_limit: 'napi korlát elérve',
    week_limit: 'heti korlát elérve', no_room_free: 'nincs szabad terem', room_booked: 'a terem foglalt', room_held: 'a terem javaslathoz fenntartva', room_busy: 'a terem foglalt' },
};

const tables = { en, ja, fi, de, hu };
// The front-office and integrations screens keep their strings in their own file.
for (const [l, table] of Object.entries(front)) Object.assign(tables[l], table);
for (const [l, table] of Object.entries(frontProblems)) problems[l] = { ...table, ...problems[l] };
for (const [l, table] of Object.entries(desk)) Object.assign(tables[l], table);
for (const [l, table] of Object.entries(deskProblems)) problems[l] = { ...table, ...problems[l] };
for (const [l, table] of Object.entries(templateNames)) Object.assign(tables[l], table);
for (const [l, table] of Object.entries(moreProblems)) problems[l] = { ...table, ...problems[l] };
export const LANGUAGES = [['en', 'English'], ['ja', '日本語'], ['fi', 'Suomi'], ['de', 'Deutsch'], ['hu', 'Magyar']];
let current = 'en';

export function pickLanguage(pref) {
  const wanted = [pref, ...(navigator.languages || [])].filter(Boolean).map((l) => String(l).slice(0, 2).toLowerCase());
  current = wanted.find((l) => tables[l]) || 'en';
  document.documentElement.lang = current;
  return current;
}
export function lang() { return current; }

// Owner content given per language ({en: 'Intro call', ja: '初回相談'}) in the staff
// member's language, by the core's one fallback rule (core/include/kairos/language.hpp
// pick_language, LocalizedText::in): the console's language, else `fallback` (the page's
// language), else English, else the first language in key order (a std::map's first).
// A plain string is itself.
export function pickText(x, fallback) {
  if (!x || typeof x !== 'object') return x || '';
  for (const l of [current, fallback, 'en']) if (l && Object.prototype.hasOwnProperty.call(x, l)) return x[l];
  const keys = Object.keys(x).sort();
  return keys.length ? x[keys[0]] : '';
}

export function t(key, params) {
  let s = (tables[current] && tables[current][key]) ?? en[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replace('{' + k + '}', v);
  return s;
}

// A history entry in words: the event ("Approved"), who ("staff") and its detail — an
// edit's changed fields by name, anything else (a reason, an address) as recorded. An
// event this console does not know yet shows as recorded rather than not at all.
export function historyText(h) {
  const tb = tables[current] || en;
  const known = (k) => tb[k] ?? en[k];
  const event = known('hv_' + h.event) || (/^(new|awaiting_reply|converted|closed|unconverted)$/.test(h.event || '') && known('iq_' + h.event)) || h.event || '';
  const who = h.actor && known('ha_' + h.actor);
  const detail = h.event === 'edited' && h.detail ? h.detail.split(',').map((c) => known('ch_' + c) || c).join(', ') : h.detail || '';
  return [event, who && `(${who})`, detail && `· ${detail}`].filter(Boolean).join(' ');
}

// A message's template key ("booking.approved.guest") → "Booking confirmed → Guest".
const TO = { guest: 'guest', host: 'host', recipient: 'recipient', staff: 'to_staff' };
export function templateName(key) {
  const m = /^([a-z]+)\.([a-z_]+)(?:\.([a-z]+))?$/.exec(String(key || ''));
  const name = m && (tables[current] || en)['tn_' + m[1] + '_' + m[2]];
  if (!name) return String(key || '');
  return m[3] && TO[m[3]] ? `${name} → ${t(TO[m[3]])}` : name;
}

// A problem from the server (ApiError or plain object) → the sentence staff read.
export function problem(err) {
  if (!err) return '';
  const code = err.code;
  const msg = (problems[current] && problems[current][code]) || problems.en[code];
  return msg || err.detail || err.title || err.message || t('error');
}

export function reasonText(code) {
  return (reasons[current] && reasons[current][code]) || reasons.en[code] || String(code).replace(/_/g, ' ');
}

// For check_i18n.mjs (every key in every language).
export function tablesForCheck() { return { strings: tables, reasons, problems }; }
