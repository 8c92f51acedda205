// An in-memory StratusApi for component tests: one deck with three cards (plus an empty deck).
// Answers move through the queue, undo restores the previous card, sessionSummary adds up answers.
// Methods can be made to fail (`failNext`) or to wait for the test (`hold` / `release`).

import type {
  AnswerInput,
  AnswerResult,
  CardSchedule,
  CardState,
  DeckSummary,
  IntervalPreview,
  NextCard,
  Rating,
  SanitizedHtml,
  SessionSummary,
  StratusApi,
  StudyCard,
  UndoResult,
} from '../../electron/shared/contract';

type Method = keyof StratusApi;

export const DECK_ID = 1;
export const EMPTY_DECK_ID = 2;

const html = (s: string) => s as SanitizedHtml;

const LABELS: Record<Rating, string> = { again: '1m', hard: '6m', good: '10m', easy: '4d' };

function previews(): Record<Rating, IntervalPreview> {
  const due = '2030-01-01T00:00:00.000Z';
  return {
    again: { due, label: LABELS.again },
    hard: { due, label: LABELS.hard },
    good: { due, label: LABELS.good },
    easy: { due, label: LABELS.easy },
  };
}

function card(id: number, state: CardState, front: string, back: string): StudyCard {
  return { id, deckId: DECK_ID, state, front: html(front), back: html(back), previews: previews() };
}

export const CARDS: StudyCard[] = [
  card(11, 'new', '<p>Which S3 storage class is cheapest for archives?</p>', '<p>S3 Glacier Deep Archive</p>'),
  card(12, 'learning', '<p>What does IAM stand for?</p>', '<p>Identity and Access Management</p>'),
  card(13, 'review', '<p>Default VPC CIDR block?</p>', '<p><code>172.31.0.0/16</code></p>'),
];

interface Deferred {
  resolve: () => void;
  promise: Promise<void>;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { resolve, promise };
}

export class FakeApi implements StratusApi {
  /** Index in CARDS of the card shown now; CARDS.length when the session is over. */
  position = 0;
  answers: AnswerInput[] = [];
  calls: { method: Method; args: unknown[] }[] = [];
  nextDue: string | null = '2030-01-01T00:10:00.000Z';

  #failures = new Map<Method, string>();
  #holds = new Map<Method, Deferred>();

  constructor(readonly decks: DeckSummary[] = defaultDecks()) {}

  /** The next call of `method` rejects with this message. */
  failNext(method: Method, message: string): void {
    this.#failures.set(method, message);
  }

  /** Calls of `method` wait until `release(method)`. */
  hold(method: Method): void {
    this.#holds.set(method, deferred());
  }

  release(method: Method): void {
    this.#holds.get(method)?.resolve();
    this.#holds.delete(method);
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async #enter(method: Method, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const hold = this.#holds.get(method);
    if (hold) await hold.promise;
    const failure = this.#failures.get(method);
    if (failure !== undefined) {
      this.#failures.delete(method);
      throw new Error(failure);
    }
  }

  #next(): NextCard {
    const rest = CARDS.slice(this.position);
    const counts = { new: 0, learning: 0, review: 0 };
    for (const c of rest) counts[c.state === 'new' ? 'new' : c.state === 'review' ? 'review' : 'learning'] += 1;
    return { card: rest[0] ?? null, counts };
  }

  #schedule(c: StudyCard): CardSchedule {
    return {
      id: c.id,
      state: c.state,
      due: '2030-01-01T00:00:00.000Z',
      stability: 1,
      difficulty: 5,
      reps: 1,
      lapses: 0,
      lastReview: null,
    };
  }

  async listDecks(): Promise<DeckSummary[]> {
    await this.#enter('listDecks', []);
    return structuredClone(this.decks);
  }

  async nextCard(input: { deckId: number }): Promise<NextCard> {
    await this.#enter('nextCard', [input]);
    if (input.deckId !== DECK_ID) return { card: null, counts: { new: 0, learning: 0, review: 0 } };
    return this.#next();
  }

  async answer(input: AnswerInput): Promise<AnswerResult> {
    await this.#enter('answer', [input]);
    const current = CARDS[this.position];
    if (!current || current.id !== input.cardId) throw new Error('That card is not the one being studied.');
    this.answers.push(input);
    this.position += 1;
    return { card: this.#schedule(current), next: this.#next() };
  }

  async undo(input: { deckId: number }): Promise<UndoResult | null> {
    await this.#enter('undo', [input]);
    if (this.answers.length === 0) return null;
    this.answers.pop();
    this.position -= 1;
    return { card: this.#schedule(CARDS[this.position]!), deckId: input.deckId, next: this.#next() };
  }

  async sessionSummary(input: { deckId: number; since: string }): Promise<SessionSummary> {
    await this.#enter('sessionSummary', [input]);
    const reviewed = this.answers.length;
    const passed = this.answers.filter((a) => a.rating !== 'again').length;
    return {
      reviewed,
      retention: reviewed === 0 ? null : passed / reviewed,
      timeMs: this.answers.reduce((sum, a) => sum + a.durationMs, 0),
      nextDue: this.nextDue,
    };
  }
}

export function defaultDecks(): DeckSummary[] {
  return [
    {
      id: DECK_ID,
      name: 'AWS Solutions Architect',
      total: 3,
      new: 1,
      learning: 1,
      review: 1,
      newToday: 1,
      learningDue: 1,
      reviewDue: 1,
      dueToday: 3,
    },
    {
      id: EMPTY_DECK_ID,
      name: 'Azure Fundamentals',
      total: 40,
      new: 0,
      learning: 0,
      review: 40,
      newToday: 0,
      learningDue: 0,
      reviewDue: 0,
      dueToday: 0,
    },
  ];
}
