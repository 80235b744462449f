/**
 * Holds the sender lease on a schedule file, as a running engine does, until SIGTERM.
 * Run with `node --import tsx test/helpers/lease-holder.ts <dbFile>`; prints "holding" once it has it.
 */
import { createEngine } from '../../electron/core/compose';
import { systemClock } from '../../electron/core/platform/clock';

const dbFile = process.argv[2];
if (!dbFile) {
  process.stderr.write('usage: lease-holder.ts <dbFile>\n');
  process.exit(2);
}
const engine = createEngine({ dbFile, clock: systemClock });
if (!engine.dispatcher.lease.acquire(systemClock.now())) {
  process.stderr.write('lease is held by another process\n');
  process.exit(3);
}
process.stdout.write('holding\n');
const keepAlive = setInterval(() => {}, 1000);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  engine.close();
});
