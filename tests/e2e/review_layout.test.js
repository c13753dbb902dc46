// Issue 11 "Broken today" 1: the review screen drew every value one character per line
// and the iframe grew to 2,242 px. Now, in every language at phone and desktop widths,
// the layout probe finds no text wrapped narrower than its longest word (nor any other
// fault) on the review screen, and the inline frame stays the height of its content.
'use strict';
const path = require('path');
const { run, assert, widgetFrame, fitted } = require('./lib');
const probe = require('./probe');
const { toReview } = require('./flow');

run('review_layout', async ({ server, browser, artifacts, log }) => {
  for (const [lang, width] of [['en', 390], ['de', 390], ['hu', 1000], ['ja', 360], ['fi', 768]]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=${lang}`);
    const frame = page.mainFrame();
    await toReview(frame, { notes: 'Parking? We arrive by car from Kauniainen, around ten minutes early.' });
    const p = await probe.check(frame, `${lang} ${width}px`);
    assert(p.content_height < 700, `review is compact: ${p.content_height} px (${lang}, ${width} px)`);
    await page.screenshot({ path: path.join(artifacts, `review-${lang}-${width}.png`), fullPage: true });
    await page.close();
  }
  // Inline on the demo page at a phone width: the frame is as tall as the review.
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await page.goto(server.base + '/demo/');
  const frame = await widgetFrame(page);
  await toReview(frame);
  // The frame's height once it has taken the review's (500 ms raced a busy machine, where
  // the frame could still be at the calendar's 1,500 px).
  const h = await fitted(page, frame);
  log('inline review frame height', h);
  assert(h < 700, `the inline frame of the review is ${h} px (was 1,482 px)`);
}, ['availability']);
