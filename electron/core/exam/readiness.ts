// Exam readiness: how much of each deck, domain and the whole exam a learner is predicted to
// recall on exam day, how much has been studied at all, and a pass probability from a stated model.
//
// Definitions (suspended cards are left out everywhere):
// - exam day start: the study day of the exam date begins at the collection's dayStartHour, local
//   time (studyDay semantics), e.g. 2026-12-15 with dayStartHour 4 → 2026-12-15 04:00 local;
// - a card's predicted recall = ts-fsrs's forgetting curve R(t, S) with the weights in use, for its
//   current stability S, t = (exam day start − last review) in fractional days (clamped at 0);
//   a card never reviewed (state new, or no last review) counts 0;
// - deck recall = mean over its cards; domain recall = mean over the domain's cards, by the
//   membership rule (membership.ts: a card's mapped tags, else its deck), so big decks count more;
//   overall recall = weighted mean of the COVERED domains' recall with the exam weights, reported
//   with coveredWeight = covered weight / total weight;
// - coverage = cards reviewed at least once / cards (deck, domain, overall over the cards that
//   belong to at least one domain, each counted once);
// - a domain is covered when at least one card belongs to it; otherwise its recall is null.
//
// Scale: one aggregate query evaluates the forgetting curve in SQL and returns one row per deck
// (per deck and distinct note tags when the exam maps tags); everything else is per-group
// arithmetic. No per-card queries, no per-card rows in JavaScript.
// Practice-test scores (practiceScores.ts) are reported beside these figures, never mixed in.
import type { Database } from 'better-sqlite3';
import type { DeckReadiness, DomainReadiness, PracticeScore, Readiness } from '../../shared/contract';
import { InvalidArgumentError } from '../errors';
import { msg } from '../messages';
import { forgettingCurveConstants } from '../scheduler';
import { getSettings, type Settings } from '../settings';
import { createGrouper, domainMapping, mappedTagsFilter, usesTags, type CardGroup } from './membership';
import { practiceScores, PRACTICE_DAYS, PRACTICE_MODEL_DESCRIPTION } from './practiceScores';
import { parseExamDate, type ExamProfile } from './profile';

// The shapes cross IPC unchanged, so they live in the contract.
export type { DeckReadiness, DomainReadiness, Readiness };

/** The chance of guessing a question right in a domain nobody studied: 1 of 4 options. */
export const GUESS_PROBABILITY = 0.25;

/** The pass model in one sentence, for the UI and the CLI. */
export const PASS_MODEL_DESCRIPTION =
  'Pass probability assumes the scored questions are split across domains by exam weight, that each is answered ' +
  'correctly independently with the probability of the domain\u2019s predicted recall on exam day (a 1-in-4 guess for ' +
  'domains no deck covers), and that the score is the share of scored questions answered correctly times the maximum ' +
  'score (unscored questions and the exam\u2019s real scaled scoring are ignored).';

/** The start of the exam date's study day: that local date at dayStartHour:00. */
export function examDayStart(examDate: string, dayStartHour: number): number {
  const [y, m, d] = parseExamDate(examDate).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, dayStartHour, 0, 0, 0).getTime();
}

export interface ReadinessOptions {
  /** Overrides the exam's own date. */
  examDate?: string | null;
  /** The clock (ms) for the practice window; defaults to the wall clock. */
  now?: number;
}

/** Per deck: cards (not suspended), cards reviewed at least once, and the sum of their predicted recall. */
export interface DeckSum {
  cards: number;
  reviewed: number;
  recall: number;
}

/** The sums of one group of cards (same deck, same domains by the membership rule). */
export interface GroupSum extends DeckSum {
  group: CardGroup;
}

/** Readiness's sums, by CardGroup key. */
export type ReadinessSums = Map<string, GroupSum>;

/**
 * One aggregate query over every card that is not suspended: per group of cards (see
 * membership.ts), how many there are, how many were reviewed, and the sum of their predicted
 * recall at `at` (ms). The forgetting curve is evaluated inside SQLite with ts-fsrs's constants
 * and rounding (round to 8 decimals as Math.round(x·1e8)/1e8). Without tag mappings the query
 * groups by deck and never reads a note; with them it groups by deck and note tags, and each
 * distinct tag string is classified once.
 */
