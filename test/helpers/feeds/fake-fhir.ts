import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FhirAppointment, FhirBundle, FhirPatient } from '../../../electron/core/sources/fhir/fhir-types';

/**
 * A fake FHIR R4 server on 127.0.0.1 following the real shapes: `GET /fhir/Appointment?date=ge…&date=lt…`
 * or `?_id=a,b`, `_include=Appointment:patient` (the Patients of each page's appointments, search.mode
 * "include"), pages of `pageSize` linked by Bundle.link "next", and Bearer auth (401 with an OperationOutcome).
 */
export class FakeFhirServer {
  readonly appointments = new Map<string, FhirAppointment>();
  readonly patients = new Map<string, FhirPatient>();
  token = 'secret-token';
  pageSize = 2;
  readonly requests: { url: string; authorization: string | undefined }[] = [];
  private server: Server | undefined;
  private port = 0;

  get base(): string {
    return `http://127.0.0.1:${this.port}/fhir`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  addPatient(id: string, name: { given: string; family: string }, telecom: FhirPatient['telecom']): void {
    this.patients.set(id, { resourceType: 'Patient', id, name: [{ use: 'official', given: [name.given], family: name.family }], telecom });
  }

  addAppointment(id: string, patientId: string, start: string, status = 'booked', minutes = 30): void {
    this.appointments.set(id, {
      resourceType: 'Appointment',
      id,
      status,
      start,
      minutesDuration: minutes,
      participant: [
        { actor: { reference: `Patient/${patientId}`, display: 'patient' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/p1', display: 'Dr. Jane Smith' }, status: 'accepted' },
      ],
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const url = new URL(req.url ?? '/', this.base);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(401, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }));
      return;
    }
    if (url.pathname !== '/fhir/Appointment') {
      res.writeHead(404).end();
      return;
    }
    const matches = this.search(url.searchParams);
    const page = Number(url.searchParams.get('page') ?? '0');
    const slice = matches.slice(page * this.pageSize, (page + 1) * this.pageSize);
    const bundle: FhirBundle = { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self', url: url.toString() }], entry: [] };
    for (const a of slice)
      bundle.entry!.push({ fullUrl: `${this.base}/Appointment/${a.id}`, resource: a as never, search: { mode: 'match' } });
    if (url.searchParams.get('_include') === 'Appointment:patient') {
      const ids = new Set(slice.map((a) => a.participant![0]!.actor!.reference!.slice('Patient/'.length)));
      for (const id of ids) {
        const p = this.patients.get(id);
        if (p) bundle.entry!.push({ fullUrl: `${this.base}/Patient/${id}`, resource: p as never, search: { mode: 'include' } });
      }
    }
    if ((page + 1) * this.pageSize < matches.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      bundle.link!.push({ relation: 'next', url: next.toString() });
    }
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(bundle));
  }

  private search(params: URLSearchParams): FhirAppointment[] {
    const all = [...this.appointments.values()];
    const ids = params.get('_id');
    if (ids) return all.filter((a) => ids.split(',').includes(a.id!));
    const dates = params.getAll('date');
    const ge = dates.find((d) => d.startsWith('ge'))?.slice(2);
    const lt = dates.find((d) => d.startsWith('lt'))?.slice(2);
    // Dates compared as the server's local (UTC) calendar days, as a simple server does.
    return all.filter((a) => (!ge || a.start!.slice(0, 10) >= ge) && (!lt || a.start!.slice(0, 10) < lt));
  }
}
