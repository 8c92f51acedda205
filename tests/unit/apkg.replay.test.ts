// An imported Anki history, replayed through the core's scheduler (electron/core/replay.ts),
// lands on the same FSRS state as feeding the same answers to ts-fsrs directly, and so does a
// package imported through the pipeline (planImport / applyImport).
import { createEmptyCard, fsrs, generatorParameters, GenSeedStrategyWithCardId, StrategyMode, type Card, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { exportApkg } from '../../electron/core/export/apkg';
import { parseApkg } from '../../electron/core/import/apkg';
import { applyImport, planImport } from '../../electron/core/import/pipeline';
import { createReplayer } from '../../electron/core/replay';
import { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from '../../electron/core/scheduler';
import { BASIC, CLOZE, buildApkg, buildCollection, type FixtureReview } from './fixtures/apkg/build';

const T0 = Date.UTC(2024, 8, 2, 7, 30, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

// A learning phase, a lapse, relearning, long reviews; plus entries the import must leave out.
const HISTORY: FixtureReview[] = [
  { id: T0, ease: 3, type: 0 },
  { id: T0 + MINUTE, ease: 3, type: 0 },
  { id: T0 + 11 * MINUTE, ease: 3, type: 0 },
  { id: T0 + 2 * DAY, ease: 4, type: 1 },
  { id: T0 + 9 * DAY, ease: 1, type: 1 },
  { id: T0 + 9 * DAY + 10 * MINUTE, ease: 3, type: 2 },
  { id: T0 + 12 * DAY, ease: 0, type: 4 }, // manual reschedule: left out
  { id: T0 + 13 * DAY, ease: 2, type: 1 },
  { id: T0 + 40 * DAY, ease: 3, type: 1 },
  { id: T0 + 41 * DAY, ease: 3, type: 5 }, // "set due date": left out
  { id: T0 + 120 * DAY, ease: 3, type: 3 }, // early review in a filtered deck: kept
];

/** ts-fsrs on its own, with the parameters the core's defaults describe. */
function direct(options: SchedulerOptions, answers: { reviewedAt: number; rating: number }[]): Card {
  const engine = fsrs(
    generatorParameters({
      request_retention: options.desiredRetention,
      maximum_interval: options.maximumInterval,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: options.learningSteps as never,
      relearning_steps: options.relearningSteps as never,
    }),
  );
  let card = createEmptyCard(new Date(answers[0]!.reviewedAt));
  for (const a of answers) card = engine.next(card, new Date(a.reviewedAt), a.rating as Grade).card;
  return card;
}

describe.each([11, 18] as const)('Anki history replay (schema %i)', (schema) => {
  const entry = schema === 11 ? 'collection.anki2' : 'collection.anki21b';
  const apkg = buildApkg({
    entry,
    collection: buildCollection({
      schema,
      notes: [
        { guid: 'r', notetype: BASIC, fields: ['Which service stores objects?', 'S3'], cards: [{ ord: 0, queue: 2, revlog: HISTORY }] },
        {
          guid: 'c',
          notetype: CLOZE,
          fields: ['{{c1::IAM}} controls {{c2::access}}', ''],
          cards: [
            { ord: 0, revlog: [{ id: T0 + 7, ease: 1, type: 0 }, { id: T0 + MINUTE + 7, ease: 3, type: 0 }, { id: T0 + DAY + 7, ease: 3, type: 1 }] },
            { ord: 1 },
          ],
        },
      ],
    }),
  });
  const parsed = parseApkg(apkg, 'history.apkg');
  const options: SchedulerOptions = { ...DEFAULT_SCHEDULER_OPTIONS, enableFuzz: false };
  const replay = createReplayer(options);

  it('keeps every graded answer and nothing else', () => {
    const history = parsed.notes[0]!.cards[0]!.history!;
    expect(history.map((h) => h.reviewedAt)).toEqual(HISTORY.filter((h) => h.ease > 0 && (h.type ?? 1) < 4).map((h) => h.id));
    expect(history.map((h) => h.rating)).toEqual([3, 3, 3, 4, 1, 3, 2, 3, 3]);
  });

  it.each([
    ['a long history with a lapse', 0, 0],
    ['a cloze card in learning', 1, 0],
  ])('%s ends where ts-fsrs ends', (_name, note, card) => {
    const history = parsed.notes[note]!.cards[card]!.history!;
    const ours = replay(42, history).memory;
    const theirs = direct(options, history);
    expect(ours).toEqual({
      state: theirs.state,
      due: theirs.due.getTime(),
      stability: theirs.stability,
      difficulty: theirs.difficulty,
      scheduledDays: theirs.scheduled_days,
      learningSteps: theirs.learning_steps,
      reps: theirs.reps,
      lapses: theirs.lapses,
      lastReview: theirs.last_review!.getTime(),
    });
    expect(ours.reps).toBe(history.length);
  });

  it('leaves a card without history new', () => {
    expect(parsed.notes[1]!.cards[1]!.history).toEqual([]);
    expect(replay(7, []).memory.state).toBe(0);
  });
});

describe('an .apkg through the import pipeline', () => {
  const apkg = buildApkg({
    collection: buildCollection({
      schema: 11,
      notes: [
        { guid: 'r', notetype: BASIC, fields: ['Which service stores objects?', 'S3'], tags: ['s3'], deck: 'AWS::Storage', cards: [{ ord: 0, queue: 2, revlog: HISTORY }] },
        {
          guid: 'c',
          notetype: CLOZE,
          fields: ['{{c1::IAM}} controls {{c2::access}}', ''],
          deck: 'AWS::Security',
          cards: [{ ord: 0, queue: -1, revlog: [{ id: T0 + 7, ease: 1, type: 0 }, { id: T0 + MINUTE + 7, ease: 3, type: 0 }] }, { ord: 1 }],
        },
      ],
    }),
  });
  const NOW = T0 + 200 * DAY;

  it('gives each card the schedule ts-fsrs gives its history (fuzz seeded by the card id, as when answering)', () => {
    const db = openCollection(':memory:');
    const summary = applyImport(db, planImport(db, parseApkg(apkg, 'aws.apkg'), { now: NOW }));
    expect([summary.added, summary.reviews]).toEqual([3, 11]);
    const engine = fsrs(generatorParameters({ request_retention: 0.9, maximum_interval: 36500, enable_fuzz: true, enable_short_term: true, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] })).useStrategy(
      StrategyMode.SEED,
      GenSeedStrategyWithCardId('card_id'),
    );
    const cards = db.prepare('SELECT c.*, d.name AS deck FROM card c JOIN deck d ON d.id = c.deck_id ORDER BY c.id').all() as Record<string, number | string | null>[];
    expect(cards.map((c) => [c.deck, c.front, c.suspended])).toEqual([
      ['AWS::Storage', 'Which service stores objects?', 0],
      ['AWS::Security', '[...] controls access', 1],
      ['AWS::Security', 'IAM controls [...]', 0],
    ]);
    for (const card of cards) {
      const history = db.prepare('SELECT reviewed_at, rating FROM review WHERE card_id = ? ORDER BY reviewed_at').all(card.id) as { reviewed_at: number; rating: Grade }[];
      if (!history.length) {
        expect(card.state).toBe(0);
        continue;
      }
      let expected: Card & { card_id: number } = { ...createEmptyCard(new Date(history[0]!.reviewed_at)), card_id: card.id as number };
      for (const h of history) expected = { ...engine.next(expected, new Date(h.reviewed_at), h.rating).card, card_id: card.id as number };
      expect(card).toMatchObject({
        state: expected.state,
        due: expected.due.getTime(),
        stability: expected.stability,
        difficulty: expected.difficulty,
        scheduled_days: expected.scheduled_days,
        reps: expected.reps,
        lapses: expected.lapses,
        last_review: expected.last_review!.getTime(),
      });
    }
  });

  it('imports the same package again without adding anything', () => {
    const db = openCollection(':memory:');
    applyImport(db, planImport(db, parseApkg(apkg, 'aws.apkg'), { now: NOW }));
    const again = applyImport(db, planImport(db, parseApkg(apkg, 'aws.apkg'), { now: NOW + DAY }));
    expect([again.added, again.updated, again.unchanged, again.reviews]).toEqual([0, 0, 3, 0]);
    expect(db.prepare('SELECT count(*) AS n FROM review').get()).toEqual({ n: 11 });
  });

  it('round-trips a Stratus deck: export, import into another collection, same cards, tags and history', () => {
    const source = openCollection(':memory:');
    applyImport(source, planImport(source, parseApkg(apkg, 'aws.apkg'), { now: NOW }));
    const deck = (source.prepare("SELECT id FROM deck WHERE name = 'AWS::Storage'").get() as { id: number }).id;
    const exported = exportApkg(source, deck, { includeScheduling: true, now: NOW });
    const target = openCollection(':memory:');
    const summary = applyImport(target, planImport(target, parseApkg(exported, 'export.apkg'), { now: NOW }));
    expect(summary.added).toBe(1);
    const view = (db: typeof source) =>
      db
        .prepare(
          `SELECT n.guid, n.tags, n.kind, d.name AS deck, c.ord, c.front, c.back, c.suspended,
                  (SELECT group_concat(reviewed_at || ':' || rating || ':' || duration_ms, ' ') FROM review r WHERE r.card_id = c.id) AS history
             FROM card c JOIN note n ON n.id = c.note_id JOIN deck d ON d.id = c.deck_id WHERE d.name LIKE 'AWS::Storage%' ORDER BY n.guid, c.ord`,
        )
        .all();
    expect(view(target)).toEqual(view(source));
  });
});
