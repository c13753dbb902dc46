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
  // Also when the skeleton (the calendar's blocks at their final height) first stood.
  const { ms, skeletonMs } = await page.evaluate(() => new Promise((resolve) => {
    let skeletonMs = null;
    const done = () => document.querySelector('#kairos-mirror ul[data-id="days"] button:not([disabled])');
    const tick = () => {
      if (skeletonMs === null && document.querySelector('#progress.skeleton')) skeletonMs = performance.now();
      if (done()) resolve({ ms: performance.now(), skeletonMs });
      else requestAnimationFrame(tick);
    };
    tick();
  }));
  await context.close();
  return { ms, skeletonMs, bytes };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

run('widget_load', async ({ server, browser, log }) => {
  const out = {};
  for (const lang of ['en', 'ja']) {
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, `${server.base}/widget/?page=demo&lang=${lang}`));
    const sk = loads.filter((l) => l.skeletonMs !== null).map((l) => l.skeletonMs);
    out[lang] = { days_visible_ms: loads.map((l) => Math.round(l.ms)), median_ms: Math.round(median(loads.map((l) => l.ms))),
                  skeleton_median_ms: sk.length ? Math.round(median(sk)) : null,
                  transfer_bytes: median(loads.map((l) => l.bytes)) };
  }
  console.log(JSON.stringify(out, null, 1));
}, ['availability']);
