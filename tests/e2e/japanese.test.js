// Japanese renders: with lang=ja the widget fetches the Japanese font (and only then),
// draws Japanese text in the canvas, and the mirror speaks Japanese. The screenshot is
// saved as a test artefact and must not be blank where the text is.
'use strict';
const path = require('path');
const { run, assert, mirror } = require('./lib');

async function inkRatio(page, png, box) {
  // Counts pixels that differ clearly from the background inside `box` of the screenshot.
  return page.evaluate(async ({ data, box }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = box.width; c.height = box.height;
    const g = c.getContext('2d');
    g.drawImage(img, box.x, box.y, box.width, box.height, 0, 0, box.width, box.height);
    const px = g.getImageData(0, 0, box.width, box.height).data;
    const bg = [px[0], px[1], px[2]];
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - bg[0]) + Math.abs(px[i + 1] - bg[1]) + Math.abs(px[i + 2] - bg[2]) > 120) ink++;
    }
    return ink / (box.width * box.height);
  }, { data: png.toString('base64'), box });
}

run('japanese', async ({ server, browser, artifacts, log }) => {
  const fonts = [];
  const page = await browser.newPage({ viewport: { width: 800, height: 700 }, deviceScaleFactor: 2 });
  page.on('request', (r) => { if (r.url().includes('/fonts/')) fonts.push(r.url()); });
  await page.goto(server.base + '/widget/?page=demo&lang=ja');
  await mirror.screen(page.mainFrame(), 'calendar');
  await page.waitForSelector('#progress.done', { state: 'attached' });
  assert(fonts.some((u) => u.includes('ja.ttf')), 'the Japanese font was fetched: ' + fonts);
  const lang = await page.getAttribute('#kairos-mirror', 'lang');
  assert(lang === 'ja', 'mirror language is ja');
  const texts = await page.$$eval('#kairos-mirror button, #kairos-mirror label, #kairos-mirror h2', (es) => es.map((e) => e.textContent).join(' '));
  assert(/[\u3040-\u30ff\u4e00-\u9fff]/.test(texts), 'mirror texts are Japanese: ' + texts.slice(0, 200));
  await page.waitForTimeout(300);
  const png = await page.screenshot({ path: path.join(artifacts, 'widget-ja.png') });
  const ratio = await inkRatio(page, png, { x: 0, y: 0, width: 1600, height: 500 });
  log('ink ratio in the text area', ratio.toFixed(4), 'screenshot', path.join(artifacts, 'widget-ja.png'));
  assert(ratio > 0.01, 'the text area is not blank');

  // An English page never downloads the Japanese font.
  const en = [];
  const p2 = await browser.newPage({ viewport: { width: 800, height: 700 } });
  p2.on('request', (r) => { if (r.url().includes('/fonts/')) en.push(r.url()); });
  await p2.goto(server.base + '/widget/?page=demo&lang=en');
  await mirror.screen(p2.mainFrame(), 'calendar');
  await p2.waitForTimeout(300);
  assert(!en.some((u) => u.includes('ja.ttf')), 'English page fetched no Japanese font: ' + en);
});
