// postMessage origin checks, both ways, on a host page of a foreign origin
// (http://host.localhost, served by the test) that embeds the real widget:
// - the host's own prefill reaches the widget (so the test can fail),
// - a prefill posted by a third origin (http://evil.localhost in a nested frame) is ignored,
// - a fake kairos:bookingSuccessful posted to the host page by that third origin, or by
//   the host page itself, is not re-dispatched by embed.js.
'use strict';
const http = require('http');
const { run, assert, mirror, widgetFrame } = require('./lib');

function serve(html) {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(html()); });
    s.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${s.address().port}/`, close: () => s.close() }));
  });
}

run('origins', async ({ server, browser, log }) => {
  const evilSite = await serve(() => `<!doctype html><script>
      window.attack = function () {
        var widget = window.parent.frames[0];
        widget.postMessage({ type: 'kairos:prefill', name: 'Mallory', email: 'mallory@evil.example' }, '*');
        window.parent.postMessage({ type: 'kairos:bookingSuccessful', detail: { uid: 'forged' } }, '*');
      };</script>`);
  const hostSite = await serve(() => `<!doctype html><html><body><h1>Foreign host</h1>
      <div id="w" data-kairos-page="demo" data-kairos-lang="en"></div>
      <iframe id="evil" src="${evilSite.url}"></iframe>
      <script>window.hostEvents = [];
        ['kairos:loaded','kairos:bookingSuccessful'].forEach(function (t) {
          document.addEventListener(t, function (e) { window.hostEvents.push(t); });
        });</script>
      <script src="${server.base}/embed.js"></script></body></html>`);
  try {
    const page = await browser.newPage();
    await page.goto(hostSite.url);
    const frame = await widgetFrame(page);
    await mirror.screen(frame, 'calendar');
    await page.waitForFunction(() => window.hostEvents.includes('kairos:loaded'));

    // Third-origin attack, then the host page forging an event from itself.
    const evil = page.frames().find((f) => f.url().startsWith(evilSite.url));
    await evil.evaluate(() => window.attack());
    await page.evaluate(() => window.postMessage({ type: 'kairos:bookingSuccessful', detail: { uid: 'self' } }, '*'));
    await page.waitForTimeout(500);
    const events = await page.evaluate(() => window.hostEvents);
    assert(!events.includes('kairos:bookingSuccessful'), 'forged events were ignored: ' + events);

    // The widget ignored the foreign prefill: the form is still empty.
    const days = await mirror.bookableDays(frame);
    assert(days.length > 0, 'a bookable day to open the form');
    const slots = await mirror.slotsOfDay(frame, days[0]);
    await mirror.activate(frame, `select_slot:${slots[0].start}`);
    await mirror.screen(frame, 'form');
    const name = await frame.inputValue('#kairos-mirror [data-field="name"]');
    assert(name === '', 'foreign prefill ignored, name is empty: ' + name);
    // The real host page's prefill is accepted.
    await page.evaluate(() => window.Kairos.prefill({ name: 'Hanna Host', email: 'hanna@example.com' }));
    await frame.waitForFunction(() => document.querySelector('#kairos-mirror [data-field="name"]').value === 'Hanna Host');
    log('events seen by the host page', events.join(', '));
  } finally {
    hostSite.close();
    evilSite.close();
  }
}, ['availability']);
