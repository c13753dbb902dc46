// Issue 11, Layout: the height is a function of content and width. Short screens shrink
// the inline frame (an error, the success screen, a day with few times; e2e.resize_stability
// used to accept a 320 px floor), the host page hears a height only when it changes and
// at most twice per screen change, and a popup's dialog is as tall as its content up to
// the viewport (it was a fixed 720 px box).
'use strict';
const { run, assert, mirror, api, startsAt, fitted } = require('./lib');
const { toDay } = require('./flow');
const { hostPage, frames } = require('./hostpage');

async function settle(page, ms = 1200) {
  // Quiet: no height message for `ms`.
  for (let i = 0; i < 100; i++) {
    const quiet = await page.evaluate((q) => !window.heights.length || performance.now() - window.heights[window.heights.length - 1].at > q, ms);
    if (quiet) return;
    await page.waitForTimeout(100);
  }
}
// The host page has heard the height the widget last measured (the shell marks it
// data-content-height): settle() alone returned at once when the last message (the
// skeleton's) was older than its quiet spell and the screen's own had not come yet.
async function heard(page, frame) {
  for (let i = 0; i < 150; i++) {
    const want = Number(await frame.evaluate(() => document.documentElement.getAttribute('data-content-height')));
    if (want && want === await lastHeight(page)) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the host page never heard the content height');
}
// A fixed "now", a Monday morning in March 2027, on the server's test clock and each
// page's: on the real date the visible month may hold only days with the same number of
// times (on 26 December 2026 just Mon–Thu 28–31, 27 each), and "fewer times, shorter
// frame" had nothing to compare. From here the first eight days include a Friday.
const NOW = '2027-03-08T06:00:00Z';
async function newPage(browser, viewport) {
  const page = await browser.newPage({ viewport });
  await startsAt(page, Date.parse(NOW));
  return page;
}
const frameHeight = (page, sel = 'iframe') => page.$eval(sel, (f) => f.getBoundingClientRect().height);
const lastHeight = (page) => page.evaluate(() => window.heights.length ? window.heights[window.heights.length - 1].h : 0);

run('height_follows', async ({ server, browser, log }) => {
  const pinned = await api(server, 'POST', '/v1/test/clock', { set: NOW });
  assert(pinned.status === 200, 'server clock pinned: ' + pinned.text);
  // --- An inline widget on an error screen is as short as its content -----------------
  let page = await newPage(browser, { width: 390, height: 800 });
  await hostPage(page, server, 'inline-missing', '<div data-kairos-page="no-such-page"></div>');
  let [frame] = await frames(page);
  await mirror.screen(frame, 'error');
  await heard(page, frame);
  await settle(page);
  let h = await frameHeight(page);
  log('error screen, inline 390 px:', h, 'px; messages', JSON.stringify(await page.evaluate(() => window.heights.map((m) => m.h))));
  assert(h === await lastHeight(page) && h < 320, `the error screen's frame is its content's height (${h} px, reported ${await lastHeight(page)})`);
  await page.close();

  // --- Inline booking: every screen's height, few messages per screen change ----------
  page = await newPage(browser, { width: 390, height: 800 });
  await hostPage(page, server, 'inline-demo', '<div data-kairos-page="demo"></div>');
  [frame] = await frames(page);
  await toDay(frame);
  await heard(page, frame);
  await settle(page);
  // The day with the fewest and the one with the most times: the fewer, the shorter
  // (in the next month when this one has fewer than three days left).
  let days = await mirror.bookableDays(frame);
  if (days.length < 3) {
    const first = await frame.$eval('#kairos-mirror ul[data-id="days"] button', (b) => b.getAttribute('data-date'));
    await mirror.activate(frame, 'next_month');
    await frame.waitForFunction((b) => document.querySelector('#kairos-mirror ul[data-id="days"] button').getAttribute('data-date') !== b, first);
    days = await mirror.bookableDays(frame);
  }
  const sizes = [];
  for (const d of days.slice(0, 8)) {
    const slots = await mirror.slotsOfDay(frame, d);
    await fitted(page, frame);
    await settle(page, 800);
    sizes.push({ d, n: slots.length, h: await frameHeight(page), reported: await lastHeight(page) });
  }
  sizes.sort((a, b) => a.n - b.n);
  log('days (times, frame px):', sizes.map((s) => `${s.d}:${s.n}:${s.h}`).join(' '));
  for (const s of sizes) assert(s.h === s.reported, `${s.d}: the frame is the reported height (${s.h} vs ${s.reported})`);
  const few = sizes[0], many = sizes[sizes.length - 1];
  assert(few.n < many.n, 'days with different numbers of times were found: ' + sizes.map((x) => x.n));
  assert(few.h < many.h, `a day with ${few.n} times (${few.h} px) is shorter than one with ${many.n} (${many.h} px)`);
  const slots = await mirror.slotsOfDay(frame, many.d);
  await settle(page, 800);
  const steps = [
    ['form', () => mirror.activate(frame, `select_slot:${slots[0].start}`)],
    ['review', async () => {
      await mirror.fill(frame, 'name', 'Maria Fernández');
      await mirror.fill(frame, 'email', 'maria@example.com');
      await settle(page, 800);
      await mirror.activate(frame, 'to_review');
    }],
    ['success', () => mirror.activate(frame, 'confirm')],
  ];
  const heightOf = {};
  heightOf.calendar = await frameHeight(page);
  for (const [screen, act] of steps) {
    const before = await page.evaluate(() => window.heights.length);
    await act();
    await mirror.screen(frame, screen);
    await fitted(page, frame);
    await settle(page);
    const msgs = await page.evaluate((b) => window.heights.slice(b).map((m) => m.h), before);
    heightOf[screen] = await frameHeight(page);
    log(screen, 'frame', heightOf[screen], 'px; messages', JSON.stringify(msgs));
    assert(msgs.length <= 2, `${screen}: ${msgs.length} height messages for one screen change (${msgs})`);
    assert(heightOf[screen] === await lastHeight(page), `${screen}: the frame is the reported height`);
  }
  const all = await page.evaluate(() => window.heights.map((m) => m.h));
  for (let i = 1; i < all.length; i++) assert(all[i] !== all[i - 1], `the same height ${all[i]} was sent twice in a row`);
  assert(heightOf.success < heightOf.calendar, `the success screen (${heightOf.success} px) is shorter than the calendar (${heightOf.calendar} px)`);
  await page.close();

  // --- Popup: the dialog follows the content, up to the viewport ----------------------
  page = await newPage(browser, { width: 1280, height: 900 });
  await hostPage(page, server, 'popup-missing', '<div data-kairos-page="no-such-page" data-kairos-mode="popup"></div>');
  await page.locator('[data-kairos-mode="popup"] >> button').click();
  [frame] = await frames(page);
  await mirror.screen(frame, 'error');
  await heard(page, frame);
  await settle(page);
  let box = await page.locator('dialog').boundingBox();
  log('popup, error screen: dialog', box.height, 'px, content', await lastHeight(page));
  assert(Math.abs(box.height - await lastHeight(page)) <= 1, `the dialog (${box.height} px) is as tall as its content (${await lastHeight(page)} px)`);
  await page.close();

  page = await newPage(browser, { width: 1280, height: 600 });
  await hostPage(page, server, 'popup-demo', '<div data-kairos-page="demo" data-kairos-mode="popup"></div>');
  await page.locator('[data-kairos-mode="popup"] >> button').click();
  [frame] = await frames(page);
  await toDay(frame);
  await heard(page, frame);
  await settle(page);
  box = await page.locator('dialog').boundingBox();
  const content = await lastHeight(page);
  log('popup, calendar at 600 px tall: dialog', box.height, 'px, content', content);
  assert(content > 600 && Math.abs(box.height - 600 * 0.92) <= 1, `a tall screen stops at the viewport (dialog ${box.height} px, content ${content} px)`);
  const scrolls = await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
  assert(scrolls, 'the rest scrolls inside the dialog');
  await page.close();
}, ['availability', 'book']);
