// Every console string and problem message exists in all five languages (run as the
// ctest console.i18n): a missing key would show English to a Japanese receptionist.
import { tablesForCheck } from './src/i18n.js';

const { strings, reasons } = tablesForCheck();
let missing = [];
for (const [lang, table] of Object.entries(strings)) {
  for (const k of Object.keys(strings.en)) if (!(k in table)) missing.push(`${lang}.${k}`);
}
for (const [lang, table] of Object.entries(reasons)) {
  for (const k of Object.keys(reasons.en)) if (!(k in table)) missing.push(`reason ${lang}.${k}`);
}
if (missing.length) { console.error('missing translations: ' + missing.join(', ')); process.exit(1); }
console.log(`console strings complete: ${Object.keys(strings.en).length} keys × ${Object.keys(strings).length} languages`);
