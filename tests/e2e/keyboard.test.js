// Keyboard alone: from the page, Tab moves into the widget (not trapped by the canvas),
// reaches the mirror's day and slot buttons (the mirror shows itself while focused),
// Enter activates them, typing fills the form, and Enter on "Next" reaches the review.
'use strict';
const { run, assert, mirror } = require('./lib');

async function tabTo(page, predicate, arg, limit = 400) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error('Tab never reached the element');
}

run('keyboard', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  await page.goto(server.base + '/widget/?page=demo&lang=de');
  await mirror.screen(page.mainFrame(), 'calendar');
  await page.focus('#canvas');
  await tabTo(page, () => {
    const a = document.activeElement;
    return a && a.matches('#kairos-mirror ul[data-id="days"] button:not([aria-disabled="true"])');
  });
  // The mirror is visible while a keyboard user is in it.
  const box = await page.evaluate(() => document.getElementById('kairos-mirror').getBoundingClientRect().height);
  assert(box > 20, 'the focused mirror is shown: ' + box);
  const day = await page.evaluate(() => document.activeElement.getAttribute('data-date'));
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#kairos-mirror button[data-date="${day}"][aria-pressed="true"]`, { state: 'attached' });
  await tabTo(page, () => document.activeElement && document.activeElement.matches('#kairos-mirror ul[data-id="slots"] button'));
  await page.keyboard.press('Enter');
  await mirror.screen(page.mainFrame(), 'form');
  await tabTo(page, () => document.activeElement && document.activeElement.getAttribute('data-field') === 'name');
  await page.keyboard.type('Jürgen Groß');
  await page.keyboard.press('Tab');
  await page.keyboard.type('juergen@example.de');
  await page.waitForFunction(() => !document.querySelector('#kairos-mirror button[data-id="to_review"][aria-disabled="true"]'));
  await tabTo(page, () => document.activeElement && document.activeElement.getAttribute('data-id') === 'to_review');
  await page.keyboard.press('Enter');
  await mirror.screen(page.mainFrame(), 'review');
  const text = await page.textContent('#kairos-mirror');
  assert(text.includes('Jürgen Groß') && text.includes('juergen@example.de'), 'review shows what was typed: ' + text);
  log('reached the review by keyboard; day', day);
}, ['availability']);
