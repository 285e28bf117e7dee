#!/usr/bin/env node
// React (inside react-pdf) runs its slower development build unless told otherwise.
// Set before any renderer is imported; commands import them lazily, worker threads inherit it.
process.env.NODE_ENV ??= 'production';
// First, so that it notes which process started this one (see stop.ts).
// No top-level await: the bundle (scripts/bundle.mjs) is CommonJS.
void import('./stop.js')
  .then(() => import('./main.js'))
  .then(async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), stdin: process.stdin });
  });
