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
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const done = () => document.querySelector('#kairos-mirror ul[data-id="days"] button:not([disabled])');
    const tick = () => (done() ? resolve(performance.now()) : requestAnimationFrame(tick));
    tick();
  }));
  await context.close();
  return { ms, bytes };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

run('widget_load', async ({ server, browser, log }) => {
  const out = {};
  for (const lang of ['en', 'ja']) {
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, `${server.base}/widget/?page=demo&lang=${lang}`));
    out[lang] = { days_visible_ms: loads.map((l) => Math.round(l.ms)), median_ms: Math.round(median(loads.map((l) => l.ms))),
                  transfer_bytes: median(loads.map((l) => l.bytes)) };
  }
  console.log(JSON.stringify(out, null, 1));
}, ['availability']);