export function readinessSums(db: Database, at: number, weights: Settings['weights'], exam: Pick<ExamProfile, 'domains'>): ReadinessSums {
  const { decay, factor } = forgettingCurveConstants({ weights });
  const mapping = domainMapping(exam);
  const tags = usesTags(mapping);
  const figures = `count(*) AS cards, count(CASE WHEN ${REVIEWED} THEN 1 END) AS reviewed,
        total(CASE WHEN ${REVIEWED} AND stability > 0
          THEN round(pow(1 + @factor * max(0, (@at - last_review) / 86400000.0) / stability, @decay) * 100000000.0) / 100000000.0 END) AS recall`;
  type Row = { deck: number; tags: string; cards: number; reviewed: number; recall: number };
  const rows = db
    .prepare(`SELECT deck_id AS deck, '' AS tags, ${figures} FROM card WHERE suspended = 0 GROUP BY deck_id`)
    .all({ at, decay, factor }) as Row[];
  const groupOf = createGrouper(mapping);
  const sums: ReadinessSums = new Map();
  const add = (deck: number, tagText: string, r: Row, sign: 1 | -1) => {
    const group = groupOf(deck, tagText);
    const s = sums.get(group.key) ?? { group, cards: 0, reviewed: 0, recall: 0 };
    sums.set(group.key, { group, cards: s.cards + sign * r.cards, reviewed: s.reviewed + sign * r.reviewed, recall: s.recall + sign * r.recall });
  };
  for (const r of rows) add(r.deck, '', r, 1);
  if (tags) {
    // Only the cards whose notes carry a mapped tag (or a sub-tag) move from their deck's group to
    // their tags' group: the cost follows the tagged cards, not the collection.
    const filter = mappedTagsFilter('n.tags', mapping);
    const tagged = db
      .prepare(`SELECT c.deck_id AS deck, n.tags AS tags, ${figures.replace(/\b(state|last_review|stability)\b/g, 'c.$1')}
        FROM note n CROSS JOIN card c ON c.note_id = n.id WHERE c.suspended = 0 AND ${filter.sql} GROUP BY c.deck_id, n.tags`)
      .all({ at, decay, factor }, ...filter.params) as Row[];
    for (const r of tagged) {
      add(r.deck, '', r, -1);
      add(r.deck, r.tags, r, 1);
    }
    for (const [key, s] of sums) if (s.cards === 0) sums.delete(key);
  }
  return sums;
}

/**
 * createForgettingCurve's function (ts-fsrs's forgetting_curve with the weights in use, elapsed days
 * clamped at 0, rounded to 8 decimals as ts-fsrs rounds) with its constants computed once instead
 * of on every call: for the loops that evaluate it per card.
 */
export function forgettingCurve(settings: Pick<Settings, 'weights'>): (elapsedDays: number, stability: number) => number {
  const { decay, factor } = forgettingCurveConstants(settings);
  return (elapsedDays, stability) => (stability > 0 ? Math.round(Math.pow(1 + (factor * Math.max(0, elapsedDays)) / stability, decay) * 1e8) / 1e8 : 0);
}

/** A card counts as reviewed when it has left the new state and has a last review. */
const REVIEWED = 'state != 0 AND last_review IS NOT NULL';

/** Deck, domain and overall figures from per-deck sums (readiness and the projection share it). */
export interface ReadinessAggregate {
  cards: number;
  reviewed: number;
  coverage: number | null;
  predictedRecall: number | null;
  coveredWeight: number;
  perDeck: DeckReadiness[];
  perDomain: Omit<DomainReadiness, 'practice'>[];
  passProbability: number;
  requiredCorrect: number;
}

