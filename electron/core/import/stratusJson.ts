// Stratus's own JSON export, read back with full fidelity: decks, notes (key, kind, fields, tags,
// source link, creation time), cards (sides, suspension, exact memory state) and every review row.
// The schema below is the format's definition; export/json.ts writes it.
//
//   { "format": "stratus", "version": 1, "exportedAt": "2026-11-23T09:00:00.000Z",
//     "decks": [ { "name": "AWS", "notes": [ { "key": "md:aws/vpc.md:subnet", "kind": "generated",
//       "fields": ["Subnet", "A range of IP addresses in a VPC."], "tags": ["vpc"],
//       "source": { "file": "aws/vpc.md", "line": 12 }, "createdAt": 1763888400000,
//       "cards": [ { "ord": 0, "front": "Subnet", "back": "A range of …", "suspended": false,
//         "memory": { "state": 2, "due": …, "stability": 12.3, "difficulty": 5.1, "scheduledDays": 12,
//                     "learningSteps": 0, "reps": 4, "lapses": 0, "lastReview": … },
//         "history": [ { "reviewedAt": …, "rating": 3, "durationMs": 5400,
//                        "log": { "stateBefore": 0, "stateAfter": 1, "due": …, "stability": …,
//                                 "difficulty": …, "elapsedDays": 0, "scheduledDays": 0 } } ] } ] } ] } ] }
//
// Times are epoch milliseconds. Unknown keys are ignored (a later Stratus may add some); a
// higher "version" is refused with a clear message.
import { z } from 'zod';
import { decodeText, ImportFileError, JSON_LIMITS, type TextLimits } from './text';
import type { ImportedNote, ParsedNotes } from './types';
import { msg } from '../messages';

export const STRATUS_JSON_FORMAT = 'stratus';
export const STRATUS_JSON_VERSION = 1;

/** Epoch ms between 1970 and 2200: anything else is damage, not a date. */
const ms = z.number().int().min(0).max(7_258_118_400_000);
const state = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const count = z.number().int().min(0).max(1_000_000_000);
const real = z.number().min(0).max(1e9);
const text = z.string().max(1_000_000);

const memory = z.object({
  state,
  due: ms,
  stability: real,
  difficulty: real,
  scheduledDays: count,
  learningSteps: count,
  reps: count,
  lapses: count,
  lastReview: ms.nullable(),
});

const log = z.object({
  stateBefore: state,
  stateAfter: state,
  due: ms,
  stability: real,
  difficulty: real,
  elapsedDays: z.number().min(-1e7).max(1e7),
  scheduledDays: count,
});

const review = z.object({
  reviewedAt: ms,
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  durationMs: z.number().int().min(0).max(86_400_000),
  log: log.optional(),
});

const card = z.object({
  ord: z.number().int().min(0).max(10_000),
  front: text.min(1),
  back: text,
  suspended: z.boolean().optional(),
  memory: memory.optional(),
  history: z.array(review).max(100_000).optional(),
});

const note = z.object({
  key: z.string().min(1).max(2000),
  kind: z.enum(['basic', 'reversed', 'cloze', 'generated']),
  fields: z.array(text).max(100),
  tags: z.array(z.string().min(1).max(200).regex(/^\S+$/, 'a tag has no spaces')).max(1000),
  source: z.object({ file: z.string().max(4096), line: z.number().int().min(1).nullable() }).nullable(),
  createdAt: ms.optional(),
  cards: z.array(card).min(1).max(10_000),
});

const deck = z.object({
  name: z.string().trim().min(1).max(200),
  notes: z.array(note),
});

export const stratusExportSchema = z.object({
  format: z.literal(STRATUS_JSON_FORMAT),
  version: z.literal(STRATUS_JSON_VERSION),
  exportedAt: z.string().max(40).optional(),
  decks: z.array(deck),
});

export type StratusExport = z.infer<typeof stratusExportSchema>;
export type StratusExportNote = z.infer<typeof note>;

export function parseStratusJson(bytes: Uint8Array, file: string, limits: TextLimits = JSON_LIMITS): ParsedNotes {
  return parseStratusJsonText(decodeText(bytes, file, limits), file);
}

export function parseStratusJsonText(source: string, file: string): ParsedNotes {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (err) {
    throw new ImportFileError(file, jsonErrorLine(source, err), msg('import.json.invalid', { detail: (err as Error).message }));
  }
  checkEnvelope(data, file);
  const parsed = stratusExportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const detail = issue.message.replace(/^Invalid input: /, '').replace(/^./, (c) => c.toLowerCase());
    const missing = isMissing(data, issue.path);
    const path = issuePath(issue.path);
    throw new ImportFileError(file, null, missing ? msg('import.json.schemaMissing', { path, detail: detail.replace(/, received undefined$/, '') }) : msg('import.json.schema', { path, detail }));
  }
  const notes: ImportedNote[] = [];
  for (const d of parsed.data.decks) {
    for (const n of d.notes) {
      notes.push({
        key: n.key,
        deck: d.name,
        kind: n.kind,
        fields: n.fields,
        tags: n.tags,
        source: n.source ?? { file, line: null },
        cards: n.cards.map((c) => ({
          ord: c.ord,
          front: c.front,
          back: c.back,
          ...(c.suspended === undefined ? {} : { suspended: c.suspended }),
          ...(c.memory ? { memory: c.memory } : {}),
          ...(c.history ? { history: c.history } : {}),
        })),
        ...(n.createdAt === undefined ? {} : { createdAt: n.createdAt }),
      });
    }
  }
  const names = parsed.data.decks.map((d) => d.name);
  return { format: 'json', notes, skipped: [], notices: [], ...(names.length === 1 ? { defaultDeck: names[0]! } : {}) };
}

/** Another program's JSON, or a newer Stratus's, gets a sentence of its own rather than a schema error. */
function checkEnvelope(data: unknown, file: string): void {
  const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  if (!obj || obj.format !== STRATUS_JSON_FORMAT) {
    throw new ImportFileError(file, null, msg('import.json.notStratus'));
  }
  if (typeof obj.version === 'number' && obj.version > STRATUS_JSON_VERSION) {
    throw new ImportFileError(file, null, msg('import.json.newer', { version: String(obj.version), known: String(STRATUS_JSON_VERSION) }));
  }
}

/** True when the object at the path's parent has no such key at all. */
function isMissing(data: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return path.length > 0 && at !== null && typeof at === 'object' && !Object.prototype.hasOwnProperty.call(at, path[path.length - 1]!);
}

/** "decks[0].notes[3].cards[1].memory.due" */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the export';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** V8 says "… in JSON at position 123 (line 4 column 5)" or only the position. */
function jsonErrorLine(source: string, err: unknown): number | null {
  const message = (err as Error)?.message ?? '';
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? source.slice(0, Number(pos[1])).split('\n').length : null;
}
