// Issue 11 "Broken today" 4 and 5 on the host page: the popup is a real modal dialog
// (named, focus kept inside, Escape closes, focus returns to its button, the page behind
// does not scroll); arrow keys in the inline widget do not scroll the host page; on a
// phone the floating button never covers the inline widget; and a tap on "next month"
// leaves no tooltip standing over the calendar.
'use strict';
const { run, assert, mirror, widgetFrame } = require('./lib');
const probe = require('./probe');

async function popupFrame(page) {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((x) => x.url().includes('mode=popup'));
    if (f) return f;
    await page.waitForTimeout(100);
  }
  throw new Error('no popup widget frame');
}

run('popup_a11y', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(server.base + '/demo/');
  const inline = await widgetFrame(page);
  await mirror.screen(inline, 'calendar');
  await mirror.bookableDays(inline);

  // Arrow keys over the inline widget stay in the widget.
  await page.evaluate(() => window.scrollTo(0, 300));
  const frameBox = await page.locator('#kairos-inline iframe').boundingBox();
  await page.mouse.click(frameBox.x + frameBox.width - 5, frameBox.y + 5);
  const y0 = await page.evaluate(() => window.scrollY);
  for (const k of ['ArrowDown', 'ArrowDown', 'PageDown', 'Space']) await page.keyboard.press(k);
  await page.waitForTimeout(300);
  assert(await page.evaluate(() => window.scrollY) === y0, 'keys in the inline widget do not scroll the host page');

  // The popup: a named modal dialog.
  const opener = page.locator('header [data-kairos-mode="popup"] >> button');
  await opener.focus();
  await page.keyboard.press('Enter');
  const popup = await popupFrame(page);
  await mirror.screen(popup, 'calendar');
  const dialog = page.locator('dialog[open]');
  assert(await dialog.count() === 1, 'the dialog is open');
  const info = await dialog.evaluate((d) => ({ modal: d.matches(':modal'), label: d.getAttribute('aria-label') }));
  assert(info.modal && info.label, 'a modal dialog with a name: ' + JSON.stringify(info));
  assert(await page.evaluate(() => getComputedStyle(document.documentElement).overflow) === 'hidden', 'the page behind is scroll-locked');
  // Focus stays within the dialog (its close button and the widget) however often Tab is pressed.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return a ? (a.closest('dialog') ? 'in' : a.tagName) : 'none';
    });
    assert(inside === 'in', 'Tab keeps the focus inside the dialog: ' + inside);
  }
  // Escape (from inside the widget) closes it, and the focus returns to the button.
  await popup.locator('#kairos-mirror h1').focus();
  await page.keyboard.press('Escape');
  for (let i = 0; i < 50 && (await dialog.count()) > 0; i++) await page.waitForTimeout(100);
  assert(await dialog.count() === 0, 'Escape closes the dialog');
  const back = await page.evaluate(() => {
    const a = document.activeElement;
    return a && a.shadowRoot && a.shadowRoot.activeElement ? a.shadowRoot.activeElement.textContent : null;
  });
  assert(back === 'Book online', 'the focus returns to the button that opened it: ' + back);
  assert(await page.evaluate(() => getComputedStyle(document.documentElement).overflow) !== 'hidden', 'scroll unlocked');

  // A phone: the floating button does not cover the inline widget, and a tap leaves no tooltip.
  const ctx = await browser.newContext({ viewport: { width: 390, height: 760 }, hasTouch: true, isMobile: true });
  const phone = await ctx.newPage();
  await phone.goto(server.base + '/demo/');
  const f2 = await widgetFrame(phone);
  await mirror.screen(f2, 'calendar');
  await mirror.bookableDays(f2);
  await phone.locator('#kairos-inline iframe').scrollIntoViewIfNeeded();
  await phone.waitForTimeout(500);
  const fb = await phone.locator('body > [data-kairos-mode="floating"] >> button').boundingBox();
  const ib = await phone.locator('#kairos-inline iframe').boundingBox();
  const overlaps = fb && ib && fb.x < ib.x + ib.width && fb.x + fb.width > ib.x && fb.y < ib.y + ib.height && fb.y + fb.height > ib.y;
  assert(!overlaps, 'the floating button does not cover the inline widget: ' + JSON.stringify({ fb, ib }));
  const p = await probe.read(f2);
  const next = p.items.find((it) => it.k === 'button' && it.t === '>');
  const iframeBox = await phone.locator('#kairos-inline iframe').boundingBox();
  await phone.touchscreen.tap(iframeBox.x + next.r[0] + next.r[2] / 2, iframeBox.y + next.r[1] + next.r[3] / 2);
  await phone.waitForTimeout(600);
  await probe.check(f2, 'after a tap on next month');
  log('dialog', JSON.stringify(info));
}, ['availability']);
