// What each message is, in words staff use ("Booking confirmed → Guest"), instead of the
// template key ("booking.approved.guest"): Messages, the booking panel, inquiries and
// Setup → Templates name messages with it (templateName in i18n.js; an unknown key shows
// as itself). Keys: tn_<kind>_<event> of the template key <kind>.<event>.<recipient>.
export const templateNames = {
  en: {
    tn_booking_pending: 'Booking received, awaiting approval', tn_booking_approved: 'Booking confirmed', tn_booking_cancelled: 'Booking cancelled',
    tn_booking_rejected: 'Booking declined', tn_booking_rescheduled: 'Booking moved', tn_booking_updated: 'Booking changed', tn_booking_reminder: 'Reminder',
    tn_booking_reminder_sms: 'Reminder SMS', tn_booking_follow_up: 'Follow-up', tn_booking_no_show: 'Missed appointment', tn_booking_removed: 'Booking removed',
    tn_proposal_invite: 'Proposed times', tn_proposal_confirmed: 'Proposed time chosen', tn_proposal_readjust: 'Proposal needs new times',
    tn_request_confirm: 'Please confirm', tn_request_accepted: 'Confirmed by the guest', tn_request_declined: 'Declined by the guest',
    tn_request_cancelled: 'Confirmation request withdrawn', tn_request_updated: 'Confirmation request changed',
    tn_inquiry_new: 'New inquiry', tn_inquiry_received: 'Inquiry received', tn_inquiry_reply: 'Reply to an inquiry',
    tn_staff_invite: 'Staff invitation', tn_staff_reset: 'Password reset', tn_manual_guest: 'Message from staff', to_staff: 'Staff',
  },
  ja: {
    tn_booking_pending: '予約受付（承認待ち）', tn_booking_approved: '予約確定', tn_booking_cancelled: '予約キャンセル',
    tn_booking_rejected: '予約お断り', tn_booking_rescheduled: '予約日時の変更', tn_booking_updated: '予約内容の変更', tn_booking_reminder: 'リマインダー',
    tn_booking_reminder_sms: 'リマインダーSMS', tn_booking_follow_up: 'フォローアップ', tn_booking_no_show: '無断キャンセル', tn_booking_removed: '予約削除',
    tn_proposal_invite: '日時の提案', tn_proposal_confirmed: '提案日時の決定', tn_proposal_readjust: '提案の再調整',
    tn_request_confirm: '確認のお願い', tn_request_accepted: 'ゲストが確認', tn_request_declined: 'ゲストが辞退',
    tn_request_cancelled: '確認依頼の取り下げ', tn_request_updated: '確認依頼の変更',
    tn_inquiry_new: '新しい問い合わせ', tn_inquiry_received: '問い合わせ受付', tn_inquiry_reply: '問い合わせへの返信',
    tn_staff_invite: 'スタッフ招待', tn_staff_reset: 'パスワード再設定', tn_manual_guest: 'スタッフからのメッセージ', to_staff: 'スタッフ',
  },
  fi: {
    tn_booking_pending: 'Varaus vastaanotettu, odottaa hyväksyntää', tn_booking_approved: 'Varaus vahvistettu', tn_booking_cancelled: 'Varaus peruttu',
    tn_booking_rejected: 'Varaus hylätty', tn_booking_rescheduled: 'Varaus siirretty', tn_booking_updated: 'Varausta muutettu', tn_booking_reminder: 'Muistutus',
    tn_booking_reminder_sms: 'Muistutus tekstiviestinä', tn_booking_follow_up: 'Jälkiviesti', tn_booking_no_show: 'Käyttämätön aika', tn_booking_removed: 'Varaus poistettu',
    tn_proposal_invite: 'Ehdotetut ajat', tn_proposal_confirmed: 'Ehdotettu aika valittu', tn_proposal_readjust: 'Ehdotus tarvitsee uudet ajat',
    tn_request_confirm: 'Pyyntö vahvistaa', tn_request_accepted: 'Asiakas vahvisti', tn_request_declined: 'Asiakas kieltäytyi',
    tn_request_cancelled: 'Vahvistuspyyntö peruttu', tn_request_updated: 'Vahvistuspyyntöä muutettu',
    tn_inquiry_new: 'Uusi kysely', tn_inquiry_received: 'Kysely vastaanotettu', tn_inquiry_reply: 'Vastaus kyselyyn',
    tn_staff_invite: 'Kutsu henkilökunnalle', tn_staff_reset: 'Salasanan vaihto', tn_manual_guest: 'Viesti henkilökunnalta', to_staff: 'Henkilökunta',
  },
  de: {
    tn_booking_pending: 'Buchung eingegangen, wartet auf Freigabe', tn_booking_approved: 'Buchung bestätigt', tn_booking_cancelled: 'Buchung storniert',
    tn_booking_rejected: 'Buchung abgelehnt', tn_booking_rescheduled: 'Buchung verschoben', tn_booking_updated: 'Buchung geändert', tn_booking_reminder: 'Erinnerung',
    tn_booking_reminder_sms: 'Erinnerungs-SMS', tn_booking_follow_up: 'Nachfassen', tn_booking_no_show: 'Termin versäumt', tn_booking_removed: 'Buchung entfernt',
    tn_proposal_invite: 'Terminvorschläge', tn_proposal_confirmed: 'Vorgeschlagener Termin gewählt', tn_proposal_readjust: 'Vorschlag braucht neue Zeiten',
    tn_request_confirm: 'Bitte bestätigen', tn_request_accepted: 'Vom Gast bestätigt', tn_request_declined: 'Vom Gast abgelehnt',
    tn_request_cancelled: 'Bestätigungsanfrage zurückgezogen', tn_request_updated: 'Bestätigungsanfrage geändert',
    tn_inquiry_new: 'Neue Anfrage', tn_inquiry_received: 'Anfrage eingegangen', tn_inquiry_reply: 'Antwort auf eine Anfrage',
    tn_staff_invite: 'Einladung für Mitarbeiter', tn_staff_reset: 'Passwort zurücksetzen', tn_manual_guest: 'Nachricht vom Team', to_staff: 'Team',
  },
  hu: {
    tn_booking_pending: 'Foglalás beérkezett, jóváhagyásra vár', tn_booking_approved: 'Foglalás visszaigazolva', tn_booking_cancelled: 'Foglalás lemondva',
    tn_booking_rejected: 'Foglalás elutasítva', tn_booking_rescheduled: 'Foglalás áthelyezve', tn_booking_updated: 'Foglalás módosítva', tn_booking_reminder: 'Emlékeztető',
    tn_booking_reminder_sms: 'Emlékeztető SMS', tn_booking_follow_up: 'Utólagos üzenet', tn_booking_no_show: 'Elmaradt időpont', tn_booking_removed: 'Foglalás törölve',
    tn_proposal_invite: 'Javasolt időpontok', tn_proposal_confirmed: 'Javasolt időpont kiválasztva', tn_proposal_readjust: 'A javaslathoz új időpontok kellenek',
    tn_request_confirm: 'Kérjük, erősítse meg', tn_request_accepted: 'A vendég megerősítette', tn_request_declined: 'A vendég elutasította',
    tn_request_cancelled: 'Megerősítési kérés visszavonva', tn_request_updated: 'Megerősítési kérés módosítva',
    tn_inquiry_new: 'Új érdeklődés', tn_inquiry_received: 'Érdeklődés beérkezett', tn_inquiry_reply: 'Válasz érdeklődésre',
    tn_staff_invite: 'Munkatárs meghívása', tn_staff_reset: 'Jelszó visszaállítása', tn_manual_guest: 'Üzenet a csapattól', to_staff: 'Csapat',
  },
};
