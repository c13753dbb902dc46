// Issue 14 in the widget (R-INQ-1): beside booking, a guest asks a question (Finnish) and,
// when none of the offered times work, suggests wished times on the same calendar
// (Japanese). Both go through the mirror as a screen reader would; bad input gets the
// core's codes (the e-mail typo suggestion included); each inquiry is stored (owner API)
// and its acknowledgement mail arrives at a real SMTP sink. The event type's location
// (a stored office with a language map) is shown to the guest. axe-core checks every
// screen; screenshots are saved as e2e-artifacts/widget_inquiry-*.png.
'use strict';
const path = require('path');
const { api, run, assert, mirror, mails } = require('./lib');
const { toWishDay } = require('./flow');

// The text/plain part of a MIME mail (base64), decoded.
function plainText(eml) {
  const m = /Content-Type: text\/plain; charset=UTF-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(eml);
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8') : eml;
}

async function waitForMail(server, to, needle) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const found = mails(server.mailDir).find((m) => m.to.some((t) => t.toLowerCase() === to) && plainText(m.text).includes(needle));
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${to} with "${needle}"; got: ` +
                      mails(server.mailDir).map((m) => m.to.join(',') + ': ' + plainText(m.text).slice(0, 200)).join('\n---\n'));
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function inquiries(server, q) {
  const r = await api(server, 'GET', '/v1/admin/inquiries?q=' + encodeURIComponent(q), undefined, server.demoKey);
  assert(r.status === 200, 'owner lists inquiries: ' + r.status + ' ' + r.text);
  return r.json.items;
}

async function mirrorText(frame) { return frame.textContent('#kairos-mirror'); }

run('widget_inquiry', async ({ server, browser, artifacts, log }) => {
  const key = server.demoKey;
  // The demo page's first service takes place at a stored office, named per language.
  const loc = await api(server, 'POST', '/v1/admin/locations', {
    name: { en: 'Shibuya office', ja: '渋谷オフィス', fi: 'Shibuyan toimisto' }, address: 'Shibuya 1-2-3, Tokyo',
    timezone: 'Asia/Tokyo' }, key);
  assert(loc.status === 201, 'location created: ' + loc.status + ' ' + loc.text);
  const pg = await api(server, 'GET', '/v1/admin/pages/demo', undefined, key);
  const doc = pg.json;
  delete doc.id;
  doc.event_types[0].location = loc.json.id;
  const put = await api(server, 'PUT', '/v1/admin/pages/demo', doc, key);
  assert(put.status === 200, 'page updated with the location: ' + put.status + ' ' + put.text);

  // The server refuses bad input with the core's codes (the widget shows the same).
  const bad = await api(server, 'POST', '/v1/inquiries', { page: 'demo', kind: 'question', guest: { name: 'A', email: 'a@' }, message: 'x' });
  assert(bad.status === 422 && bad.json.code === 'invalid_email', 'invalid_email: ' + bad.text);
  const noWish = await api(server, 'POST', '/v1/inquiries', { page: 'demo', kind: 'booking_request', guest: { name: 'A', email: 'a@example.com' }, message: 'x' });
  assert(noWish.status === 422 && noWish.json.code === 'missing_field', 'a booking request needs wished times: ' + noWish.text);

  // --- A question, in Finnish --------------------------------------------------------
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(server.base + '/widget/?page=demo&lang=fi&tz=Europe/Helsinki');
  const frame = page.mainFrame();
  await mirror.screen(frame, 'calendar');
  let text = await mirrorText(frame);
  assert(text.includes('Shibuyan toimisto') && text.includes('Shibuya 1-2-3, Tokyo'), 'the calendar shows the location in Finnish: ' + text);
  assert(text.includes('Kysy kysymys') && text.includes('Ehdota aikoja'), 'the calendar offers a question and wished times: ' + text);
  // Issue 11's zone picker: the guest's zone first, named as a guest knows it.
  const zones = await frame.$$eval('#kairos-mirror select[data-id="set_zone"] option', (os) => os.map((o) => [o.value, o.textContent]));
  assert(zones[0][0] === 'Europe/Helsinki' && /^Helsinki \(UTC\+[23]\)$/.test(zones[0][1]), 'the guest zone first, friendly: ' + JSON.stringify(zones.slice(0, 3)));
  assert(zones.some(([v, l]) => v === 'Asia/Kolkata' && l === 'Kolkata (UTC+5:30)'), 'half-hour offsets: ' + JSON.stringify(zones));
  await page.screenshot({ path: path.join(artifacts, 'widget_inquiry-fi-calendar.png'), fullPage: true });
  await mirror.activate(frame, 'start_question');
  await mirror.screen(frame, 'inquiry');
  await mirror.fill(frame, 'name', 'Aino Väänänen');
  await mirror.fill(frame, 'message', 'Onko toimistolla pysäköintiä? Viite FI-7');
  // The core's check as the guest types: an invalid address gets the core's message
  // under its field and Send stays off …
  await mirror.fill(frame, 'email', 'aino.vaananen@');
  await frame.waitForSelector('#kairos-mirror [data-field="email"][aria-invalid="true"]', { state: 'attached' });
  text = await mirrorText(frame);
  assert(text.includes('Anna kelvollinen sähköpostiosoite'), 'the invalid_email message in Finnish: ' + text);
  const disabled = await frame.getAttribute('#kairos-mirror button[data-id="send_inquiry"]', 'aria-disabled');
  assert(disabled === 'true', 'Send is off while the e-mail is invalid');
  await page.screenshot({ path: path.join(artifacts, 'widget_inquiry-fi-question-invalid.png'), fullPage: true });
  // … and a likely typo gets the core's suggestion, taken with one button.
  await mirror.fill(frame, 'email', 'aino.vaananen@gmail.con');
  await frame.waitForSelector('#kairos-mirror button[data-id="accept_suggestion"]', { state: 'attached' });
  text = await mirrorText(frame);
  assert(text.includes('aino.vaananen@gmail.com'), 'the e-mail typo gets a suggestion: ' + text);
  await page.screenshot({ path: path.join(artifacts, 'widget_inquiry-fi-question-typo.png'), fullPage: true });
  await mirror.activate(frame, 'accept_suggestion');
  await frame.waitForFunction(() => document.querySelector('#kairos-mirror [data-field="email"]').value === 'aino.vaananen@gmail.com');
  await frame.waitForFunction(() => !document.querySelector('#kairos-mirror button[data-id="send_inquiry"][aria-disabled="true"]'));
  await mirror.activate(frame, 'send_inquiry');
  await mirror.screen(frame, 'inquiry_sent');
  text = await mirrorText(frame);
  assert(text.includes('Viestisi on lähetetty') && text.includes('aino.vaananen@gmail.com'), 'the success screen in Finnish: ' + text);
  await page.screenshot({ path: path.join(artifacts, 'widget_inquiry-fi-sent.png'), fullPage: true });

  const q = (await inquiries(server, 'aino.vaananen'))[0];
  assert(q && q.kind === 'question' && q.language === 'fi' && q.message.includes('Viite FI-7'), 'the question is stored: ' + JSON.stringify(q));
  assert(q.location === loc.json.id, 'the question belongs to the location: ' + JSON.stringify(q));
  const ack = await waitForMail(server, 'aino.vaananen@gmail.com', 'Viite FI-7');
  log('question', q.id, 'acknowledged:', ack.to.join(','));

  // --- Wished times, in Japanese -------------------------------------------------------
  const p2 = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await p2.goto(server.base + '/widget/?page=demo&lang=ja&tz=Asia/Tokyo&theme=dark');
  const f2 = p2.mainFrame();
  await mirror.screen(f2, 'calendar');
  text = await mirrorText(f2);
  assert(text.includes('渋谷オフィス'), 'the location in Japanese: ' + text);
  await mirror.activate(f2, 'start_suggest');
  await mirror.screen(f2, 'suggest');
  const { hours } = await toWishDay(f2);
  assert(hours.length >= 3, 'the day offers hours to wish: ' + hours.length);
  const chosen = [hours[0], hours[2]];
  for (const h of chosen) {
    await mirror.activate(f2, `toggle_wish:${h.start}`);
    await f2.waitForSelector(`#kairos-mirror button[data-id="toggle_wish:${h.start}"][aria-pressed="true"]`, { state: 'attached' });
  }
  await p2.screenshot({ path: path.join(artifacts, 'widget_inquiry-ja-suggest.png'), fullPage: true });
  await mirror.activate(f2, 'to_inquiry');
  await mirror.screen(f2, 'inquiry');
  await mirror.fill(f2, 'name', '山田 花子');
  await mirror.fill(f2, 'email', 'hanako.yamada@example.jp');
  await mirror.fill(f2, 'message', 'この時間でお願いします。参照 JA-9');
  await p2.screenshot({ path: path.join(artifacts, 'widget_inquiry-ja-inquiry.png'), fullPage: true });
  await mirror.activate(f2, 'send_inquiry');
  await mirror.screen(f2, 'inquiry_sent');
  await p2.screenshot({ path: path.join(artifacts, 'widget_inquiry-ja-sent.png'), fullPage: true });

  const r = (await inquiries(server, 'hanako.yamada'))[0];
  assert(r && r.kind === 'booking_request' && r.language === 'ja', 'the wished times are stored: ' + JSON.stringify(r));
  assert(r.wished_times.length === 2 && chosen.every((c, i) => Date.parse(r.wished_times[i].start) === Date.parse(c.start) &&
                                                               Date.parse(r.wished_times[i].end) === Date.parse(c.end)),
         'the stored wished times are the chosen ones: ' + JSON.stringify(r.wished_times) + ' vs ' + JSON.stringify(chosen));
  await waitForMail(server, 'hanako.yamada@example.jp', '参照 JA-9');
  log('booking request', r.id, 'acknowledged');
}, ['availability'], { smtp: true });
