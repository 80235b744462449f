/**
 * Standards-feed benches (docs/hl7.md, docs/fhir.md), run by `npm run bench` or alone:
 *
 *   npx tsx bench/feeds.ts [--hl7-messages N] [--fhir-appointments N]
 *
 *   hl7MessagesPerSec  SIU S12 messages over a real TCP connection to the MLLP listener, sent one at a time as an
 *                      interface engine does (each waits for its ACK): messages applied and acknowledged per second
 *   fhirSync2000Ms     one `sources sync` of a FHIR server (a fake on 127.0.0.1, 100 per page, Patients _include'd)
 *                      holding 2,000 appointments in the window, all new: from the first request to the commit.
 *                      fhirResync2000Ms: the same sync again with nothing changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { applySettingsUpdate } from '../electron/core/api/settings-update';
import { createEngine, type Engine } from '../electron/core/compose';
import { listSources } from '../electron/core/db/repos/sources-repo';
import { ManualClock } from '../electron/core/platform/clock';
import { silentLogger } from '../electron/core/platform/logger';
import { Hl7Listeners } from '../electron/core/sources/hl7/hl7-listeners';
import { FakeFhirServer } from '../test/helpers/feeds/fake-fhir';
import { FakeMllpClient, freePort, siu } from '../test/helpers/feeds/mllp-client';

export interface FeedFigures {
  hl7Messages: number;
  hl7MessagesPerSec: number;
  fhirAppointments: number;
  fhirPages: number;
  fhirSync2000Ms: number;
  fhirResync2000Ms: number;
}

const ZONE = 'America/New_York';
const NOW = DateTime.fromISO('2026-12-03T07:00:00', { zone: ZONE });

function phone(i: number): string {
  return `(212) ${201 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`;
}

function engineIn(dir: string): Engine & { clock: ManualClock } {
  const clock = new ManualClock(NOW.toMillis());
  const engine = createEngine({ dbFile: join(dir, 'bench.db'), clock, sleep: async () => {} });
  applySettingsUpdate(engine.db, clock.now(), { timezone: ZONE, name: 'Bench Clinic', phone: '(212) 555-0100' }, 'bench');
  return { ...engine, clock };
}

async function benchHl7(messages: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-hl7-'));
  const engine = engineIn(dir);
  const listeners = new Hl7Listeners({
    db: engine.db,
    clock: engine.clock,
    logger: silentLogger,
    onReceipt: () => {},
    onProblem: (_id, message) => console.error(message),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  try {
    const id = engine.services.addHl7Source({ port: await freePort(), actor: 'bench' }).id;
    await listeners.refresh(listSources(engine.db));
    const client = await FakeMllpClient.connect(listeners.portOf(id)!);
    const started = performance.now();
    for (let i = 0; i < messages; i++) {
      const start = NOW.plus({ days: 1 + (i % 14), minutes: 15 * (i % 40) }).toFormat('yyyyLLddHHmm');
      const ack = await client.send(siu({ event: 'S12', controlId: `B${i}`, id: `A${i}`, start, phones: `${phone(i)}^PRN^CP` }));
      if (!ack.includes('MSA|AA|')) throw new Error(`message ${i} not accepted: ${ack}`);
    }
    const perSec = messages / ((performance.now() - started) / 1000);
    client.close();
    return Math.round(perSec);
  } finally {
    await listeners.stop();
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchFhir(appointments: number): Promise<{ firstMs: number; againMs: number; pages: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-fhir-'));
  const engine = engineIn(dir);
  const server = new FakeFhirServer();
  server.pageSize = 100;
  await server.start();
  try {
    for (let i = 0; i < appointments; i++) {
      server.addPatient(`p${i}`, { given: `Pat${i}`, family: 'Bench' }, [{ system: 'phone', use: 'mobile', value: phone(i) }]);
      server.addAppointment(
        `a${i}`,
        `p${i}`,
        NOW.plus({ days: 1 + (i % 13), minutes: 15 * (i % 40) }).toISO({ suppressMilliseconds: true })!,
      );
    }
    engine.services.addFhirSource({ base: server.base, token: 'secret-token', days: 14, actor: 'bench' });
    let t0 = performance.now();
    const [first] = await engine.services.syncSources();
    const firstMs = performance.now() - t0;
    if (first?.result?.created !== appointments) throw new Error(`FHIR sync created ${first?.result?.created}: ${first?.summary}`);
    const pages = server.requests.length;
    t0 = performance.now();
    await engine.services.syncSources();
    return { firstMs: Math.round(firstMs), againMs: Math.round(performance.now() - t0), pages };
  } finally {
    await server.stop();
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchFeeds(options: { hl7Messages?: number; fhirAppointments?: number } = {}): Promise<FeedFigures> {
  const hl7Messages = options.hl7Messages ?? 2_000;
  const fhirAppointments = options.fhirAppointments ?? 2_000;
  const hl7MessagesPerSec = await benchHl7(hl7Messages);
  const fhir = await benchFhir(fhirAppointments);
  return {
    hl7Messages,
    hl7MessagesPerSec,
    fhirAppointments,
    fhirPages: fhir.pages,
    fhirSync2000Ms: fhir.firstMs,
    fhirResync2000Ms: fhir.againMs,
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (name: string): number | undefined => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  benchFeeds({ hl7Messages: arg('--hl7-messages'), fhirAppointments: arg('--fhir-appointments') })
    .then((figures) => console.log(JSON.stringify(figures, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
