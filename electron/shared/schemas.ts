// Runtime argument schemas for every IPC method, checked in main before the core is touched.
import { z } from 'zod';
import { RATINGS, type Channel } from './contract';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date');

export const argSchemas = {
  listDecks: z.tuple([]),
  nextCard: z.tuple([z.strictObject({ deckId: id })]),
  answer: z.tuple([
    z.strictObject({
      cardId: id,
      rating: z.enum(RATINGS),
      durationMs: z.number().int().min(0).max(24 * 3600 * 1000),
    }),
  ]),
  undo: z.tuple([z.strictObject({ deckId: id })]),
  sessionSummary: z.tuple([z.strictObject({ deckId: id, since: isoDate })]),
} as const satisfies Record<Channel, z.ZodType>;
