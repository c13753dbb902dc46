// The console's integrations (issue 15) in Chromium against the real server: the owner
// subscribes both demo hosts to an .ics feed served by a local HTTP server, sees it
// fetched and its busy time in "Why not offered?" (and gone from /slots); creates a feed
// URL for a host, fetches it as a calendar app would and revokes it; creates a webhook to
// a local receiver (the secret is shown once), sees a signed delivery in the deliveries
// list and redelivers it. axe-core: 0 violations, light and dark; a 390 px check.
'use strict';
const http = require('http');
const crypto = require('crypto');
const { api, run, assert, axeBoth, shot, waitFor, signIn, freePort } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);
const items = (x) => (Array.isArray(x) ? x : x && (x.items || Object.values(x).find(Array.isArray))) || [];
const icsTime = (iso) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

run('console_integrations', async (ctx) => {
  const { server, browser, log } = ctx;
  // A free start of the demo page, to be blocked by the feed.
  const from = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
  const slots = (await api(server, 'GET', `/v1/pages/demo/slots?event_type=intro&from=${from}&to=${to}&tz=UTC`, undefined, null)).json;
  const day = Object.keys(slots.days).find((d) => slots.days[d].length > 2);
  const target = slots.days[day][1];
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'BEGIN:VEVENT',
    'UID:e2e-busy@google.com', 'DTSTAMP:20260101T000000Z', `DTSTART:${icsTime(target.start)}`, `DTEND:${icsTime(target.end)}`,
    'SUMMARY:Dentist', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

  // The feed and the webhook receiver, on 127.0.0.1.
  const hooks = [];
  const port = await freePort();
  const local = http.createServer((req, res) => {
    if (req.url === '/cal.ics') { res.writeHead(200, { 'Content-Type': 'text/calendar' }); return res.end(ics); }
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => { hooks.push({ headers: req.headers, body }); res.writeHead(204); res.end(); });
  });
  await new Promise((r) => local.listen(port, '127.0.0.1', r));
  const base = `http://127.0.0.1:${port}`;
  try {
    const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(page, server.base, 'owner@demo.kairos', 'kairos-demo');

    // Calendars in: each demo host subscribes to the feed.
    const hosts = items((await demo(server, 'GET', '/v1/admin/hosts')).json);
    await page.goto(server.base + '/console/#/integrations/calendars');
    for (const h of hosts) {
      await page.getByLabel('Host', { exact: true }).selectOption(h.id);
      const f = page.locator('form[data-form="add-calendar"]');
      await f.getByLabel('Name', { exact: true }).fill('Google');
      await f.getByLabel(/Secret iCalendar address/).fill(base + '/cal.ics');
      await f.getByRole('button', { name: 'Add calendar' }).click();
      await page.locator('li.cal-item').first().waitFor();
    }
    await api(server, 'POST', '/v1/test/tick', {}, null);  // the background fetch, now
    await waitFor(async () => {
      const cals = items((await demo(server, 'GET', `/v1/admin/hosts/${hosts[0].id}/calendars`)).json);
      return cals && cals[0] && cals[0].last_fetched;
    }, 'feed fetched');
    await api(server, 'POST', '/v1/test/tick', {}, null);
    await page.reload();
    await page.getByLabel('Host', { exact: true }).selectOption(hosts[hosts.length - 1].id);
    await page.locator('li.cal-item .badge.cs-ok').waitFor();
    await page.locator('li.cal-item', { hasText: '1 busy blocks' }).waitFor();
    await axeBoth(page, 'calendars');
    await shot(page, 'integrations-calendars');
    const after = (await api(server, 'GET', `/v1/pages/demo/slots?event_type=intro&from=${day}&to=${day}&tz=UTC`, undefined, null)).json;
    assert(!(after.days[day] || []).some((s) => s.start === target.start), 'the busy time is no longer offered');

    // "Why not offered?" names the calendar's busy time at that start.
    await page.goto(server.base + '/console/#/explain');
    await page.getByLabel('Service').selectOption('intro');
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Time zone').fill('UTC');
    await page.getByRole('button', { name: 'Explain' }).click();
    const row = page.locator(`tr[data-start="${target.start}"]`);
    await row.locator('li[data-code="busy"]').first().waitFor();
    assert((await row.getAttribute('data-available')) === 'false', 'not available');
    await shot(page, 'integrations-explain-busy');

    // Feeds out: a host's secret URL, fetched as a calendar app would, then revoked.
    await page.goto(server.base + '/console/#/integrations/feeds');
    const ff = page.locator('form[data-form="add-feed"]');
    await ff.getByRole('button', { name: 'Create address' }).click();
    const li = page.locator('li[data-feed]').first();
    await li.waitFor();
    const url = (await li.locator('code').textContent()).trim();
    const cal = await fetch(url.replace(/^https?:\/\/[^/]+/, server.base));
    assert(cal.status === 200 && (await cal.text()).includes('BEGIN:VCALENDAR'), 'the feed answers an iCalendar');
    await axeBoth(page, 'feeds');
    await shot(page, 'integrations-feeds');
    await li.getByRole('button', { name: 'Revoke' }).click();
    await waitFor(async () => (await page.locator('li[data-feed]').count()) === 0, 'feed revoked');
    assert((await fetch(url.replace(/^https?:\/\/[^/]+/, server.base))).status === 404, 'a revoked feed is gone');

    // Webhooks: create (the secret shown once), a booking's event delivered and signed,
    // listed with its state, redelivered.
    await page.goto(server.base + '/console/#/integrations/webhooks');
    const wf = page.locator('form[data-form="add-webhook"]');
    await wf.getByLabel('Receiver URL (https)').fill(base + '/hook');
    await axeBoth(page, 'webhook form');
    await wf.getByRole('button', { name: 'Create webhook' }).click();
    const secret = (await page.locator('[data-testid="webhook-secret"]').textContent()).trim();
    assert(secret.length >= 16, 'secret shown');
    await shot(page, 'integrations-webhook-secret');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('li[data-webhook]').waitFor();

    const free = Object.values((await api(server, 'GET', `/v1/pages/demo/slots?event_type=intro&from=${from}&to=${to}&tz=UTC`, undefined, null)).json.days).flat();
    const bk = await api(server, 'POST', '/v1/bookings', { page: 'demo', event_type: 'intro', start: free[free.length - 1].start, guest: { name: 'Hook Guest', email: 'hook@guest.example' } }, null);
    assert(bk.status === 201, 'booking: ' + bk.text);
    const got = await waitFor(async () => { await api(server, 'POST', '/v1/test/tick', {}, null); return hooks.find((h) => h.body.includes(bk.json.uid)); }, 'webhook delivery', 30000);
    const sig = String(got.headers['kairos-signature'] || '');
    const m = /t=(\d+),v1=([0-9a-f]+)/.exec(sig);
    assert(m, 'signature header: ' + sig);
    const mac = crypto.createHmac('sha256', secret).update(`${m[1]}.${got.body}`).digest('hex');
    assert(mac === m[2], 'signature verifies with the secret shown once');

    await page.locator('li[data-webhook] [data-action="deliveries"]').click();
    const dd = page.getByRole('dialog');
    await dd.locator('tr[data-delivery] .badge', { hasText: 'Delivered' }).first().waitFor();
    await axeBoth(page, 'deliveries');
    await shot(page, 'integrations-deliveries');
    const n = hooks.length;
    await dd.locator('tr[data-delivery]').first().getByRole('button', { name: 'Redeliver' }).click();
    await waitFor(async () => { await api(server, 'POST', '/v1/test/tick', {}, null); return hooks.length > n; }, 'redelivery', 30000);
    await page.keyboard.press('Escape');

    // A refused address: the server's code as a clear message next to the field.
    await wf.getByLabel('Receiver URL (https)').fill('ftp://example.com/hook');
    await wf.getByRole('button', { name: 'Create webhook' }).click();
    await wf.locator('.field-error', { hasText: 'Give an http or https address.' }).waitFor();

    // 390 px.
    const phone = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 390, height: 844 } });
    const pp = await phone.newPage();
    await signIn(pp, server.base, 'owner@demo.kairos', 'kairos-demo');
    await pp.goto(server.base + '/console/#/integrations/webhooks');
    await pp.locator('li[data-webhook]').waitFor();
    await axeBoth(pp, 'webhooks at 390 px');
    await shot(pp, 'integrations-webhooks-390');
    assert(!errors.length, 'no page errors: ' + errors.join('\n'));
    log('feed subscribed and busy in explain; feed URL created and revoked; webhook delivered, signed, redelivered');
  } finally {
    local.close();
  }
}, { serverArgs: ['--allow-private-targets'] });
