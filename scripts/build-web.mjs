#!/usr/bin/env node
// Bundles the browser half of `delaftale edit` (web/) into dist/web/ with esbuild:
// index.html, app.js, app.css, pdf.worker.mjs and assets.json ({"files": {name: mime}}),
// the list of the only files the edit server serves under /assets/<name>.
// Everything the page needs is in these files: no CDN, no network.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/web');
const require = createRequire(import.meta.url);
const started = Date.now();

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

await build({
  entryPoints: { app: join(ROOT, 'web/src/main.ts') },
  outdir: OUT,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome115', 'firefox115'],
  minify: true,
  legalComments: 'eof',
  sourcemap: false,
  logLevel: 'warning',
  // pdf.js loads its worker from workerSrc (set in preview.ts); nothing else is fetched.
});

copyFileSync(join(ROOT, 'web/index.html'), join(OUT, 'index.html'));
copyFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), join(OUT, 'pdf.worker.mjs'));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};
const files = {};
for (const name of readdirSync(OUT).sort()) {
  const mime = MIME[extname(name)];
  if (!mime) throw new Error(`build-web: ukendt filtype ${name}`);
  files[name] = mime;
}
writeFileSync(join(OUT, 'assets.json'), `${JSON.stringify({ files }, null, 2)}\n`);
process.stderr.write(`build-web: ${Object.keys(files).join(', ')} i dist/web (${Date.now() - started} ms)\n`);
