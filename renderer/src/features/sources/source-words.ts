import type { SourceView } from '../../../../shared/domain/sources';

/** A source's kind in the desk's words; a kind this window does not know yet is shown as the engine names it. */
export function kindLabel(kind: string): string {
  switch (kind) {
    case 'folder':
      return 'Watch folder';
    case 'hl7':
      return 'HL7 feed';
    case 'fhir':
      return 'FHIR server';
    default:
      return kind;
  }
}

/** The kind inside a sentence: "from watch folder …", "from HL7 feed …" (acronyms kept). */
export function kindInSentence(kind: string): string {
  const label = kindLabel(kind);
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The fields every source has; anything else a kind adds (error counts…) is listed as it comes. */
const KNOWN_FIELDS = new Set([
  'id',
  'kind',
  'target',
  'fullExport',
  'profile',
  'lastSyncAt',
  'lastResult',
  'lastOutcome',
  'stale',
  'expectedBy',
  'held',
]);

/** Names for the fields the feeds add (docs/hl7.md, docs/fhir.md); others are spelled from their key. */
const FIELD_WORDS: Readonly<Record<string, string>> = { errorsLast24h: 'errors in the last 24 h', paused: 'paused' };

/** "errorCount" → "error count". */
function words(key: string): string {
  return (
    FIELD_WORDS[key] ??
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase()
  );
}

/** Extra facts of a kind of source (an HL7 feed's error count…), as "error count: 2", whatever the kind. */
export function extraFacts(source: SourceView): string[] {
  return Object.entries(source as Record<string, unknown>)
    .filter(
      ([key, value]) => !KNOWN_FIELDS.has(key) && (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'),
    )
    .map(([key, value]) => `${words(key)}: ${String(value)}`);
}

/** Sources that need the desk: a schedule that went stale, or a full export held for review. */
export function sourcesNeedingAttention(sources: readonly SourceView[]): { stale: SourceView[]; held: SourceView[] } {
  return { stale: sources.filter((s) => s.stale), held: sources.filter((s) => s.held !== null) };
}

/** "Imported: 12 created", without saying it twice when the engine's line already starts with it ("held for review: …"). */
export function outcomeLine(outcome: string | null, summary: string | null): string {
  if (!summary) return outcome ?? '';
  if (!outcome || summary.toLowerCase().startsWith(outcome.toLowerCase())) return summary.charAt(0).toUpperCase() + summary.slice(1);
  return `${outcome}: ${summary}`;
}
