// Preloaded into a Node child (node --import bench/maxrss.mjs …) when GNU time is missing:
// writes the process's peak resident set (KB) to $BENCH_RSS_FILE on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
