// Issue 11 "Broken today" 3: popup and floating modes could not be scrolled by wheel or
// touch, a swipe scrolled the host page behind, and on a phone slots after ~08:30 could
// not be reached. Now, on a phone-sized page, the popup's document scrolls by wheel and
// by a touch swipe until the last slot is on screen, a swipe books nothing, and the host
// page does not move (its scroll is locked while the dialog is open).
'use strict';
const { run, assert, mirror } = require('./lib');
const probe = require('./probe');

async function popupFrame(page) {
  for (let i = 0; i < 100; i++) {
    const frames = page.frames().filter((f) => f.url().includes('mode=popup'));
    if (frames.length) return frames[frames.length - 1];
    await page.waitForTimeout(100);
  }
  throw new Error('no popup widget frame');
}

async function lastSlotVisible(frame) {
  const p = await probe.read(frame);
  const slots = p.items.filter((it) => it.k === 'button' && /\d[:.]\d\d/.test(it.t));
  const last = slots[slots.length - 1];
  const bottom = last.r[1] + last.r[3];
  return frame.evaluate((b) => window.scrollY + window.innerHeight >= b, bottom);
}

run('popup_scroll', async ({ server, browser, log }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 700 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.base + '/demo/');
  await page.locator('header [data-kairos-mode="popup"] >> button').click();
  const frame = await popupFrame(page);
  await mirror.screen(frame, 'calendar');
  const hostY = await page.evaluate(() => window.scrollY);
  const locked = await page.evaluate(() => getComputedStyle(document.documentElement).overflow);
  assert(locked === 'hidden', 'the host page does not scroll behind the dialog: ' + locked);

  const days = await mirror.bookableDays(frame);
  // The day with the most slots.
  let best = null;
  for (const d of days.slice(0, 6)) {
    const slots = await mirror.slotsOfDay(frame, d);
    if (!best || slots.length > best.slots.length) best = { day: d, slots };
  }
  await mirror.slotsOfDay(frame, best.day);
  log('day', best.day, best.slots.length, 'slots');
  await page.waitForTimeout(300);
  assert(!(await lastSlotVisible(frame)), 'the last slot starts below the fold (else this test proves nothing)');

  // Wheel over the dialog.
  const box = await page.locator('dialog').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30 && !(await lastSlotVisible(frame)); i++) {
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(100);
  }
  assert(await lastSlotVisible(frame), 'the wheel reaches the last slot');
  assert(await page.evaluate(() => window.scrollY) === hostY, 'the wheel does not move the host page');

  // Touch swipe from the top again.
  await frame.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  const cdp = await context.newCDPSession(page);
  for (let i = 0; i < 10 && !(await lastSlotVisible(frame)); i++) {
    // A finger drags up over the slots (Input.dispatchTouchEvent: real touch input).
    const x = Math.round(box.x + box.width / 2), y0 = Math.round(box.y + box.height * 0.8);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
    for (let k = 1; k <= 10; k++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 - k * 30 }] });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(200);
  }
  assert(await lastSlotVisible(frame), 'a swipe reaches the last slot');
  assert(await page.evaluate(() => window.scrollY) === hostY, 'a swipe does not move the host page');
  await page.waitForTimeout(300);
  const screen = await frame.getAttribute('#kairos-mirror', 'data-screen');
  const pressed = await frame.$$eval('#kairos-mirror ul[data-id="slots"] button[aria-pressed="true"]', (b) => b.length);
  assert(screen === 'calendar' && pressed === 0, `a swipe chooses nothing (screen ${screen}, ${pressed} chosen)`);
}, ['availability']);
