#!/usr/bin/env node
/*
 * Startup time of an installed `fleet`: runs `<bin> --help` RUNS times (a
 * warm-up first) and prints the median and the spread in milliseconds.
 * Usage: node scripts/measure-startup.js <path to the fleet bin> [runs]
 */
const { spawnSync } = require('node:child_process');

const bin = process.argv[2];
const runs = Number(process.argv[3] ?? 21);
if (!bin) {
  process.stderr.write('usage: measure-startup.js <fleet bin> [runs]\n');
  process.exit(2);
}
const once = () => {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`fleet --help exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
once();
const times = Array.from({ length: runs }, once).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
process.stdout.write(
  `fleet --help over ${runs} runs: median ${median.toFixed(
    1,
  )} ms, min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(
    1,
  )} ms\n`,
);
