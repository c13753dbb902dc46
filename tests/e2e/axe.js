// axe-core (npm, tests/e2e/package.json) run inside a page or frame: every widget screen
// a browser test reaches is checked once (lib.js mirror.screen calls check), and a test
// fails on any violation.
'use strict';
const fs = require('fs');

const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const seen = new WeakMap();  // frame → set of screens already checked

async function violations(frame, context) {
  if (!(await frame.evaluate(() => !!window.axe))) await frame.evaluate(source);
  return frame.evaluate(async (ctx) => {
    const r = await window.axe.run(ctx || document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + n.failureSummary) }));
  }, context || null);
}

// Throws when axe finds a violation; each screen of a frame is checked once.
async function check(frame, label, opts = {}) {
  let set = seen.get(frame);
  if (!set) seen.set(frame, (set = new Set()));
  if (!opts.always && set.has(label)) return;
  set.add(label);
  const v = await violations(frame, opts.context);
  if (v.length) throw new Error(`axe-core: ${v.length} violation(s) on ${label}:\n` + JSON.stringify(v, null, 1));
}

module.exports = { violations, check };
