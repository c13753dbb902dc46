// Contrast (issue 11, "Typography and contrast"): the test reads the theme's colours
// from the widget (the layout probe's colour pairs) and checks text ≥ 4.5:1 and field
// borders, focus rings and button edges ≥ 3:1, in light and dark, with the default
// accent and with a light brand colour (which the widget must darken, not ignore).
'use strict';
const { run, assert, mirror } = require('./lib');
const probe = require('./probe');

function lum(hex) {
  const ch = [(hex >> 16) & 255, (hex >> 8) & 255, hex & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}
const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);

run('contrast', async ({ server, browser, log }) => {
  for (const theme of ['light', 'dark']) {
    for (const accent of ['', '#facc15', '#1e3a8a']) {
      const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
      const q = `page=demo&theme=${theme}` + (accent ? `&accent=${encodeURIComponent(accent)}` : '');
      await page.goto(`${server.base}/widget/?${q}`);
      await mirror.screen(page.mainFrame(), 'calendar');
      const p = await probe.read(page.mainFrame());
      assert(p.colors && p.colors.length >= 8, 'the probe reports the theme colours');
      const bad = [];
      for (const c of p.colors) {
        const r = ratio(c.fg, c.bg);
        if (r + 1e-3 < c.min) bad.push(`${c.name} ${r.toFixed(2)}:1 < ${c.min}:1 (#${c.fg.toString(16).padStart(6, '0')} on #${c.bg.toString(16).padStart(6, '0')})`);
      }
      assert(!bad.length, `${theme} ${accent || 'default accent'}: ` + bad.join('; '));
      log(theme, accent || 'default', p.colors.map((c) => `${c.name} ${ratio(c.fg, c.bg).toFixed(1)}`).join(', '));
      await page.close();
    }
  }
}, ['availability']);
