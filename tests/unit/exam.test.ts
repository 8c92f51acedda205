import type { Database } from 'better-sqlite3';
import { forgetting_curve, fsrs, generatorParameters, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import {
  CLF_C02_PRESET,
  createExam,
  ensureActiveExam,
  getActiveExam,
  installClfC02Preset,
  mapDeckToDomain,
  parseExamDate,
  setExamDate,
  type ExamProfile,
} from '../../electron/core/exam/profile';
import { allocateQuestions, computeReadiness, examDayStart, GUESS_PROBABILITY, passProbability } from '../../electron/core/exam/readiness';
import { collectionStats } from '../../electron/core/exam/stats';
import { createForgettingCurve } from '../../electron/core/scheduler';
import { updateSettings } from '../../electron/core/settings';
import { DAY, HOUR } from '../../electron/core/time';
import { sampleCollection } from './helpers';

// 09:00 in Amsterdam (the unit tests' TZ) on a Monday; the exam is before the DST change.
const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');
const EXAM_DATE = '2026-03-20';
const EXAM_START = new Date(2026, 2, 20, 4, 0, 0, 0).getTime();
const W = generatorParameters().w;

function deckText(id: string, name: string, n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `${name} question ${i + 1} :: answer ${i + 1}`);
  return `---\nid: ${id}\nname: ${name}\n---\n## Basics\n${lines.join('\n')}\n`;
}

interface Row {
  id: number;
  deck_id: number;
  state: number;
  stability: number;
  difficulty: number;
  last_review: number | null;
  suspended: number;
}

/** Every card's predicted recall at `at`, straight from ts-fsrs. */
function directRecall(db: Database, at: number): Map<number, { deck: number; recall: number; reviewed: boolean }> {
  const rows = db.prepare('SELECT * FROM card WHERE suspended = 0').all() as Row[];
  return new Map(
    rows.map((r) => {
      const reviewed = r.state !== 0 && r.last_review !== null;
      return [r.id, { deck: r.deck_id, reviewed, recall: reviewed ? forgetting_curve(W, (at - r.last_review!) / DAY, r.stability) : 0 }];
    }),
  );
}

function mean(xs: number[]): number {
  return xs.reduce((a, x) => a + x, 0) / xs.length;
}

/** Three decks with a hand-built history, an exam of three domains (one uncovered). */
function examCollection() {
  const c = sampleCollection(MONDAY_9);
  const extra = installDeckSource(c.db, parseDeckSource(deckText('extra', 'Extra', 3), 'extra.md'), MONDAY_9).deckId;
  const other = installDeckSource(c.db, parseDeckSource(deckText('other', 'Other', 4), 'other.md'), MONDAY_9).deckId;
  const ids = (deck: number) => c.db.prepare('SELECT id FROM card WHERE deck_id = ? ORDER BY id').pluck().all(deck) as number[];
  const [s1, s2, s3, s4] = ids(c.deckId) as [number, number, number, number];
  const [e1] = ids(extra) as [number];
  const [o1, o2] = ids(other) as [number, number];
  const answer = (cardId: number, rating: 'again' | 'hard' | 'good' | 'easy') => c.study.answer({ cardId, rating, durationMs: 0 });
  answer(s1, 'good');
  answer(s2, 'easy');
  answer(o1, 'easy');
  c.clock.advance(DAY + 3 * HOUR);
  answer(s1, 'good');
  answer(s3, 'hard');
  answer(e1, 'good');
  c.clock.advance(3 * DAY);
  answer(s1, 'easy');
  answer(s2, 'good');
  answer(o2, 'again');
  c.clock.advance(5 * DAY + 7 * HOUR);
  answer(s2, 'good');
  answer(s4, 'good');
  // A suspended card counts nowhere, reviewed or not.
  c.db.prepare('UPDATE card SET suspended = 1 WHERE id = ?').run(s4);
  const exam = createExam(
    c.db,
    {
      name: 'Test exam',
      examDate: EXAM_DATE,
      passMark: 700,
      totalQuestions: 12,
      scoredQuestions: 10,
      domains: [
        { name: 'Alpha', weight: 50 },
        { name: 'Beta', weight: 30 },
        { name: 'Gamma', weight: 20 },
      ],
    },
    MONDAY_9,
  );
  const [alpha, beta] = exam.domains as [ExamProfile['domains'][0], ExamProfile['domains'][0]];
  mapDeckToDomain(c.db, c.deckId, alpha.id);
  mapDeckToDomain(c.db, extra, alpha.id);
  mapDeckToDomain(c.db, other, beta.id);
  return { ...c, extra, other, exam: getActiveExam(c.db)! };
}

