// Walks a guest through the widget by its mirror: calendar → day → slot → form → review.
'use strict';
const { mirror, firstBookableDay } = require('./lib');

async function toDay(frame) {
  await mirror.screen(frame, 'calendar');
  const day = await firstBookableDay(frame);
  const slots = await mirror.slotsOfDay(frame, day);
  return { day, slots };
}

async function toForm(frame) {
  const { day, slots } = await toDay(frame);
  await mirror.activate(frame, `select_slot:${slots[0].start}`);
  await mirror.screen(frame, 'form');
  return { day, slots };
}

async function toReview(frame, guest = {}) {
  const r = await toForm(frame);
  await mirror.fill(frame, 'name', guest.name || 'Erzsébet Szőke-Nagyvárady');
  await mirror.fill(frame, 'email', guest.email || 'erzsebet.szoke-nagyvarady@example.com');
  if (guest.notes !== undefined) await mirror.fill(frame, 'notes', guest.notes);
  await mirror.activate(frame, 'to_review');
  await mirror.screen(frame, 'review');
  return r;
}

// On the suggest screen: chooses an open day after today (the next month's first open
// day when this month has none left) and returns the hours it offers to wish: [{start, end}].
async function toWishDay(frame) {
  // Days open for wishes once the month's opening hours are in (none while loading).
  const enabled = async () => {
    await frame.waitForFunction(() => document.querySelectorAll('#kairos-mirror ul[data-id="days"] button:not([aria-disabled="true"])').length > 0,
                                null, { timeout: 8000 }).catch(() => {});
    return frame.$$eval('#kairos-mirror ul[data-id="days"] button:not([aria-disabled="true"])', (bs) => bs.map((b) => b.getAttribute('data-date')));
  };
  let days = await enabled();
  let day = days[1];
  if (!day) {
    const before = await frame.$eval('#kairos-mirror ul[data-id="days"] button', (b) => b.getAttribute('data-date'));
    await mirror.activate(frame, 'next_month');
    await frame.waitForFunction((b) => document.querySelector('#kairos-mirror ul[data-id="days"] button').getAttribute('data-date') !== b, before);
    days = await enabled();
    day = days[0];
  }
  await mirror.activate(frame, `select_day:${day}`);
  await frame.waitForSelector('#kairos-mirror ul[data-id="wishes"] button', { state: 'attached' });
  const hours = await frame.$$eval('#kairos-mirror ul[data-id="wishes"] button',
                                   (bs) => bs.map((b) => ({ start: b.getAttribute('data-start'), end: b.getAttribute('data-end') })));
  return { day, hours };
}

module.exports = { toDay, toForm, toReview, toWishDay };
