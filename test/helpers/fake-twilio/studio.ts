import { one, type Params } from './http-util';
import { iso } from './shapes';
import type { FakeState } from './state';
import type { ApiError } from './validate';

interface FlowState {
  name: string;
  type: string;
  properties?: Record<string, unknown>;
}

interface Flow {
  sid: string;
  friendlyName: string;
  status: string;
  definition: { states: FlowState[]; initial_state: string; [k: string]: unknown };
  revision: number;
  dateCreated: number;
  dateUpdated: number;
}

interface Execution {
  sid: string;
  flowSid: string;
  to: string;
  from: string;
  parameters: Record<string, unknown>;
  status: 'active' | 'ended';
  callSid: string;
  dateCreated: number;
  dateUpdated: number;
}

export type StudioReply = { status: number; body: unknown } | ApiError;

const BASE = 'https://studio.twilio.com/v2';
const FINAL_CALL = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** Studio v2 Flows, Executions and Executions/{FN}/Context (docs/twilio.md#studio-keypress-mode), on top of the fake's calls. */
export class FakeStudio {
  flows = new Map<string, Flow>();
  executions: Execution[] = [];

  constructor(
    private readonly state: FakeState,
    private readonly accountSid: string,
  ) {}

  reset(): void {
    this.flows.clear();
    this.executions = [];
  }

  executionBySid(sid: string): Execution | undefined {
    return this.executions.find((e) => e.sid === sid);
  }

  handle(method: string, path: string, form: Params, query: Params): StudioReply {
    const parts = path.replace(/^\/v2\//, '').split('/');
    if (parts[0] !== 'Flows') return notFound(path);
    const flowSid = parts[1];
    if (flowSid === undefined) {
      if (method === 'POST') return this.saveFlow(undefined, form);
      if (method === 'GET')
        return {
          status: 200,
          body: listBody(
            'flows',
            `${BASE}/Flows`,
            [...this.flows.values()].map((f) => this.flowJson(f)),
          ),
        };
      return notAllowed();
    }
    const flow = this.flows.get(flowSid);
    if (!flow) return notFound(path);
    if (parts.length === 2) {
      if (method === 'GET') return { status: 200, body: this.flowJson(flow) };
      if (method === 'POST') return this.saveFlow(flow, form);
      return notAllowed();
    }
    if (parts[2] !== 'Executions') return notFound(path);
    this.sync();
    const execSid = parts[3];
    if (execSid === undefined) {
      if (method === 'POST') return this.startExecution(flow, form);
      if (method === 'GET') {
        const from = one(query, 'DateCreatedFrom');
        const to = one(query, 'DateCreatedTo');
        const rows = this.executions.filter(
          (e) => e.flowSid === flow.sid && (!from || e.dateCreated >= Date.parse(from)) && (!to || e.dateCreated <= Date.parse(to)),
        );
        return {
          status: 200,
          body: listBody(
            'executions',
            `${BASE}/Flows/${flow.sid}/Executions`,
            rows.map((e) => this.execJson(e)),
          ),
        };
      }
      return notAllowed();
    }
    const exec = this.executions.find((e) => e.sid === execSid && e.flowSid === flow.sid);
    if (!exec) return notFound(path);
    if (parts[4] === 'Context' && method === 'GET') {
      return {
        status: 200,
        body: {
          account_sid: this.accountSid,
          context: this.context(flow, exec),
          flow_sid: flow.sid,
          execution_sid: exec.sid,
          url: `${BASE}/Flows/${flow.sid}/Executions/${exec.sid}/Context`,
        },
      };
    }
    if (parts.length > 4) return notFound(path);
    if (method === 'GET') return { status: 200, body: this.execJson(exec) };
    if (method === 'POST' && one(form, 'Status') === 'ended') {
      exec.status = 'ended';
      exec.dateUpdated = this.state.clock.now();
      return { status: 200, body: this.execJson(exec) };
    }
    if (method === 'DELETE') {
      this.executions = this.executions.filter((e) => e !== exec);
      return { status: 204, body: null };
    }
    return notAllowed();
  }

  /** An execution ends with its call. */
  private sync(): void {
    this.state.sync();
    for (const e of this.executions) {
      const call = this.state.calls.find((c) => c.sid === e.callSid);
      if (e.status === 'active' && call && FINAL_CALL.has(call.status)) {
        e.status = 'ended';
        e.dateUpdated = call.dateUpdated;
      }
    }
  }

  private saveFlow(existing: Flow | undefined, form: Params): StudioReply {
    const raw = one(form, 'Definition');
    const status = one(form, 'Status');
    if (!status || (status !== 'draft' && status !== 'published'))
      return { status: 400, code: 20001, message: 'Missing required parameter Status in the post body' };
    let definition = existing?.definition;
    if (raw !== undefined) {
      try {
        const parsed = JSON.parse(raw) as Flow['definition'];
        if (!Array.isArray(parsed.states) || typeof parsed.initial_state !== 'string') throw new Error('no states');
        definition = parsed;
      } catch {
        return { status: 400, code: 20001, message: 'Invalid Flow definition' };
      }
    }
    const friendlyName = one(form, 'FriendlyName') ?? existing?.friendlyName;
    if (!definition || !friendlyName) return { status: 400, code: 20001, message: 'Missing required parameter FriendlyName or Definition' };
    const now = this.state.clock.now();
    const flow: Flow = existing ?? {
      sid: this.state.sids.next('FW'),
      friendlyName,
      status,
      definition,
      revision: 0,
      dateCreated: now,
      dateUpdated: now,
    };
    Object.assign(flow, { friendlyName, status, definition, revision: flow.revision + 1, dateUpdated: now });
    this.flows.set(flow.sid, flow);
    return { status: existing ? 200 : 201, body: this.flowJson(flow) };
  }

  private startExecution(flow: Flow, form: Params): StudioReply {
    const to = one(form, 'To');
    const from = one(form, 'From');
    if (!to || !from) return { status: 400, code: 20001, message: 'Missing required parameter To or From' };
    if (this.executions.some((e) => e.flowSid === flow.sid && e.to === to && e.status === 'active')) {
      return {
        status: 409,
        code: 20409,
        message: `Execution ${to} is already active for this contact. End the other execution before starting a new one.`,
      };
    }
    let parameters: Record<string, unknown> = {};
    const rawParams = one(form, 'Parameters');
    if (rawParams) {
      try {
        parameters = JSON.parse(rawParams) as Record<string, unknown>;
      } catch {
        return { status: 400, code: 20001, message: 'Parameters must be valid JSON' };
      }
    }
    const callWidget = flow.definition.states.find((s) => s.type === 'make-outgoing-call-v2');
    const gather = flow.definition.states.find((s) => s.type === 'gather-input-on-call');
    const say = String(gather?.properties?.say ?? '').replace(/\{\{flow\.data\.(\w+)\}\}/g, (_m, k: string) => String(parameters[k] ?? ''));
    const props = callWidget?.properties ?? {};
    const call = this.state.createCall(to, from, {
      twiml: null,
      sayTexts: say ? [say] : [],
      timeoutS: Number(props.timeout ?? 60),
      amd: typeof props.machine_detection === 'string' ? props.machine_detection : null,
    });
    const now = this.state.clock.now();
    const exec: Execution = {
      sid: this.state.sids.next('FN'),
      flowSid: flow.sid,
      to,
      from,
      parameters,
      status: 'active',
      callSid: call.sid,
      dateCreated: now,
      dateUpdated: now,
    };
    this.executions.unshift(exec);
    return { status: 201, body: this.execJson(exec) };
  }

  private context(flow: Flow, e: Execution): Record<string, unknown> {
    const call = this.state.calls.find((c) => c.sid === e.callSid);
    const widgets: Record<string, unknown> = {};
    for (const s of flow.definition.states) {
      if (s.type === 'make-outgoing-call-v2' && call) {
        widgets[s.name] = { CallSid: call.sid, CallStatus: call.status, AnsweredBy: call.answeredBy, To: call.to, From: call.from };
      }
      if (s.type === 'gather-input-on-call' && call?.status === 'completed' && call.digits !== null) {
        widgets[s.name] = { Digits: call.digits, FinishedOnKey: '' };
      }
    }
    return {
      flow: { flow_sid: flow.sid, sid: e.sid, channel: { address: e.from }, data: e.parameters },
      contact: { channel: { address: e.to } },
      widgets,
    };
  }

  private flowJson(f: Flow): Record<string, unknown> {
    return {
      sid: f.sid,
      account_sid: this.accountSid,
      author_sid: null,
      friendly_name: f.friendlyName,
      definition: f.definition,
      status: f.status,
      revision: f.revision,
      commit_message: null,
      valid: true,
      errors: [],
      warnings: [],
      date_created: iso(f.dateCreated),
      date_updated: iso(f.dateUpdated),
      webhook_url: `https://webhooks.twilio.com/v1/Accounts/${this.accountSid}/Flows/${f.sid}`,
      url: `${BASE}/Flows/${f.sid}`,
      links: { revisions: `${BASE}/Flows/${f.sid}/Revisions`, executions: `${BASE}/Flows/${f.sid}/Executions` },
    };
  }

  private execJson(e: Execution): Record<string, unknown> {
    return {
      sid: e.sid,
      account_sid: this.accountSid,
      flow_sid: e.flowSid,
      contact_sid: null,
      contact_channel_address: e.to,
      context: {},
      flow_version: 1,
      status: e.status,
      date_created: iso(e.dateCreated),
      date_updated: iso(e.dateUpdated),
      initiated_by: null,
      url: `${BASE}/Flows/${e.flowSid}/Executions/${e.sid}`,
      links: {
        steps: `${BASE}/Flows/${e.flowSid}/Executions/${e.sid}/Steps`,
        execution_context: `${BASE}/Flows/${e.flowSid}/Executions/${e.sid}/Context`,
      },
    };
  }
}

function listBody(key: string, url: string, items: unknown[]): Record<string, unknown> {
  return {
    [key]: items,
    meta: {
      page: 0,
      page_size: 50,
      first_page_url: `${url}?PageSize=50&Page=0`,
      previous_page_url: null,
      url: `${url}?PageSize=50&Page=0`,
      next_page_url: null,
      key,
    },
  };
}

const notFound = (path: string): ApiError => ({ status: 404, code: 20404, message: `The requested resource ${path} was not found` });
const notAllowed = (): ApiError => ({ status: 405, code: 20004, message: 'Method not allowed' });
