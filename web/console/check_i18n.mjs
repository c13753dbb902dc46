// Every console string and problem message exists in all five languages (run as the
// ctest console.i18n): a missing key would show English to a Japanese receptionist.
import { readFileSync } from 'fs';
import { tablesForCheck } from './src/i18n.js';

const { strings, reasons, problems } = tablesForCheck();
let missing = [];
for (const [lang, table] of Object.entries(strings)) {
  for (const k of Object.keys(strings.en)) if (!(k in table)) missing.push(`${lang}.${k}`);
}
for (const [lang, table] of Object.entries(reasons)) {
  for (const k of Object.keys(reasons.en)) if (!(k in table)) missing.push(`reason ${lang}.${k}`);
}
for (const [lang, table] of Object.entries(problems)) {
  for (const k of Object.keys(problems.en)) if (!(k in table)) missing.push(`problem ${lang}.${k}`);
}
// Every refusal a staff form can meet (the registry's 409 and 422 codes) has a sentence;
// the rest are transport faults (framing, sizes) no console request provokes, and the
// kiosk's own codes (web/checkin says those).
const registry = readFileSync(new URL('../../core/src/errors.cpp', import.meta.url), 'utf8');
const notForStaff = new Set(['idempotency_key_reused', 'invalid_idempotency_key', 'invalid_action', 'invalid_actor', 'invalid_cursor',
  'checkin_closed', 'checkin_too_early', 'invalid_content_length', 'invalid_mode']);
for (const [, code, status] of registry.matchAll(/\{"([a-z_]+)", (\d+), "error\./g)) {
  if ((status === '409' || status === '422') && !notForStaff.has(code) && !(code in problems.en)) missing.push(`problem en.${code} (core/src/errors.cpp)`);
}
if (missing.length) { console.error('missing translations: ' + missing.join(', ')); process.exit(1); }
console.log(`console strings complete: ${Object.keys(strings.en).length} keys × ${Object.keys(strings).length} languages`);
