// A host page for embed tests, served at <server>/__host/<name>.html by the test itself
// (page.route): the snippet with the given placeholders, embed.js from the server, and a
// record of the widget's height messages (window.heights) and the page's layout shifts
// (window.shifts, PerformanceObserver 'layout-shift').
'use strict';

async function hostPage(page, server, name, placeholders) {
  const url = `${server.base}/__host/${name}.html`;
  await page.route(url, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host ${name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{margin:0;font:16px system-ui}main{max-width:1100px;margin:0 auto;padding:16px}</style>
<script>
window.heights = []; window.shifts = [];
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'kairos:resize') window.heights.push({ at: performance.now(), h: e.data.detail.height });
});
new PerformanceObserver((l) => { for (const s of l.getEntries()) window.shifts.push({ at: s.startTime, value: s.value, input: s.hadRecentInput }); })
  .observe({ type: 'layout-shift', buffered: true });
</script></head><body><main><h1>Host page</h1>${placeholders}<p id="below">Text below the widget.</p></main>
<script src="/embed.js" async></script></body></html>`,
  }));
  await page.goto(url);
}

// The widget frames of the page (created by embed.js), in creation order.
async function frames(page, n = 1) {
  for (let i = 0; i < 200; i++) {
    const fs = page.frames().filter((f) => f.url().includes('/widget/'));
    if (fs.length >= n) return fs;
    await page.waitForTimeout(100);
  }
  throw new Error(`fewer than ${n} widget frames`);
}

module.exports = { hostPage, frames };
