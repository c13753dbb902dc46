// The console's pickText follows the core's one fallback rule for owner content
// (core/include/kairos/language.hpp pick_language, LocalizedText::in): the same vectors
// as tests/core/owner_content_test.cpp, with the console's language as the wanted one.
// Run as the ctest console.pick_text.
globalThis.navigator = { languages: [] };
globalThis.document = { documentElement: {} };
const { pickLanguage, pickText } = await import('./src/i18n.js');

const t = { de: 'Erstgespräch', en: 'Intro call', ja: '初回相談' };
// The map's own order must not matter: the core's map is ordered by language code.
const neither = { ja: '初回', hu: 'Bemutatkozó' };
const cases = [
  ['ja', t, 'de', '初回相談'],
  ['fi', t, 'de', 'Erstgespräch'],  // the page's language
  ['fi', t, 'hu', 'Intro call'],    // then English
  ['fi', neither, 'de', 'Bemutatkozó'],  // then the first language code
  ['ja', 'Once only', 'fi', 'Once only'],
  ['ja', t, undefined, '初回相談'],
  ['hu', { en: '', de: 'Beratung' }, undefined, ''],  // present but empty counts as present, as in the core
  ['en', null, 'ja', ''],
];
let failed = 0;
for (const [consoleLang, value, fallback, want] of cases) {
  pickLanguage(consoleLang);
  const got = pickText(value, fallback);
  if (got !== want) { failed++; console.error(`pickText(${JSON.stringify(value)}, ${fallback}) in ${consoleLang}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`); }
}
if (failed) process.exit(1);
console.log(`pickText: ${cases.length} cases agree with the core's rule`);
