// The snippet's three forms on the demo page: the inline widget is isolated from the
// host page's CSS (the host styles every button in Comic Sans; the widget's buttons are
// not), the popup button opens the widget in a dialog that Escape closes, and the
// floating button does the same from the corner.
'use strict';
const { run, assert, mirror } = require('./lib');

async function popupFrame(page) {
  for (let i = 0; i < 100; i++) {
    const frames = page.frames().filter((f) => f.url().includes('/widget/'));
    if (frames.length >= 2) return frames[frames.length - 1];
    await page.waitForTimeout(100);
  }
  throw new Error('no popup widget frame');
}

run('embed_modes', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(server.base + '/demo/');
  const inline = page.frames().find((f) => f.url().includes('/widget/')) || (await page.waitForEvent('frameattached'));
  await mirror.screen(inline, 'calendar');
  const hostFont = await page.evaluate(() => {
    const probe = document.createElement('button');
    document.body.appendChild(probe);
    const f = getComputedStyle(probe).fontFamily;
    probe.remove();
    return f;
  });
  assert(/comic/i.test(hostFont), 'the host page styles its own buttons: ' + hostFont);
  const widgetFont = await inline.evaluate(() => getComputedStyle(document.querySelector('#kairos-mirror button')).fontFamily);
  assert(!/comic/i.test(widgetFont), 'host CSS does not reach the widget: ' + widgetFont);
  log('host button font', hostFont, '| widget button font', widgetFont);

  // Popup on a button (in a shadow root, so the host CSS does not restyle it either).
  await page.locator('header [data-kairos-mode="popup"] >> button').click();
  const popup = await popupFrame(page);
  await mirror.screen(popup, 'calendar');
  assert(await page.locator('dialog[open]').count() === 1, 'the dialog is open');
  await page.keyboard.press('Escape');
  for (let i = 0; i < 50 && (await page.locator('dialog[open]').count()) > 0; i++) await page.waitForTimeout(100);
  assert(await page.locator('dialog[open]').count() === 0, 'Escape closes the dialog');

  // Floating button in the corner.
  const floating = page.locator('body > [data-kairos-mode="floating"] >> button');
  const box = await floating.boundingBox();
  assert(box && box.x > 800 && box.y > 700, 'the floating button sits bottom-right: ' + JSON.stringify(box));
  await floating.click();
  const fromFloat = await popupFrame(page);
  await mirror.screen(fromFloat, 'calendar');
}, ['availability']);
