// Bundles the console with esbuild into OUT (the build folder, never the source tree):
// OUT/index.html names OUT/assets/main-<hash>.js and .css, so the assets can be cached
// for a year and index.html not at all. Every file gets .br and .gz siblings, which the
// server sends when the browser accepts them (as for the widget).
// Usage: node build.mjs --out DIR [--dev]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = path.resolve(outIdx >= 0 ? args[outIdx + 1] : path.join(here, '../../build/native/console'));
const dev = args.includes('--dev');
const assets = path.join(out, 'assets');

fs.rmSync(assets, { recursive: true, force: true });
fs.mkdirSync(assets, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: ['src/main.jsx'],
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: assets,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((f) => path.relative(assets, path.resolve(here, f)));
const js = outputs.find((f) => f.endsWith('.js'));
const css = outputs.find((f) => f.endsWith('.css'));
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Kairos console</title>
${css ? `<link rel="stylesheet" href="/console/assets/${css}">` : ''}
<script type="module" src="/console/assets/${js}"></script>
</head>
<body>
<div id="app"></div>
<noscript>The Kairos console needs JavaScript.</noscript>
</body>
</html>
`;
fs.writeFileSync(path.join(out, 'index.html'), html);

let raw = 0, br = 0, gz = 0;
for (const f of [...outputs.map((o) => path.join(assets, o)), path.join(out, 'index.html')]) {
  const data = fs.readFileSync(f);
  const b = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  const g = zlib.gzipSync(data, { level: 9 });
  fs.writeFileSync(f + '.br', b);
  fs.writeFileSync(f + '.gz', g);
  raw += data.length; br += b.length; gz += g.length;
}
// A stamp CMake depends on, and the sizes the budget bench reads.
fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ js, css, raw, br, gz }, null, 1) + '\n');
console.log(`console: ${js}${css ? ' + ' + css : ''} — ${raw} B raw, ${br} B br, ${gz} B gzip`);
