// The layout-probe sweep (issue 11, "Tests that would have caught all of this"): every
// booking screen (calendar with a chosen day, form, review, success) × five languages ×
// widths 320, 390, 768, 1280 × light and dark. Each one must pass the probe's checks (no
// text cut into characters, overflowing its box, overlapping another, outside the
// canvas, no overlay left standing); a screenshot of each is saved as an artefact
// (e2e-artifacts/sweep/<screen>-<lang>-<theme>-<width>.png). The loop is tests/e2e/sweep.js.
'use strict';
const { mirror } = require('./lib');
const { toDay } = require('./flow');
const { layoutSweep, GUEST, NOTES } = require('./sweep');

const WIDTHS = [320, 390, 768, 1280];

layoutSweep('layout_sweep', {
  widths: { light: WIDTHS, dark: WIDTHS },
  walk: async (frame, sweep, { lang, theme }) => {
    const { slots } = await toDay(frame);
    await sweep('calendar');
    await mirror.activate(frame, `select_slot:${slots[0].start}`);
    await mirror.screen(frame, 'form');
    await mirror.fill(frame, 'name', GUEST[lang]);
    await mirror.fill(frame, 'email', `guest.${lang}.${theme}@example.com`);
    await mirror.fill(frame, 'notes', NOTES);
    await sweep('form');
    await mirror.activate(frame, 'to_review');
    await mirror.screen(frame, 'review');
    await sweep('review');
    await mirror.activate(frame, 'confirm');
    await mirror.screen(frame, 'success');
    await sweep('success');
  },
}, ['availability', 'book']);