describe('exam profile', () => {
  it('installs the CLF-C02 preset with its weights and maps the built-in deck to Security and Compliance', () => {
    const { db } = sampleCollection(MONDAY_9, {}, deckText('aws-shared-responsibility', 'AWS Shared Responsibility Model', 3));
    expect(getActiveExam(db)).toBeNull();
    const exam = ensureActiveExam(db, MONDAY_9);
    expect(exam).toMatchObject({
      name: 'AWS Certified Cloud Practitioner (CLF-C02)',
      preset: 'aws-clf-c02',
      examDate: null,
      passMark: 700,
      maxScore: 1000,
      totalQuestions: 65,
      scoredQuestions: 50,
      examAwareScheduling: false,
    });
    expect(exam.domains.map((d) => [d.name, d.weight, d.decks.map((k) => k.name)])).toEqual([
      ['Cloud Concepts', 24, []],
      ['Security and Compliance', 30, ['AWS Shared Responsibility Model']],
      ['Cloud Technology and Services', 34, []],
      ['Billing, Pricing and Support', 12, []],
    ]);
    // Installing again re-uses the exam and keeps one active exam.
    const again = installClfC02Preset(db, MONDAY_9, '2026-12-15');
    expect(again.id).toBe(exam.id);
    expect(again.examDate).toBe('2026-12-15');
    expect(db.prepare('SELECT count(*) FROM exam').pluck().get()).toBe(1);
    expect(setExamDate(db, exam.id, null).examDate).toBeNull();
  });

  it('keeps one active exam and validates dates and numbers', () => {
    const { db } = sampleCollection(MONDAY_9);
    const first = installClfC02Preset(db, MONDAY_9);
    const second = createExam(db, { name: 'Other', passMark: 5, maxScore: 10, totalQuestions: 4, scoredQuestions: 4, domains: [{ name: 'All', weight: 1 }] }, MONDAY_9);
    expect(getActiveExam(db)!.id).toBe(second.id);
    expect(installClfC02Preset(db, MONDAY_9).id).toBe(first.id);
    expect(getActiveExam(db)!.id).toBe(first.id);
    expect(() => parseExamDate('2026-02-30')).toThrow('is not a calendar date');
    expect(() => parseExamDate('15/12/2026')).toThrow('is not a calendar date');
    expect(parseExamDate('2028-02-29')).toBe('2028-02-29');
    expect(() => createExam(db, { ...CLF_C02_PRESET, preset: null, scoredQuestions: 70 }, MONDAY_9)).toThrow('scored questions');
    expect(() => createExam(db, { ...CLF_C02_PRESET, preset: null, domains: [{ name: 'A', weight: 0 }] }, MONDAY_9)).toThrow('above 0');
  });
});

