// Preloaded into the bench's child process (node --require): on exit, writes the process's peak resident set
// size and CPU time to the file named by FRONTDESK_BENCH_USAGE, so the bench measures the real CLI unchanged.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.FRONTDESK_BENCH_USAGE;
  if (!file) return;
  const usage = process.resourceUsage();
  // maxRSS is in kilobytes on Linux and macOS.
  writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
