// Widget cold-load benchmark (issue 11 "Sooner"): median of 5 cold loads (fresh browser
// context, cache disabled) of the widget in headless Chromium against the real server on
// 127.0.0.1: navigation start → bookable days visible (the mirror lists a bookable day),
// non-Japanese and Japanese; and the bytes transferred for a non-Japanese load. Not a
// ctest (timings depend on the machine); run by bench/widget_load.sh, figures in
// docs/BENCHMARKS.md.
'use strict';
const { run } = require('../tests/e2e/lib');

const RUNS = Number(process.env.RUNS || 5);

async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url, { waitUntil: 'commit' });
  // Also when the skeleton (the calendar's blocks at their final height) first stood, and
  // when the frame after the one that listed the days began (the calendar's first
  // rendered canvas frame has been composited by then: with SwiftShader that readback
  // is the slow part of a frame).
  const { ms, skeletonMs, paintedMs } = await page.evaluate(() => new Promise((resolve) => {
    let skeletonMs = null;
    const done = () => document.querySelector('#kairos-mirror ul[data-id="days"] button:not([disabled])');
    const tick = () => {
      if (skeletonMs === null && document.querySelector('#progress.skeleton')) skeletonMs = performance.now();
      if (done()) {
        const ms = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ ms, skeletonMs, paintedMs: performance.now() })));
      } else requestAnimationFrame(tick);
    };
    tick();
  }));
  // Where the time went: the resources (start → end) and the shell's marks.
  const timing = await page.evaluate(() => {
    const r = {};
    for (const e of performance.getEntriesByType('resource')) {
      const name = new URL(e.name).pathname.replace(/^\/v1\/pages\/[^/]+\/?/, 'page/').replace(/^\/widget\//, '');
      const key = name + (/availability/.test(e.name) ? '@' + new URL(e.name).searchParams.get('from') : '');
      r[key] = [Math.round(e.startTime), Math.round(e.responseEnd)];
    }
    r.interactive = Math.round(window.kairosNavigationMs || 0);
    // The load milestones the shell and the widget mark (kairos:page, main, atlas, …).
    for (const m of performance.getEntriesByType('mark')) if (/^kairos:/.test(m.name)) r[m.name] = Math.round(m.startTime);
    return r;
  });
  await context.close();
  return { ms, skeletonMs, paintedMs, bytes, timing };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

module.exports = { coldLoad, median };
if (require.main !== module) return;

run('widget_load', async ({ server, browser, log }) => {
  const out = {};
  for (const lang of ['en', 'ja']) {
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, `${server.base}/widget/?page=demo&lang=${lang}`));
    const sk = loads.filter((l) => l.skeletonMs !== null).map((l) => l.skeletonMs);
    out[lang] = { days_visible_ms: loads.map((l) => Math.round(l.ms)), median_ms: Math.round(median(loads.map((l) => l.ms))),
                  skeleton_median_ms: sk.length ? Math.round(median(sk)) : null,
                  painted_median_ms: Math.round(median(loads.map((l) => l.paintedMs))),
                  timing_of_median_load: loads.slice().sort((a, b) => a.ms - b.ms)[Math.floor(loads.length / 2)].timing,
                  transfer_bytes: median(loads.map((l) => l.bytes)) };
  }
  out.load_average = require('os').loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(JSON.stringify(out, null, 1));
}, ['availability']);
