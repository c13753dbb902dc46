// Issue 11 "Broken today" 6 and 7. A failed availability request showed "Cannot reach…"
// and "Loading…" forever: now the calendar says what failed, asks again by itself with
// backoff, offers "Try again", and recovers. And the success screen no longer claims a
// confirmation "has been sent" when the server has no mail delivery (the test server
// runs without --smtp and says so: GET /v1/pages/{page} → mail_delivery false).
'use strict';
const { api, run, assert, mirror } = require('./lib');
const { toReview } = require('./flow');

// The last evening of a month (on the test clock, server and browser alike): nothing is
// free in it any more, so the calendar must go on to the next month once its failed
// request succeeds (it stopped on the empty month before).
const LAST_EVENING = Date.parse('2027-03-31T22:00:00Z');

run('availability_retry', async ({ server, browser, log }) => {
  const moved = await api(server, 'POST', '/v1/test/clock', { set: new Date(LAST_EVENING).toISOString().replace('.000Z', 'Z') });
  assert(moved.status === 200, 'server clock pinned: ' + moved.text);
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  await page.clock.install({ time: LAST_EVENING });  // the widget's clock, running from there
  // The shell asks for the first two months early; their failures stay the shell's (it
  // asks again for the app), so two more fail for the app itself: its first request and
  // its first retry.
  let failing = 4;
  let asked = 0;
  await page.route('**/v1/pages/*/availability*', (route) => {
    asked++;
    if (failing > 0) { failing--; return route.fulfill({ status: 503, body: '' }); }
    return route.continue();
  });
  await page.goto(server.base + '/widget/?page=demo&tz=UTC');
  const frame = page.mainFrame();
  await mirror.screen(frame, 'calendar');
  // The failure is said, with "Try again", and no endless "Loading…".
  await frame.waitForSelector('#kairos-mirror [role="alert"]', { state: 'attached', timeout: 10000 });
  assert(await frame.locator('#kairos-mirror button[data-id="retry_month"]').count() === 1, '"Try again" is offered');
  assert(await frame.locator('#kairos-mirror p[role="status"]').count() === 0, 'no "Loading…" beside the error');
  // Asked again by itself (backoff 1 s, 2 s): the days appear.
  const days = await mirror.bookableDays(frame);
  await frame.waitForFunction(() => document.querySelectorAll('#kairos-mirror ul[data-id="days"] button:not([disabled])').length > 0, null, { timeout: 15000 });
  assert(await frame.locator('#kairos-mirror [role="alert"]').count() === 0, 'the error is gone once the month loaded');
  const shown = await mirror.bookableDays(frame);
  assert(shown.length > 0 && shown.every((d) => /^2027-04-/.test(d)),
         'the calendar went on to April after the failed March: ' + shown.join(','));
  log('recovered after', asked, 'requests;', days.length, 'bookable days');

  // "Try again" after the automatic retries gave up.
  failing = 100;
  await mirror.activate(frame, 'next_month');
  await frame.waitForSelector('#kairos-mirror button[data-id="retry_month"]', { state: 'attached', timeout: 10000 });
  // Three retries (after 1, 2 and 4 s), then it waits for the guest: the requests stop.
  // Waited for as "no request for 9 s" (longer than a next backoff of 8 s would be), not
  // a fixed sleep, so a slow machine cannot make the retries look endless.
  const beforeMay = asked;
  let last = asked, quietSince = Date.now();
  const giveUp = Date.now() + 45000;
  while (Date.now() < giveUp && Date.now() - quietSince < 9000) {
    await page.waitForTimeout(250);
    if (asked !== last) { last = asked; quietSince = Date.now(); }
  }
  assert(Date.now() - quietSince >= 9000, 'no more automatic requests after three retries (' + (asked - beforeMay) + ' so far)');
  assert(asked - beforeMay <= 6, 'a few retries, not a loop: ' + (asked - beforeMay));
  failing = 0;
  await mirror.activate(frame, 'retry_month');
  await frame.waitForFunction(() => !document.querySelector('#kairos-mirror [role="alert"]'), null, { timeout: 10000 });

  // Success screen wording without mail delivery.
  const cfg = await api(server, 'GET', '/v1/pages/demo');
  assert(cfg.json.mail_delivery === false, 'the page answer says mail is not delivered: ' + cfg.text.slice(0, 200));
  await page.goto(server.base + '/widget/?page=demo&lang=en&tz=UTC');
  await toReview(frame);
  await mirror.activate(frame, 'confirm');
  await mirror.screen(frame, 'success');
  const text = await frame.textContent('#kairos-mirror');
  assert(!/has been sent/.test(text), 'no "has been sent" without mail delivery: ' + text);
}, ['availability', 'book']);
