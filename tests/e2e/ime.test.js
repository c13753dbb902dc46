// Japanese input through the IME and paste reach the canvas: the guest clicks into the
// name field drawn in the canvas (real mouse, on a 2× screen), composes 山田 with the
// IME, pastes 花子 and types " Ab"; the field holds exactly that text, the mirror shows
// it, and the Japanese font is fetched because Japanese text must now be shown.
'use strict';
const { run, assert, mirror, firstBookableDay } = require('./lib');

run('ime', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 700, height: 900 }, deviceScaleFactor: 2 });
  const fonts = [];
  page.on('request', (r) => { if (r.url().includes('/fonts/ja.ttf')) fonts.push(r.url()); });
  await page.goto(server.base + '/widget/?page=demo&lang=en');
  const frame = page.mainFrame();
  await mirror.screen(frame, 'calendar');
  const day = await firstBookableDay(frame);
  const slots = await mirror.slotsOfDay(frame, day);
  await mirror.activate(frame, `select_slot:${slots[0].start}`);
  await mirror.screen(frame, 'form');
  await frame.waitForSelector('#kairos-mirror [data-field="name"][data-rect]', { state: 'attached' });
  const [x, y, w, h] = (await frame.getAttribute('#kairos-mirror [data-field="name"]', 'data-rect')).split(',').map(Number);
  await page.mouse.click(x + w / 2, y + h / 2);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'kairos-ime');

  await page.evaluate(() => {
    const ime = document.getElementById('kairos-ime');
    ime.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    ime.dispatchEvent(new CompositionEvent('compositionend', { data: '山田' }));
    const dt = new DataTransfer();
    dt.setData('text/plain', '花子');
    ime.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('#kairos-mirror [data-field="name"]').value === '山田花子', null, { timeout: 10000 });
  // Plain keys still arrive once each (through GLFW), not twice through the bridge.
  await page.keyboard.type(' Ab');
  await page.waitForFunction(() => document.querySelector('#kairos-mirror [data-field="name"]').value.endsWith('Ab'), null, { timeout: 10000 });
  const typed = await frame.inputValue('#kairos-mirror [data-field="name"]');
  assert(typed === '山田花子 Ab', 'typed keys arrive exactly once: ' + typed);
  for (let i = 0; i < 50 && fonts.length === 0; i++) await page.waitForTimeout(100);
  assert(fonts.length === 1, 'Japanese font fetched once Japanese was typed');
  log('name field holds', await frame.inputValue('#kairos-mirror [data-field="name"]'));
}, ['availability']);
