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

module.exports = { toDay, toForm, toReview };
