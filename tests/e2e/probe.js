// The layout probe's checks (the widget in test mode, ?probe=1, reports every text item
// it drew: text, rect, the room it had, its longest word; see wasm/probe.hpp). A screen
// fails when a text is wrapped narrower than its longest word (cut into characters),
// overflows its room or its button, overlaps another item, lies outside the canvas, has
// characters its atlas font has no glyph for,
// or when an overlay (a tooltip, an open list) is left standing.
'use strict';

// ImGui's word wrap may end a line up to a pixel past its room (rounding); more is a fault.
const EPS = 1.5;

async function read(frame) {
  // The first call switches the probe on; the frames after it are recorded.
  const first = await frame.evaluate(() => window.kairosProbe());
  if (first.items) return first;
  // Switched on now: the next frame drawn is recorded (a busy machine may draw it after
  // more than the 200 ms this waited for before, and the read came back empty).
  await frame.waitForFunction(() => !!window.kairosProbe().items, null, { timeout: 15000 });
  return frame.evaluate(() => window.kairosProbe());
}

function faults(p) {
  const out = [];
  const [cw, ch] = p.canvas || [0, 0];
  const items = p.items || [];
  const name = (it) => JSON.stringify(it.t.length > 40 ? it.t.slice(0, 40) + '…' : it.t);
  for (const it of items) {
    const [x, y, w, h] = it.r;
    if (it.k === 'text' && w + EPS < it.word) out.push(`${name(it)} is wrapped narrower (${w.toFixed(0)} px) than its longest word (${it.word.toFixed(0)} px)`);
    if (it.missing) out.push(`${name(it)} has ${it.missing} character(s) its font has no glyph for (drawn as "?")`);
    if (it.k === 'button' && it.tw > w + EPS) out.push(`${name(it)} is wider (${it.tw.toFixed(0)} px) than its button (${w.toFixed(0)} px)`);
    if (x < it.c[0] - EPS || x + w > it.c[1] + EPS) out.push(`${name(it)} [${x.toFixed(0)}..${(x + w).toFixed(0)}] overflows its container [${it.c[0].toFixed(0)}..${it.c[1].toFixed(0)}]`);
    if (x < -EPS || y < -EPS || x + w > cw + EPS || y + h > ch + EPS) out.push(`${name(it)} at ${it.r.map((v) => v.toFixed(0))} lies outside the ${cw}×${ch} canvas`);
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].r, b = items[j].r;
      const ox = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
      const oy = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
      if (ox > 1 && oy > 1) out.push(`${name(items[i])} overlaps ${name(items[j])}`);
    }
  }
  for (const o of p.overlays || []) out.push(`an overlay is left on the screen: ${o}`);
  return out;
}

// Throws when the frame's last drawn screen has a layout fault; `label` names the case.
async function check(frame, label) {
  // Two frames after the last change, so the record is of a settled layout.
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const p = await read(frame);
  const f = faults(p);
  if (f.length) throw new Error(`layout faults on ${p.screen} (${label}):\n  ` + f.slice(0, 12).join('\n  '));
  return p;
}

module.exports = { read, faults, check };
