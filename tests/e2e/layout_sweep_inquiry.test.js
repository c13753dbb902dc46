// The layout-probe sweep of the inquiry screens (issue 14 in the widget): suggest
// (wished times on the calendar), inquiry (name, e-mail, message) and inquiry_sent, the
// calendar's new "Ask a question" / "Suggest times" buttons included, × five languages ×
// widths 320, 390, 768, 1280 in light and 320, 1280 in dark (the theme changes colours,
// not layout; fewer widths keep the test inside its time on a shared machine), with the
// same probe checks as e2e.layout_sweep (the loop is tests/e2e/sweep.js); screenshots in
// e2e-artifacts/sweep/<screen>-<lang>-<theme>-<width>.png.
'use strict';
const { mirror } = require('./lib');
const { toWishDay } = require('./flow');
const { layoutSweep, GUEST, NOTES } = require('./sweep');

layoutSweep('layout_sweep_inquiry', {
  widths: { light: [320, 390, 768, 1280], dark: [320, 1280] },
  walk: async (frame, sweep, { lang, theme }) => {
    await mirror.screen(frame, 'calendar');
    await mirror.activate(frame, 'start_suggest');
    await mirror.screen(frame, 'suggest');
    const hours = (await toWishDay(frame)).hours.map((h) => h.start);
    for (const h of [hours[0], hours[hours.length - 1]]) {
      await mirror.activate(frame, `toggle_wish:${h}`);
      await frame.waitForSelector(`#kairos-mirror button[data-id="toggle_wish:${h}"][aria-pressed="true"]`, { state: 'attached' });
    }
    await sweep('suggest');
    await mirror.activate(frame, 'to_inquiry');
    await mirror.screen(frame, 'inquiry');
    await mirror.fill(frame, 'name', GUEST[lang]);
    await mirror.fill(frame, 'email', `guest.${lang}.${theme}@gmail.con`);
    await mirror.fill(frame, 'message', NOTES);
    await frame.waitForSelector('#kairos-mirror button[data-id="accept_suggestion"]', { state: 'attached' });
    await sweep('inquiry');
    await mirror.activate(frame, 'accept_suggestion');
    await frame.waitForFunction(() => !document.querySelector('#kairos-mirror button[data-id="send_inquiry"][aria-disabled="true"]'));
    await mirror.activate(frame, 'send_inquiry');
    await mirror.screen(frame, 'inquiry_sent');
    await sweep('inquiry_sent');
  },
}, ['availability']);
