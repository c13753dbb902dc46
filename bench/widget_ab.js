// A/B of two widget builds (issue 11 "Sooner"): two kairos-server --demo on 127.0.0.1
// (the same binary), one serving KAIROS_WIDGET_DIR (B, "new"), one BASE_WIDGET_DIR (A,
// "base"); cold loads alternate between them load by load (fresh context, cache
// disabled, as bench/widget_load.js), English and Japanese, N rounds (default 5), so
// both builds see the same machine. Prints the medians of navigation → bookable days in
// the mirror, → the calendar's canvas painted, and the bytes. Not a ctest.
// Usage: BASE_WIDGET_DIR=/path/to/old/build/wasm/wasm bench/widget_ab.sh
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, launchServer, freePort } = require('../tests/e2e/lib');
const { coldLoad, median } = require('./widget_load');

run('widget_ab', async ({ server, browser }) => {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kairos-ab-'));
  process.env.KAIROS_WIDGET_DIR = process.env.BASE_WIDGET_DIR;
  const base = await launchServer(port, ['--db', path.join(dir, 'kairos.db'), '--bind', '127.0.0.1', '--port', String(port),
                                         '--demo', '--booking-rate', '0', '--public-url', `http://127.0.0.1:${port}`, '--test-clock']);
  const sides = { base: `http://127.0.0.1:${port}`, new: server.base };
  const out = { base: { en: [], ja: [] }, new: { en: [], ja: [] } };
  try {
    for (let i = 0; i < Number(process.env.N || 5); i++) {
      for (const lang of ['en', 'ja']) {
        for (const name of i % 2 ? ['base', 'new'] : ['new', 'base']) {
          const l = await coldLoad(browser, `${sides[name]}/widget/?page=demo&lang=${lang}`);
          out[name][lang].push({ days: Math.round(l.ms), painted: Math.round(l.paintedMs), bytes: l.bytes });
        }
      }
    }
  } finally {
    await base.stop();
  }
  const result = {};
  for (const name of ['base', 'new']) {
    for (const lang of ['en', 'ja']) {
      const xs = out[name][lang];
      result[`${name}_${lang}`] = { days_median_ms: median(xs.map((x) => x.days)), painted_median_ms: median(xs.map((x) => x.painted)),
                                    painted_ms: xs.map((x) => x.painted), transfer_bytes: median(xs.map((x) => x.bytes)) };
    }
  }
  result.load_average = os.loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(JSON.stringify(result, null, 1));
}, ['availability']);