describe('readiness', () => {
  it('evaluates recall at the exam date\u2019s study-day start, local time', () => {
    expect(examDayStart(EXAM_DATE, 4)).toBe(EXAM_START);
    expect(new Date(examDayStart(EXAM_DATE, 4)).toISOString()).toBe('2026-03-20T03:00:00.000Z');
    // After the DST change Amsterdam is UTC+2.
    expect(new Date(examDayStart('2026-04-10', 6)).toISOString()).toBe('2026-04-10T04:00:00.000Z');
  });

  it('equals ts-fsrs\u2019s forgetting curve per deck, per domain and overall', () => {
    const { db, deckId, extra, other, exam } = examCollection();
    const r = computeReadiness(db, exam);
    const direct = directRecall(db, EXAM_START);
    const of = (decks: number[]) => [...direct.values()].filter((c) => decks.includes(c.deck));
    const deck = (id: number) => r.perDeck.find((d) => d.deckId === id)!;

    for (const id of [deckId, extra, other]) {
      const cards = of([id]);
      expect(deck(id).cards).toBe(cards.length);
      expect(deck(id).predictedRecall).toBeCloseTo(mean(cards.map((c) => c.recall)), 12);
      expect(deck(id).coverage).toBeCloseTo(cards.filter((c) => c.reviewed).length / cards.length, 12);
    }
    // Sample has 6 cards, one suspended; 3 of the 5 left were reviewed.
    expect(deck(deckId)).toMatchObject({ domain: 'Alpha', cards: 5, reviewed: 3, coverage: 0.6 });

    const [alpha, beta, gamma] = r.perDomain;
    const alphaCards = of([deckId, extra]);
    const betaCards = of([other]);
    expect(alpha).toMatchObject({ domain: 'Alpha', weight: 0.5, covered: true, decks: 2, cards: 8, reviewed: 4, coverage: 0.5 });
    expect(alpha!.predictedRecall).toBeCloseTo(mean(alphaCards.map((c) => c.recall)), 12);
    expect(beta).toMatchObject({ domain: 'Beta', weight: 0.3, covered: true, cards: 4, reviewed: 2, coverage: 0.5 });
    expect(beta!.predictedRecall).toBeCloseTo(mean(betaCards.map((c) => c.recall)), 12);
    // The uncovered domain is reported, not hidden.
    expect(gamma).toMatchObject({ domain: 'Gamma', weight: 0.2, covered: false, decks: 0, cards: 0, predictedRecall: null, coverage: null });

    expect(r.coveredWeight).toBeCloseTo(0.8, 12);
    expect(r.predictedRecall).toBeCloseTo((0.5 * alpha!.predictedRecall! + 0.3 * beta!.predictedRecall!) / 0.8, 12);
    expect(r.coverage).toBeCloseTo(6 / 12, 12);
    expect(r.examDayStart).toBe(EXAM_START);
    // Every reviewed card has some recall left, below 1.
    for (const c of direct.values()) {
      if (!c.reviewed) continue;
      expect(c.recall).toBeGreaterThan(0);
      expect(c.recall).toBeLessThan(1);
    }

    // The model's questions: 10 scored split 5/3/2; the uncovered domain guesses.
    expect(r.perDomain.map((d) => d.scoredQuestions)).toEqual([5, 3, 2]);
    const expected = passProbability(
      [
        { questions: 5, recall: alpha!.predictedRecall! },
        { questions: 3, recall: beta!.predictedRecall! },
        { questions: 2, recall: GUESS_PROBABILITY },
      ],
      700,
      1000,
    );
    expect(r.passProbability).toBeCloseTo(expected.probability, 12);
    expect(r.requiredCorrect).toBe(7);
    expect(r.passModel).toMatch(/^Pass probability assumes .*\.$/);
  });

  it('matches FSRS.get_retrievability for a card reviewed a whole number of days before the exam', () => {
    const { db, deckId } = sampleCollection(MONDAY_9);
    const lastReview = EXAM_START - 10 * DAY;
    db.prepare('UPDATE card SET state = 2, stability = 7.3, difficulty = 5, last_review = ?, due = ? WHERE id = 1').run(lastReview, lastReview + 7 * DAY);
    const exam = createExam(db, { name: 'One', examDate: EXAM_DATE, passMark: 1, totalQuestions: 1, scoredQuestions: 1, domains: [{ name: 'All', weight: 1 }] }, MONDAY_9);
    mapDeckToDomain(db, deckId, exam.domains[0]!.id);
    const r = computeReadiness(db, getActiveExam(db)!);
    const card: Card = {
      due: new Date(lastReview + 7 * DAY), stability: 7.3, difficulty: 5, elapsed_days: 0, scheduled_days: 7,
      learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: new Date(lastReview),
    };
    const expected = fsrs().get_retrievability(card, new Date(EXAM_START), false);
    expect(r.perDeck[0]!.predictedRecall! * 6).toBeCloseTo(expected, 8);
    expect(createForgettingCurve()(10, 7.3)).toBeCloseTo(expected, 8);
  });

  it('follows the collection\u2019s day start hour and overriding dates; recall is 1 when reviewed after the exam day start', () => {
    const { db, exam } = examCollection();
    updateSettings(db, { dayStartHour: 7 });
    const at = new Date(2026, 2, 20, 7).getTime();
    const r = computeReadiness(db, exam);
    const direct = directRecall(db, at);
    expect(r.examDayStart).toBe(at);
    expect(r.perDomain[1]!.predictedRecall).toBeCloseTo(mean([...direct.values()].filter((c) => c.deck === 3).map((c) => c.recall)), 12);
    const past = computeReadiness(db, exam, { examDate: '2026-03-01' });
    expect(past.examDate).toBe('2026-03-01');
    expect(past.perDomain[1]!.predictedRecall).toBe(0.5); // 2 of 4 cards reviewed, each recalled with certainty
  });

  it('needs a date', () => {
    const { db } = sampleCollection(MONDAY_9);
    expect(() => computeReadiness(db, installClfC02Preset(db, MONDAY_9))).toThrow('has no date');
  });
});