export function aggregateReadiness(db: Database, exam: ExamProfile, sums: ReadonlyMap<string, GroupSum>): ReadinessAggregate {
  const domainOfDeck = new Map<number, string>();
  for (const d of exam.domains) for (const k of d.decks) domainOfDeck.set(k.id, d.name);
  // Per deck and per domain, from the groups; `mapped` counts each card of any domain once.
  const zero = (): DeckSum => ({ cards: 0, reviewed: 0, recall: 0 });
  const add = (to: DeckSum, s: DeckSum) => {
    to.cards += s.cards;
    to.reviewed += s.reviewed;
    to.recall += s.recall;
  };
  const byDeck = new Map<number, DeckSum>();
  const byDomain = new Map<number, DeckSum>();
  const mapped = zero();
  for (const s of sums.values()) {
    let deck = byDeck.get(s.group.deck);
    if (!deck) byDeck.set(s.group.deck, (deck = zero()));
    add(deck, s);
    for (const domain of s.group.domains) {
      let d = byDomain.get(domain);
      if (!d) byDomain.set(domain, (d = zero()));
      add(d, s);
    }
    if (s.group.domains.length) add(mapped, s);
  }
  const decks = db.prepare('SELECT id, name FROM deck ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[];
  const perDeck = decks.map((d): DeckReadiness => {
    const { cards, reviewed, recall } = byDeck.get(d.id) ?? zero();
    return {
      deckId: d.id,
      deck: d.name,
      domain: domainOfDeck.get(d.id) ?? null,
      cards,
      reviewed,
      predictedRecall: cards ? recall / cards : null,
      coverage: cards ? reviewed / cards : null,
    };
  });

  const totalWeight = exam.domains.reduce((a, d) => a + d.weight, 0);
  const questions = allocateQuestions(exam.domains.map((d) => d.weight), exam.scoredQuestions);
  const perDomain = exam.domains.map((d, i): Omit<DomainReadiness, 'practice'> => {
    const { cards, reviewed, recall } = byDomain.get(d.id) ?? zero();
    return {
      domainId: d.id,
      domain: d.name,
      weight: d.weight / totalWeight,
      covered: cards > 0,
      decks: d.decks.length,
      tags: d.tags.length,
      cards,
      reviewed,
      scoredQuestions: questions[i]!,
      predictedRecall: cards ? recall / cards : null,
      coverage: cards ? reviewed / cards : null,
    };
  });

  const covered = perDomain.filter((d) => d.covered);
  const coveredWeight = covered.reduce((a, d) => a + d.weight, 0);
  const { cards, reviewed } = mapped;
  const pass = passProbability(
    perDomain.map((d) => ({ questions: d.scoredQuestions, recall: d.predictedRecall ?? GUESS_PROBABILITY })),
    exam.passMark,
    exam.maxScore,
  );
  return {
    cards,
    reviewed,
    coverage: cards ? reviewed / cards : null,
    predictedRecall: coveredWeight > 0 ? covered.reduce((a, d) => a + d.weight * d.predictedRecall!, 0) / coveredWeight : null,
    coveredWeight,
    perDeck,
    perDomain,
    passProbability: pass.probability,
    requiredCorrect: pass.requiredCorrect,
  };
}

/** The exam date to use (the override or the exam's own); throws when there is none. */
export function requireExamDate(exam: ExamProfile, override?: string | null): string {
  const examDate = override ?? exam.examDate;
  if (!examDate) throw new InvalidArgumentError(msg('exam.noDate', { exam: exam.name }));
  return parseExamDate(examDate);
}

export function computeReadiness(db: Database, exam: ExamProfile, options: ReadinessOptions = {}): Readiness {
  const examDate = requireExamDate(exam, options.examDate);
  const settings = getSettings(db);
  const at = examDayStart(examDate, settings.dayStartHour);
  const a = aggregateReadiness(db, exam, readinessSums(db, at, settings.weights, exam));
  return withPractice(db, exam, examDate, at, a, options.now ?? Date.now());
}

/** Adds the practice-test figures (never mixed into the FSRS ones) to an aggregate. */
export function withPractice(db: Database, exam: ExamProfile, examDate: string, at: number, a: ReadinessAggregate, now: number): Readiness {
  const practice = practiceScores(db, exam, now);
  const perDomain = a.perDomain.map((d): DomainReadiness => ({ ...d, practice: practice.perDomain.get(d.domainId) ?? emptyScore() }));
  // Overall practice score: exam-weighted over the domains that have practice answers.
  const practiced = perDomain.filter((d) => d.practice.score !== null);
  const weight = practiced.reduce((s, d) => s + d.weight, 0);
  const answered = perDomain.reduce((s, d) => s + d.practice.answered, 0);
  const correct = perDomain.reduce((s, d) => s + d.practice.correct, 0);
  return {
    exam: exam.name,
    examDate,
    examDayStart: at,
    cards: a.cards,
    reviewed: a.reviewed,
    coverage: a.coverage,
    predictedRecall: a.predictedRecall,
    coveredWeight: a.coveredWeight,
    perDeck: a.perDeck,
    perDomain,
    passProbability: a.passProbability,
    requiredCorrect: a.requiredCorrect,
    passModel: PASS_MODEL_DESCRIPTION,
    practice: {
      answered,
      correct,
      score: weight > 0 ? practiced.reduce((s, d) => s + d.weight * d.practice.score!, 0) / weight : null,
      days: PRACTICE_DAYS,
      model: PRACTICE_MODEL_DESCRIPTION,
    },
  };
}

function emptyScore(): PracticeScore {
  return { answered: 0, correct: 0, score: null };
}

/**
 * Splits `total` questions across domains in proportion to their weights, by largest remainder
 * (Hamilton): each gets floor(total·w/Σw), then the leftovers go to the largest fractional parts
 * (ties to the earlier domain). CLF-C02: 24/30/34/12 % of 50 → 12/15/17/6.
 */
export function allocateQuestions(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  const order = exact.map((x, i) => ({ i, frac: x - counts[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - counts.reduce((a, c) => a + c, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

/**
 * The pass model. With n_d scored questions in domain d, each answered correctly independently
 * with probability p_d, the number of correct answers K follows a Poisson-binomial distribution,
 * computed exactly by dynamic programming over the questions (P[k] after each question:
 * P'[k] = P[k]·(1−p) + P[k−1]·p). Score = K / N · maxScore with N = Σ n_d; the exam is passed when
 * score ≥ passMark, i.e. K ≥ ceil(passMark · N / maxScore) (CLF-C02: 35 of 50). Returns P(pass).
 */
export function passProbability(
  domains: readonly { questions: number; recall: number }[],
  passMark: number,
  maxScore: number,
): { probability: number; requiredCorrect: number } {
  const n = domains.reduce((a, d) => a + d.questions, 0);
  const requiredCorrect = Math.ceil((passMark * n) / maxScore - 1e-9);
  let dist = [1];
  for (const d of domains) {
    const p = Math.min(1, Math.max(0, d.recall));
    for (let q = 0; q < d.questions; q++) {
      const next = new Array<number>(dist.length + 1).fill(0);
      dist.forEach((v, k) => {
        next[k]! += v * (1 - p);
        next[k + 1]! += v * p;
      });
      dist = next;
    }
  }
  const probability = dist.slice(requiredCorrect).reduce((a, v) => a + v, 0);
  return { probability: Math.min(1, Math.max(0, probability)), requiredCorrect };
}
