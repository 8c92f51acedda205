// The one IPC contract between main, preload and renderer.
//
// Main's handlers `satisfies` StratusApi (electron/main/ipc.ts), the preload turns CHANNELS into
// `window.api`, and the renderer imports this file with `import type` only. Argument schemas
// (runtime validation) live in ./schemas.ts so neither the preload nor the renderer bundles zod.
// Nothing here is a ts-fsrs type: scheduling types never cross IPC.

export type CardState = 'new' | 'learning' | 'review' | 'relearning';
export type Rating = 'again' | 'hard' | 'good' | 'easy';
export const RATINGS = ['again', 'hard', 'good', 'easy'] as const satisfies readonly Rating[];

/** HTML that went through the core's sanitizer; the only HTML the renderer may render. */
export type SanitizedHtml = string & { readonly __brand: 'SanitizedHtml' };

export interface DeckSummary {
  id: number;
  name: string;
  /** All cards in the deck, suspended included. */
  total: number;
  /** Cards by state (suspended cards excluded). */
  new: number;
  learning: number;
  review: number;
  /** What today's session holds: new cards within the daily limit, learning and reviews due today. */
  newToday: number;
  learningDue: number;
  reviewDue: number;
  dueToday: number;
}

export interface IntervalPreview {
  /** ISO-8601 due time if this rating is chosen. */
  due: string;
  /** Short human label, as Anki prints above its buttons: "1m", "10m", "3d", "1.2mo". */
  label: string;
}

export interface StudyCard {
  id: number;
  deckId: number;
  state: CardState;
  front: SanitizedHtml;
  back: SanitizedHtml;
  previews: Record<Rating, IntervalPreview>;
}

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

export interface NextCard {
  /** The card to show now, or null when the session is over. */
  card: StudyCard | null;
  /** What is left in today's queue, the shown card included. */
  counts: QueueCounts;
}

/** A card's scheduling state, as the CLI prints it (times ISO-8601). */
export interface CardSchedule {
  id: number;
  state: CardState;
  due: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  lastReview: string | null;
}

export interface AnswerResult {
  card: CardSchedule;
  next: NextCard;
}

export interface UndoResult {
  card: CardSchedule;
  deckId: number;
  next: NextCard;
}

export interface SessionSummary {
  reviewed: number;
  /** Share of answers that were not "again", 0..1; null when nothing was reviewed. */
  retention: number | null;
  /** Sum of answer durations, in milliseconds. */
  timeMs: number;
  /** When the deck's next card becomes due (ISO-8601), or null if it has no cards to schedule. */
  nextDue: string | null;
}

export interface AnswerInput {
  cardId: number;
  rating: Rating;
  /** Time from showing the question to answering, in milliseconds. */
  durationMs: number;
}

export interface StratusApi {
  listDecks(): Promise<DeckSummary[]>;
  nextCard(input: { deckId: number }): Promise<NextCard>;
  answer(input: AnswerInput): Promise<AnswerResult>;
  /** Undo the most recent answer in the collection; null when there is nothing to undo. */
  undo(input: { deckId: number }): Promise<UndoResult | null>;
  sessionSummary(input: { deckId: number; since: string }): Promise<SessionSummary>;
}

export type Channel = keyof StratusApi;

/** Every IPC method, in one list; the preload exposes exactly these. */
export const CHANNELS = [
  'listDecks',
  'nextCard',
  'answer',
  'undo',
  'sessionSummary',
] as const satisfies readonly Channel[];

/** IPC channel name of a method: one prefix, so main can reject anything outside it. */
export const CHANNEL_PREFIX = 'stratus:';

/** The shape every handler error takes across IPC: a sentence a user understands. */
export interface ApiErrorShape {
  code: 'invalid-argument' | 'not-found' | 'collection' | 'internal';
  message: string;
}

/** What every IPC call returns on the wire; the preload unwraps it into a value or an Error. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

// Compile-time check that CHANNELS lists every method of StratusApi.
type MissingChannel = Exclude<Channel, (typeof CHANNELS)[number]>;
export const ALL_CHANNELS_LISTED: [MissingChannel] extends [never] ? true : MissingChannel = true;
