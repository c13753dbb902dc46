// Issue 11 "Broken today" 2: at 360–700 px the inline widget never stopped resizing (its
// height flipped ±10 px many times a second). Now the height is a function of content and
// width only: at ten widths from 320 to 1280 px, once settled, the host page hears no
// height message for 3 s, never hears the same height twice in a row, and the frame is
// exactly the reported height.
'use strict';
const { run, assert, widgetFrame, mirror, fitted } = require('./lib');

const WIDTHS = [320, 360, 390, 430, 540, 600, 700, 768, 1024, 1280];

run('resize_stability', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.heights = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'kairos:resize') window.heights.push({ at: performance.now(), h: e.data.detail.height });
    });
  });
  await page.goto(server.base + '/demo/');
  const frame = await widgetFrame(page);
  await mirror.screen(frame, 'calendar');
  await mirror.bookableDays(frame);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const resizedAt = await page.evaluate(() => performance.now());
    // The widget has drawn at the new width (its canvas' backing store follows the frame's
    // width on the first frame after the resize) and the host page has taken the height
    // it then measured. A quiet spell alone raced a busy machine, where the new height
    // came after 1.5 s and landed in the 3 s that must stay quiet.
    await frame.waitForFunction(() => {
      const c = document.querySelector('canvas');
      return c && c.width === Math.round(Math.max(1, c.clientWidth) * (window.devicePixelRatio || 1));
    }, null, { timeout: 20000 });
    await fitted(page, frame);
    // Settled: no height message for 1.5 s after the resize (at most 15 s).
    for (let i = 0; i < 150; i++) {
      const quiet = await page.evaluate((t0) => performance.now() - t0 > 1500 &&
        (!window.heights.length || performance.now() - window.heights[window.heights.length - 1].at > 1500), resizedAt);
      if (quiet) break;
      await page.waitForTimeout(100);
    }
    const before = await page.evaluate(() => window.heights.length);
    await page.waitForTimeout(3000);
    const after = await page.evaluate(() => window.heights.slice());
    assert(after.length === before, `${width} px: ${after.length - before} height messages after settling: ` +
      JSON.stringify(after.slice(before).map((m) => m.h)));
    for (let i = 1; i < after.length; i++) {
      assert(after[i].h !== after[i - 1].h, `${width} px: the same height ${after[i].h} was sent twice in a row`);
    }
    const last = after.length ? after[after.length - 1].h : 0;
    const frameH = await page.$eval('#kairos-inline iframe', (f) => f.getBoundingClientRect().height);
    // No floor: the frame is exactly the content's height (e2e.height_follows: short screens shrink).
    assert(Math.abs(frameH - last) < 1, `${width} px: frame ${frameH} px = reported ${last} px`);
    log(width, 'px settled at', last, 'px after', after.length, 'messages in all');
  }
}, ['availability']);
