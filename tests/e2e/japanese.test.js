// Japanese renders: with lang=ja the widget fetches the Japanese font (and only then),
// draws Japanese text in the canvas, and the mirror speaks Japanese. The screenshot is
// saved as a test artefact and must not be blank where the text is. Owner content given
// per language (page and service names) shows in the guest's language, else the page's.
'use strict';
const path = require('path');
const { run, assert, mirror, api } = require('./lib');

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

  // A page whose owner wrote its names per language: a Japanese guest reads the Japanese
  // page and service names; a German guest (not written) reads the page's language (en).
  const host = await api(server, 'POST', '/v1/admin/hosts', { name: 'Yui', email: 'yui@example.com', timezone: 'Asia/Tokyo' }, server.adminKey);
  assert(host.status === 201, 'host: ' + host.text);
  const made = await api(server, 'POST', '/v1/admin/pages', {
    id: 'multi', name: { en: 'Sakura Counselling', ja: 'さくら相談室' }, language: 'en', hosts: [host.json.id],
    event_types: [{ id: 'intro', name: { en: 'Intro call', ja: '初回相談' }, duration_minutes: 30,
                    description: { en: 'A first talk.', ja: '初めての方向けです。' } },
                  { id: 'follow', name: { en: 'Follow-up', ja: '再診' }, duration_minutes: 20 }] }, server.adminKey);
  assert(made.status === 201, 'page: ' + made.text);
  const seen = async (lang) => {
    const p = await browser.newPage({ viewport: { width: 800, height: 700 } });
    await p.goto(server.base + '/widget/?page=multi&lang=' + lang);
    await mirror.screen(p.mainFrame(), 'calendar');
    const text = await p.$eval('#kairos-mirror', (e) => e.textContent + ' ' +
      [...e.querySelectorAll('option')].map((o) => o.textContent).join(' '));
    return { p, text };
  };
  const ja = await seen('ja');
  for (const want of ['さくら相談室', '初回相談', '初めての方向けです。', '再診'])
    assert(ja.text.includes(want), `Japanese guest sees ${want}: ` + ja.text.slice(0, 300));
  assert(!ja.text.includes('Intro call'), 'no English service name for a Japanese guest');
  await ja.p.waitForTimeout(300);
  await ja.p.screenshot({ path: path.join(artifacts, 'widget-ja-owner-content.png') });
  const de = await seen('de');
  assert(de.text.includes('Sakura Counselling') && de.text.includes('Intro call'), 'German guest reads the page language: ' + de.text.slice(0, 300));
});
