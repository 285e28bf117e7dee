#!/usr/bin/env node
// The CLI as one CommonJS file per thread (`npm run bundle`, also run by `prepare` and
// `npm test`): dist/bundle/delaftale.cjs (the command, package.json "bin") and
// dist/bundle/render-worker.cjs (the worker thread of batch builds and watch).
//
// Why: Node's ESM loader resolving, reading and linking some 1,500 files of src and
// node_modules was a good part of a cold build (README, Ydelse). One file is read at once
// and its modules are evaluated only when first imported (esbuild keeps dynamic imports lazy).
//
// The bundle is made from node_modules as installed, so the patches in patches/ (applied by
// patch-package at postinstall, which npm runs before prepare) are inside it. Files that
// code finds at run time are handled here:
// - import.meta.url is the bundle's own URL: src/util/package-path.ts finds schema/,
//   templates/ and content/ two folders up (dist/bundle/ has the depth of src/util/), the
//   worker pool finds render-worker.cjs beside the bundle, and createRequire finds the
//   font packages in node_modules.
// - pdfkit's standard fonts (required by a package-internal "#standard-fonts/…" name) and
//   its sRGB ICC profile (read from a path beside pdfkit.js) are put inside the bundle.
// - jsonc-parser's "main" is a UMD build whose requires esbuild cannot follow: its ES module build is used.
// - The schema validators are ajv standalone code generated here (src/content/standalone.ts),
//   instead of compiling the JSON schemas with ajv at every start.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/bundle');
const GENERATED = join(ROOT, 'dist/generated');
const require = createRequire(join(ROOT, 'package.json'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  // Whitespace and comments only: names stay (they appear in stack traces and error
  // messages). Without comments the source is Latin-1 but for a few literals, which
  // latin1Source() escapes: V8 keeps every script's source for the life of its thread, as
  // a two-byte string if a single character is above U+00FF. The bundle's comments had 209
  // such characters ("─", "’", "…"), so each thread held 12 MB of source instead of 4 MB
  // (heap snapshot of a batch worker). The dependencies' license comments are kept, at the end of each file.
  minifyWhitespace: true,
  legalComments: 'eof',
  define: { 'import.meta.url': 'import_meta_url' },
  // "use strict" first, so that the banner does not end the directive prologue: the sources are
  // ES modules (strict), and the bundle stays strict as they were.
  banner: { js: '"use strict";\nvar import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

/** The validators as ajv standalone code, written to dist/generated/validators.cjs. */
async function generateValidators() {
  const tmp = join(GENERATED, 'standalone.mjs');
  await build({ ...common, entryPoints: ['src/content/standalone.ts'], format: 'esm', outfile: tmp, define: {}, banner: {},
    // ajv's own files stay where they are: the generated code requires its runtime helpers by package name.
    packages: 'external' });
  const { standaloneValidators } = await import(`${pathToFileURL(tmp).href}?${Date.now()}`);
  const file = join(GENERATED, 'validators.cjs');
  writeFileSync(file, standaloneValidators());
  rmSync(tmp);
  return file;
}

const plugins = (validators) => [{
  name: 'delaftale',
  setup(b) {
    // schema.ts's validators: generated code instead of ajv compiling the schemas.
    b.onResolve({ filter: /^\.\/validators\.js$/ }, (args) => (args.importer.endsWith(join('src/content/schema.ts')) ? { path: validators } : undefined));
    // The generated code's custom keyword (maksDecimaler) calls decimalsOf from budget.ts.
    b.onResolve({ filter: /^delaftale:budget$/ }, () => ({ path: join(ROOT, 'src/content/budget.ts') }));
    b.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: require.resolve('jsonc-parser/lib/esm/main.js') }));
    // pdfkit (CommonJS and ES module builds): standard fonts and the ICC profile inside the bundle.
    b.onLoad({ filter: /[\\/]node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit(\.node\.mjs|\.js)$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      const before = text;
      text = text.replace(/require\$1\('#standard-fonts\/(\w+)'\)/g, (_, name) => `require('pdfkit/standard-fonts/${name}')`);
      text = text.replace('fs.readFileSync(ICC_PROFILE_PATH)', "Buffer.from(require('./data/sRGB_IEC61966_2_1.icc'))");
      if (text === before || !text.includes("require('pdfkit/standard-fonts/Helvetica')") || !text.includes('sRGB_IEC61966_2_1.icc')) {
        throw new Error(`${args.path}: pdfkit changed; scripts/bundle.mjs no longer finds its standard fonts or ICC profile`);
      }
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
}];

/**
 * Bundles `entryPoints` ({ name: source }) into `outdir` as name.cjs, as the CLI is bundled;
 * `plugins` come before this script's own (bench/phases.mjs times the layout passes with one).
 */
export async function bundle(entryPoints, outdir, { plugins: extra = [] } = {}) {
  mkdirSync(GENERATED, { recursive: true });
  const validators = await generateValidators();
  await build({
    ...common,
    entryPoints,
    outdir,
    outExtension: { '.js': '.cjs' },
    loader: { '.icc': 'binary' },
    plugins: [...extra, ...plugins(validators)],
  });
  for (const name of Object.keys(entryPoints)) latin1Source(join(outdir, `${name}.cjs`));
}

/**
 * Escapes the characters above U+00FF that are left in a bundle (see minifyWhitespace):
 * without comments they stand in string, template or regular-expression literals, where
 * \uXXXX means the same UTF-16 unit (an astral character becomes its surrogate pair, as a
 * string holds it). Not so after a backslash ("\\–" would become a backslash and "u2013"):
 * the build stops there. A tagged template's raw text would change too; today the only
 * such characters are in one regular expression (@react-pdf/hyphenate), and
 * tests/bundle.test.ts compares the bundle's outputs with those of tsc's modules.
 * Checked by parsing the file again.
 */
function latin1Source(file) {
  const text = readFileSync(file, 'utf8');
  const afterBackslash = /(?<!\\)(?:\\\\)*\\[^\u0000-\u00ff]/.exec(text);
  if (afterBackslash) throw new Error(`${file}: a character above U+00FF after a backslash at offset ${afterBackslash.index}; escaping it would change its meaning`);
  const escaped = text.replace(/[^\u0000-\u00ff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped === text) return;
  writeFileSync(file, escaped);
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`${file}: escaping its non-Latin-1 characters broke it:\n${check.stderr}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  rmSync(OUT, { recursive: true, force: true });
  // The bin keeps its #! line from src/cli/bin.ts; npm makes the link executable.
  await bundle({ delaftale: 'src/cli/bin.ts', 'render-worker': 'src/cli/render-worker.ts' }, OUT);
}