describe('pass probability', () => {
  it('splits scored questions by weight (CLF-C02: 12/15/17/6 of 50)', () => {
    expect(allocateQuestions(CLF_C02_PRESET.domains.map((d) => d.weight), 50)).toEqual([12, 15, 17, 6]);
    expect(allocateQuestions([1, 1, 1], 10)).toEqual([4, 3, 3]);
  });

  it('is ~1 at full recall, ~0 at none, the binomial tail for one domain, and monotonic', () => {
    const one = (p: number) => passProbability([{ questions: 50, recall: p }], 700, 1000);
    expect(one(1).probability).toBeCloseTo(1, 12);
    expect(one(0).probability).toBeCloseTo(0, 12);
    expect(one(0).requiredCorrect).toBe(35);
    const binomialTail = (p: number) => {
      let sum = 0;
      for (let k = 35; k <= 50; k++) sum += choose(50, k) * p ** k * (1 - p) ** (50 - k);
      return sum;
    };
    expect(one(0.7).probability).toBeCloseTo(binomialTail(0.7), 10);
    let previous = -1;
    for (let p = 0; p <= 1.0001; p += 0.05) {
      const v = one(Math.min(1, p)).probability;
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
    const clf = (p: number) => passProbability([12, 15, 17, 6].map((q) => ({ questions: q, recall: p })), 700, 1000).probability;
    expect(clf(0.95)).toBeGreaterThan(0.99);
    expect(clf(GUESS_PROBABILITY)).toBeLessThan(1e-6);
  });
});

describe('collection stats', () => {
  it('counts true retention over review-state answers and forecasts dues per study day', () => {
    const { db, study, clock, deckId } = sampleCollection(MONDAY_9);
    for (const id of [1, 2, 3]) study.answer({ cardId: id, rating: 'easy', durationMs: 0 });
    clock.advance(30 * DAY);
    study.answer({ cardId: 1, rating: 'good', durationMs: 0 });
    study.answer({ cardId: 2, rating: 'again', durationMs: 0 });
    const s = collectionStats(db, clock.now, deckId);
    expect(s).toMatchObject({ cards: 6, reviewed: 3 });
    expect(s.retention).toMatchObject({ days: 30, reviews: 2, passed: 1, failed: 1, rate: 0.5 });
    // Today is 2026-04-01 (after the DST change); the window starts 29 study days earlier, so the
    // easy answers of 2026-03-02 fall outside it.
    expect(s.retention.since).toBe(new Date(2026, 2, 3, 4).getTime());
    expect(s.forecast).toHaveLength(30);
    const starts = Array.from({ length: 31 }, (_, k) => new Date(2026, 3, 1 + k, 4).getTime());
    const dues = db.prepare('SELECT due FROM card WHERE state != 0').pluck().all() as number[];
    const expected = starts.slice(0, 30).map((start, k) => dues.filter((d) => (k === 0 || d >= start) && d < starts[k + 1]!).length);
    expect(s.forecast.map((d) => d.start)).toEqual(starts.slice(0, 30));
    expect(s.forecast.map((d) => d.due)).toEqual(expected);
    expect(expected.reduce((a, n) => a + n, 0)).toBeGreaterThan(0);
    expect(new Date(s.forecast[0]!.start).getHours()).toBe(4);
  });
});

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
