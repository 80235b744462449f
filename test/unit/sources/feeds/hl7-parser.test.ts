import { describe, expect, it } from 'vitest';
import { buildAck } from '../../../../electron/core/sources/hl7/ack';
import { escapeHl7, Hl7Message, looksLikeHl7, splitHl7Batch } from '../../../../electron/core/sources/hl7/hl7-message';
import { MllpDecoder, mllpFrame } from '../../../../electron/core/sources/hl7/mllp';
import { hl7TimeToIso, readSiu } from '../../../../electron/core/sources/hl7/siu';
import { siu } from '../../../helpers/feeds/mllp-client';

function parse(text: string): Hl7Message {
  const result = Hl7Message.parse(text);
  if (!result.ok) throw new Error(result.reason);
  return result.message;
}

describe('HL7 v2 message reader (docs/hl7.md)', () => {
  it('numbers fields as the standard does (MSH-1 is the separator) and reads components and repetitions', () => {
    const m = parse(
      'MSH|^~\\&|EHR|FAC|FD|FAC|20261126||SIU^S12^SIU_S12|CTRL-1|P|2.5.1\rPID|1||M1||Diaz^Ana^Q||||||||^PRN^PH^^^212^5550101~^NET^Internet^a@b.c',
    );
    expect(m.get('MSH', 1)).toBe('|');
    expect(m.get('MSH', 2)).toBe('^~\\&');
    expect(m.get('MSH', 9, 2)).toBe('S12');
    expect(m.get('MSH', 10)).toBe('CTRL-1');
    expect(m.get('PID', 5, 2)).toBe('Ana');
    expect(m.repetitions('PID', 13)).toHaveLength(2);
    expect(m.get('PID', 99)).toBe('');
    expect(m.get('NTE', 1)).toBe('');
  });

  it('honours the encoding characters a message declares, and unescapes \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ \\X..\\', () => {
    const m = parse('MSH#*~\\$#EHR\rPID#1##M1##O\\F\\Brien\\S\\x*Ana\\E\\\\X41\\');
    expect(m.get('PID', 5, 1)).toBe('O#Brien*x');
    expect(m.get('PID', 5, 2)).toBe('Ana\\A');
    const std = parse('MSH|^~\\&|A\rNTE|1||a\\T\\b\\R\\c\\.br\\d');
    expect(std.get('NTE', 3)).toBe('a&b~c\nd');
  });

  it('refuses what is not a message, with the reason', () => {
    expect(Hl7Message.parse('PID|1')).toMatchObject({ ok: false, reason: expect.stringMatching(/MSH/) });
    expect(Hl7Message.parse('MSH')).toMatchObject({ ok: false, reason: expect.stringMatching(/encoding/) });
    expect(Hl7Message.parse('MSH|^^^^|x')).toMatchObject({ ok: false });
    expect(Hl7Message.parse('MSH|^~\\&|x\rlowercase|1')).toMatchObject({ ok: false, reason: expect.stringMatching(/segment name/) });
    expect(Hl7Message.parse(`MSH|^~\\&|${'x'.repeat(1 << 20)}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/longer/) });
  });

  it('accepts CR, LF and CRLF segment ends; splits batches at MSH and drops FHS/BHS/BTS/FTS and MLLP bytes', () => {
    const one = siu({ event: 'S12', controlId: '1', id: 'A', start: '202611271000' });
    const two = siu({ event: 'S15', controlId: '2', id: 'A', start: '202611271000' });
    const batch = `FHS|^~\\&\r\nBHS|^~\\&\n${one.replaceAll('\r', '\r\n')}\n\u000b${two}\u001c\r\nBTS|2\nFTS|1\n`;
    const messages = splitHl7Batch(batch);
    expect(messages).toHaveLength(2);
    expect(parse(messages[1]!).get('MSH', 10)).toBe('2');
    expect(parse(messages[0]!).segments.map((s) => s.name)).toEqual(['MSH', 'SCH', 'PID', 'RGS', 'AIP']);
    expect(looksLikeHl7(`\ufeff\u000b${one}`)).toBe(true);
    expect(looksLikeHl7('external_id,patient_name\n')).toBe(false);
    expect(looksLikeHl7('MSHx,y')).toBe(false);
  });

  it('escapes text for an ACK so a reason cannot break its segment', () => {
    expect(escapeHl7('a|b^c\\d\re', { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' })).toBe(
      'a\\F\\b\\S\\c\\E\\d e',
    );
  });
});

describe('MLLP framing', () => {
  it('finds frames split across chunks and several in one chunk, ignoring bytes between frames', () => {
    const decoder = new MllpDecoder();
    const a = mllpFrame('MSH|a');
    const b = mllpFrame('MSH|b');
    const all = Buffer.concat([Buffer.from('\r\n'), a, b]);
    const events = [...decoder.push(all.subarray(0, 5)), ...decoder.push(all.subarray(5, 9)), ...decoder.push(all.subarray(9))];
    expect(events).toEqual([
      { kind: 'message', text: 'MSH|a' },
      { kind: 'message', text: 'MSH|b' },
    ]);
  });

  it('drops a frame longer than the limit whole and reports it once', () => {
    const decoder = new MllpDecoder(10);
    expect(decoder.push(mllpFrame('MSH|0123456789abcdef'))).toEqual([{ kind: 'too-long' }]);
    expect(decoder.push(mllpFrame('MSH|ok'))).toEqual([{ kind: 'message', text: 'MSH|ok' }]);
  });

  it('keeps multi-byte UTF-8 characters split across chunks intact', () => {
    const decoder = new MllpDecoder();
    const frame = mllpFrame('MSH|Zoë');
    expect([...decoder.push(frame.subarray(0, frame.length - 4)), ...decoder.push(frame.subarray(frame.length - 4))]).toEqual([
      { kind: 'message', text: 'MSH|Zoë' },
    ]);
  });
});

describe('SIU mapping (docs/hl7.md)', () => {
  it('reads times with and without an offset', () => {
    expect(hl7TimeToIso('202611271000')).toBe('2026-11-27 10:00');
    expect(hl7TimeToIso('20261127100030')).toBe('2026-11-27 10:00:30');
    expect(hl7TimeToIso('202611271000-0500')).toBe('2026-11-27T10:00:00-05:00');
    expect(hl7TimeToIso('20261127100000.123+0100')).toBe('2026-11-27T10:00:00+01:00');
    expect(hl7TimeToIso('20261127')).toBe('20261127');
  });

  it('uses SCH-2 else SCH-1, the end time for the duration, and maps each event to a status', () => {
    const m = parse(siu({ event: 'S12', controlId: '1', id: 'F-1', start: '202611271000', minutes: 45 }));
    const r = readSiu(m);
    expect(r).toMatchObject({
      ok: true,
      appointment: { externalId: 'F-1', startsAt: '2026-11-27 10:00', durationMin: '45', status: 'booked' },
    });
    const placerOnly = parse(siu({ event: 'S12', controlId: '1', id: 'F-1', start: '202611271000' }).replace('|P-F-1|F-1|', '|P-F-1||'));
    expect(readSiu(placerOnly)).toMatchObject({ ok: true, appointment: { externalId: 'P-F-1' } });
    const status = (event: string) => {
      const read = readSiu(parse(siu({ event, controlId: '1', id: 'X', start: '202611271000' })));
      return read.ok ? read.appointment.status : read.code;
    };
    expect(['S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S26', 'S18'].map(status)).toEqual([
      'booked',
      'booked',
      'booked',
      'cancelled',
      'cancelled',
      'cancelled',
      'no_show',
      'AR',
    ]);
    const noshowStatus = parse(siu({ event: 'S14', controlId: '1', id: 'X', start: '202611271000' }).replace('|Booked', '|Noshow'));
    expect(readSiu(noshowStatus)).toMatchObject({ ok: true, appointment: { status: 'no_show' } });
  });

  it('takes the start from TQ1-7, then AIS-4 / AIP-6, when SCH-11 has none; durations in their units', () => {
    const base = 'MSH|^~\\&|E|F|D|F|20261126||SIU^S12|1|P|2.5.1\rSCH||A9\rPID|1||M||Diaz^Ana||||||||5550101';
    const tq1 = readSiu(parse(`${base}\rTQ1|1|||||1^H|202611271000|202611271130`));
    expect(tq1).toMatchObject({ ok: true, appointment: { startsAt: '2026-11-27 10:00', durationMin: '90' } });
    const ais = readSiu(parse(`${base}\rAIS|1|A|CHK^Checkup|202611271400|||2|H`));
    expect(ais).toMatchObject({ ok: true, appointment: { startsAt: '2026-11-27 14:00', durationMin: '120' } });
    const aip = readSiu(parse(`${base}\rAIP|1|A|D1^Smith^Jane|D||202611271500|||900|S`));
    expect(aip).toMatchObject({ ok: true, appointment: { startsAt: '2026-11-27 15:00', durationMin: '15', provider: 'Jane Smith' } });
  });

  it('prefers a cell phone (CP) over a home phone, reads PID-14 as work, and an e-mail from NET or Internet', () => {
    const phones = (pid13: string, pid14 = '') => {
      const m = parse(`MSH|^~\\&|E|F|D|F|1||SIU^S12|1\rSCH||A\rPID|1||M||Diaz^Ana||||||||${pid13}|${pid14}`);
      const r = readSiu(m);
      return r.ok ? [r.appointment.cellPhone, r.appointment.homePhone, r.appointment.workPhone, r.appointment.email] : r.reason;
    };
    expect(phones('(212)555-0101^PRN^PH~(212)555-0102^PRN^CP')).toEqual(['(212)555-0102', '(212)555-0101', '', '']);
    expect(phones('^PRN^CP^^1^212^5550103', '^WPN^PH^^^212^5550104')).toEqual(['+1 212 5550103', '', '212 5550104', '']);
    expect(phones('^NET^Internet^ana@example.com')).toEqual(['', '', '', 'ana@example.com']);
  });
});

describe('ACK (docs/hl7.md)', () => {
  it('answers MSA|AA|<MSH-10>, swaps sender and receiver, and adds ERR with the reason for AE/AR', () => {
    const aa = buildAck({
      code: 'AA',
      controlId: 'C-1',
      event: 'S12',
      sender: ['EHR', 'FAC', 'FD', 'FAC2'],
      ackId: 'FD1',
      at: '20261126070000',
    });
    expect(aa).toBe('MSH|^~\\&|FD|FAC2|EHR|FAC|20261126070000||ACK^S12^ACK|FD1|P|2.5.1\rMSA|AA|C-1\r');
    const ae = buildAck({ code: 'AE', controlId: 'C|2', event: 'S12', reason: 'PID-13 "x" is not a phone', ackId: 'FD2', at: '1' });
    const m = parse(ae);
    expect(m.get('MSA', 1)).toBe('AE');
    expect(m.get('MSA', 2)).toBe('C|2');
    expect(m.get('MSA', 3)).toBe('PID-13 "x" is not a phone');
    expect(m.get('ERR', 8)).toBe('PID-13 "x" is not a phone');
  });
});
