// Keyboard alone (issue 11, "Broken today" 4): the canvas is not a tab stop; Tab reaches
// the mirror's bookable days (days without times are not focusable) and the canvas draws
// the focus ring on the matching day — the designed UI never gives way to an unstyled
// panel; each new screen takes the focus to its heading, the form to its first field;
// Enter activates, typing fills the form; and Escape in a canvas text field keeps what
// was typed.
'use strict';
const { run, assert, mirror } = require('./lib');
const probe = require('./probe');

async function tabTo(page, predicate, arg, limit = 400) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const a = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(a !== 'canvas', 'Tab never lands on the canvas');
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error('Tab never reached the element');
}
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? { tag: a.tagName, field: a.getAttribute('data-field'), id: a.getAttribute('data-id'), text: a.textContent } : null;
});

run('keyboard', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  await page.goto(server.base + '/widget/?page=demo&lang=de');
  const frame = page.mainFrame();
  await mirror.screen(frame, 'calendar');
  await mirror.bookableDays(frame);
  assert(await page.$eval('#canvas', (c) => c.tabIndex) < 0, 'the canvas is not a tab stop');
  const focusableDisabled = await page.$$eval('#kairos-mirror ul[data-id="days"] button[aria-disabled="true"]',
    (bs) => bs.filter((b) => !b.disabled).length);
  assert(focusableDisabled === 0, `${focusableDisabled} days without times are focusable`);

  await tabTo(page, () => {
    const a = document.activeElement;
    return a && a.matches('#kairos-mirror ul[data-id="days"] button:not([aria-disabled="true"])');
  });
  const day = await page.evaluate(() => document.activeElement.getAttribute('data-date'));
  // The mirror stays off-screen; the canvas rings the focused day.
  const box = await page.evaluate(() => document.getElementById('kairos-mirror').getBoundingClientRect().height);
  assert(box <= 1, 'the mirror stays off-screen while focused: ' + box);
  const p = await probe.read(frame);
  assert(p.focus && p.focus.key === `select_day:${day}`, 'the canvas draws the focus ring on the day: ' + JSON.stringify(p.focus));
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#kairos-mirror button[data-date="${day}"][aria-pressed="true"]`, { state: 'attached' });
  await tabTo(page, () => document.activeElement && document.activeElement.matches('#kairos-mirror ul[data-id="slots"] button'));
  await page.keyboard.press('Enter');
  await mirror.screen(frame, 'form');
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('data-field') === 'name');
  await page.keyboard.type('Jürgen Groß');
  await page.keyboard.press('Tab');
  await page.keyboard.type('juergen@example.de');
  await page.waitForFunction(() => !document.querySelector('#kairos-mirror button[data-id="to_review"][aria-disabled="true"]'));
  await tabTo(page, () => document.activeElement && document.activeElement.getAttribute('data-id') === 'to_review');
  await page.keyboard.press('Enter');
  await mirror.screen(frame, 'review');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'H1');
  const text = await page.textContent('#kairos-mirror');
  assert(text.includes('Jürgen Groß') && text.includes('juergen@example.de'), 'review shows what was typed: ' + text);
  log('reached the review by keyboard; day', day, 'focus', JSON.stringify(await active(page)));

  // Back to the form; a click into the canvas' company field, typing, then Escape: the text stays.
  await mirror.activate(frame, 'back');
  await mirror.screen(frame, 'form');
  const rect = (await page.getAttribute('#kairos-mirror [data-field="company"]', 'data-rect')).split(',').map(Number);
  await page.mouse.click(rect[0] + 20, rect[1] + rect[3] / 2);
  // The canvas field is editing once the shell has focused its text bridge (it does so on
  // the frame ImGui takes the click); typed before that, a busy machine's late frame
  // dropped the keys, and Escape reached ImGui, which reverts the field.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'kairos-ime', null, { timeout: 15000 });
  await page.keyboard.type('Groß GmbH');
  await page.waitForFunction(() => document.querySelector('#kairos-mirror [data-field="company"]').value === 'Groß GmbH', null, { timeout: 15000 })
    .catch(() => {});  // the assertion below says what arrived
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);  // a revert by Escape would show within a frame or two
  const company = await page.$eval('#kairos-mirror [data-field="company"]', (i) => i.value);
  assert(company === 'Groß GmbH', 'Escape keeps the typed text: ' + JSON.stringify(company));
}, ['availability']);
