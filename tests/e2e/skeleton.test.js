// Issue 11, Sooner: while the wasm loads, the shell shows a skeleton with the calendar's
// layout, and the embedded frame already has the height the first drawn calendar will
// have, so nothing on the host page moves when the canvas replaces the skeleton: after
// the skeleton's height message the frame's height does not change until the guest
// acts, and the host page records no layout shift. The wasm is held back until then so
// the skeleton can be seen (e2e-artifacts/skeleton-<width>.png beside first-<width>.png).
'use strict';
const path = require('path');
const { run, assert, mirror } = require('./lib');
const { hostPage, frames } = require('./hostpage');

run('skeleton', async ({ server, browser, artifacts, log }) => {
  for (const [width, theme] of [[390, 'light'], [1280, 'light'], [390, 'dark']]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // The wasm is held until the test has seen the skeleton (a slow network, without a
    // timer that a loaded machine could outrun).
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/kairos-widget\.wasm/, async (route) => {
      await held;
      await route.continue();
    });
    await hostPage(page, server, `skeleton-${width}-${theme}`, `<div data-kairos-page="demo" data-kairos-theme="${theme}"></div>`);
    const [frame] = await frames(page);
    await frame.waitForSelector('#progress.skeleton', { state: 'visible', timeout: 10000 });
    const skeletonH = await frame.evaluate(() => window.kairosSkeletonHeight);
    await page.waitForFunction((h) => window.heights.some((m) => m.h === h), skeletonH, { timeout: 10000 });
    const shiftsBefore = await page.evaluate(() => window.shifts.length);
    const sent = await page.evaluate(() => window.heights.length);
    await page.screenshot({ path: path.join(artifacts, `skeleton-${width}-${theme}.png`), fullPage: true });
    assert(await frame.evaluate(() => !window.Module || !Module.calledRun || document.getElementById('progress').className !== 'done'),
           'the skeleton was seen before the widget drew');
    release();

    await mirror.screen(frame, 'calendar');
    await frame.waitForSelector('#progress.done', { state: 'attached' });
    await page.waitForTimeout(1500);
    const after = await page.evaluate((n) => window.heights.slice(n).map((m) => m.h), sent);
    const frameH = await page.$eval('iframe', (f) => f.getBoundingClientRect().height);
    const shifts = await page.evaluate((n) => window.shifts.slice(n), shiftsBefore);
    await page.screenshot({ path: path.join(artifacts, `first-${width}-${theme}.png`), fullPage: true });
    log(`${width} px ${theme}: skeleton ${skeletonH} px, frame ${frameH} px, height messages after the skeleton ${JSON.stringify(after)}, layout shifts ${JSON.stringify(shifts)}`);
    assert(after.length === 0 && frameH === skeletonH,
           `${width} px: the first calendar (${frameH} px) is as tall as the skeleton (${skeletonH} px); messages after it: ${after}`);
    const cls = shifts.filter((s) => !s.input).reduce((a, s) => a + s.value, 0);
    assert(cls === 0, `${width} px: the host page shifted after the skeleton (CLS ${cls})`);
    await page.close();
  }
}, ['availability']);
