// Practice tests: exam-style multiple-choice questions generated from the cards.
//
// - A question asks a card's front; the choices are its back and 3 distractors: backs of other
//   cards of the same deck (or, when the deck has too few, of the other cards of its domain),
//   never of the same note, never the same answer as the right one or as each other (sameAnswer:
//   compared without Markdown, case and punctuation, containment and near-equal word sets), and
//   chosen for plausibility: similar length, the same shape (a list, a short term, a sentence), a
//   shared tag (section) counts in their favour;
// - a responsibility card (the front asks "who …", the back is exactly AWS, the customer, or
//   both/shared) gets the choices AWS / Customer / Shared instead;
// - a test of N questions is split across the exam's domains by weight (largest remainder over
//   the domains that have cards to ask; a domain short of cards gives its share to the others);
//   a domain's cards are those the membership rule (membership.ts) puts in it,
//   or drawn from one deck; cards and choice order come from a seeded PRNG (the seed is the start
//   time unless given), so a test is reproducible;
// - an optional time limit: once it runs out, the test is over (finished at the deadline) and
//   unanswered questions count as wrong;
// - results are stored (practice_test, practice_answer) and scored per domain; they feed the
//   readiness figures as a practice score per domain (practiceScores.ts) and never touch a card's
//   FSRS state.
import type { Database } from 'better-sqlite3';
import type { PracticeAnswerResult, PracticeQuestion, PracticeResult, PracticeTest } from '../../shared/contract';
import { InvalidArgumentError, NotFoundError } from '../errors';
import { msg } from '../messages';
import { renderCardHtml } from '../render';
import { cardDomains, domainMapping, mappedTagsFilter, usesTags, type DomainMapping } from './membership';
import { ensureActiveExam, getExam, type ExamProfile } from './profile';
import { allocateQuestions } from './readiness';

export const MAX_QUESTIONS = 200;
export const MAX_MINUTES = 600;
export const RESPONSIBILITY_CHOICES = ['AWS', 'Customer', 'Shared'] as const;
/** Candidate distractors scored per question (a random sample in larger decks). */
const POOL_SAMPLE = 2000;

export interface StartPracticeInput {
  questions: number;
  /** Time limit in minutes; null or absent for none. */
  minutes?: number | null;
  /** Draw every question from this deck instead of the exam's domains. */
  deckId?: number | null;
  seed?: number;
}

interface CardInfo {
  id: number;
  noteId: number;
  deckId: number;
  front: string;
  back: string;
  tags: string[];
  /** The exam domains the card belongs to (membership.ts). */
  domains: number[];
  key: string;
  shape: Shape;
  words: number;
  responsibility: (typeof RESPONSIBILITY_CHOICES)[number] | null;
  suspended: boolean;
}

type Shape = 'list' | 'term' | 'sentence';

/** Text without Markdown, case, punctuation or extra spaces: what "the same answer" means. */
export function answerKey(markdown: string): string {
  return markdown
    .toLowerCase()
    .replace(/[*_`~#>[\]()!|]/g, ' ')
    .replace(/[.,;:?!"'\u2018\u2019\u201c\u201d-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function shapeOf(markdown: string): Shape {
  if (/(^|\n)\s*([-*+]|\d+\.)\s/.test(markdown)) return 'list';
  return markdown.trim().split(/\s+/).length <= 5 ? 'term' : 'sentence';
}

/** AWS / Customer / Shared for a "who …" card whose back is exactly one of them, else null. */
export function responsibilityOf(front: string, back: string): CardInfo['responsibility'] {
  if (!/\bwho\b/i.test(front)) return null;
  const b = answerKey(back);
  if (/^aws( \w+ly)?$/.test(b)) return 'AWS';
  if (/^(the )?customers?$/.test(b)) return 'Customer';
  if (/^(both|shared|(a )?shared (responsibility|control)|(both )?aws and the customer|the customer and aws)$/.test(b)) return 'Shared';
  return null;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * The cards of the given decks, plus (with `mapping`) the cards whose notes carry a tag it maps:
 * every card that can belong to a domain. The membership rule then sorts them (generateQuestions).
 */
function loadCards(db: Database, deckIds: number[], mapping: DomainMapping | null = null): CardInfo[] {
  const byTag = mapping && usesTags(mapping) ? mappedTagsFilter('n.tags', mapping) : null;
  if (deckIds.length === 0 && !byTag) return [];
  const rows = db
    .prepare(`SELECT c.id, c.note_id, c.deck_id, c.front, c.back, c.suspended, n.tags FROM card c JOIN note n ON n.id = c.note_id
      WHERE c.deck_id IN (${deckIds.map(() => '?').join(', ')})${byTag ? ` OR ${byTag.sql}` : ''} ORDER BY c.id`)
    .all(...deckIds, ...(byTag?.params ?? [])) as { id: number; note_id: number; deck_id: number; front: string; back: string; suspended: number; tags: string }[];
  return rows.map((r) => ({
    id: r.id,
    noteId: r.note_id,
    deckId: r.deck_id,
    front: r.front,
    back: r.back,
    tags: r.tags.split(' ').filter(Boolean),
    domains: mapping ? cardDomains(r.deck_id, r.tags, mapping) : [],
    key: answerKey(r.back),
    shape: shapeOf(r.back),
    words: r.back.trim().split(/\s+/).length,
    responsibility: responsibilityOf(r.front, r.back),
    suspended: r.suspended === 1,
  }));
}

/**
 * Whether two answers say the same thing: equal texts (see answerKey), one containing the other as
 * whole words ("Infrastructure as a Service" / "Infrastructure as a Service (IaaS)"), or nearly the
 * same words (Jaccard similarity of their word sets ≥ 0.75).
 */
export function sameAnswer(a: string, b: string): boolean {
  if (a === b) return true;
  if (` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `)) return true;
  const x = new Set(a.split(' '));
  const y = new Set(b.split(' '));
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / (x.size + y.size - common) >= 0.75;
}

/**
 * Up to `count` distractors for `card` from `pool`: distinct, never the answer, never the same
 * note; the most plausible first (length, shape and tags), ties broken by the seeded PRNG.
 */
export function pickDistractors(card: CardInfo, pool: readonly CardInfo[], count: number, rand: () => number): CardInfo[] {
  const sample = pool.length > POOL_SAMPLE ? shuffle([...pool], rand).slice(0, POOL_SAMPLE) : pool;
  const scored = sample
    .filter((c) => c.noteId !== card.noteId && c.key !== '' && c.responsibility === null && !sameAnswer(c.key, card.key))
    .map((c) => ({
      c,
      score:
        Math.abs(Math.log((c.words + 1) / (card.words + 1))) +
        (c.shape === card.shape ? 0 : 1) -
        (c.tags.some((t) => card.tags.includes(t)) ? 0.5 : 0) +
        rand() * 0.3,
    }))
    .sort((a, b) => a.score - b.score);
  const picked: CardInfo[] = [];
  for (const { c } of scored) {
    if (picked.some((p) => sameAnswer(p.key, c.key))) continue;
    picked.push(c);
    if (picked.length === count) break;
  }
  return picked;
}

export interface GeneratedQuestion {
  cardId: number;
  deckId: number;
  domainId: number | null;
  domain: string | null;
  kind: 'recall' | 'responsibility';
  prompt: string;
  choices: string[];
  correctIndex: number;
}

/** The questions of a test (no database writes): see the rules at the top of this file. */
export function generateQuestions(db: Database, exam: ExamProfile, input: StartPracticeInput, rand: () => number): GeneratedQuestion[] {
  // A domain's cards come from the membership rule (membership.ts): mapped tags, else the deck.
  const mapping = domainMapping(exam);
  const domains = new Map(exam.domains.map((d) => [d.id, { id: d.id, name: d.name }]));
  let groups: { domain: { id: number; name: string } | null; weight: number; cards: CardInfo[] }[];
  if (input.deckId != null) {
    // One deck: every card of it; a question is scored in the card's (first) domain.
    groups = [{ domain: null, weight: 1, cards: loadCards(db, [input.deckId], mapping) }];
  } else {
    const all = loadCards(db, [...mapping.deck.keys()], mapping);
    groups = exam.domains
      .map((d) => ({ domain: { id: d.id, name: d.name }, weight: d.weight, cards: all.filter((c) => c.domains.includes(d.id)) }))
      .filter((g) => g.cards.length);
  }
  if (groups.length === 0) {
    throw new InvalidArgumentError(msg('practice.noDomainFed', { exam: exam.name }));
  }

  // Each group's askable cards, with their questions built on demand.
  const perGroup = groups.map((g) => {
    const cards = g.cards;
    const byDeck = new Map<number, CardInfo[]>();
    for (const c of cards) byDeck.set(c.deckId, [...(byDeck.get(c.deckId) ?? []), c]);
    const askable = shuffle(cards.filter((c) => !c.suspended && c.key !== ''), rand);
    const build = (card: CardInfo): GeneratedQuestion | null => {
      const domain = g.domain ?? (card.domains.length ? domains.get(card.domains[0]!)! : null);
      const base = { cardId: card.id, deckId: card.deckId, domainId: domain?.id ?? null, domain: domain?.name ?? null, prompt: card.front };
      if (card.responsibility) {
        return { ...base, kind: 'responsibility', choices: [...RESPONSIBILITY_CHOICES], correctIndex: RESPONSIBILITY_CHOICES.indexOf(card.responsibility) };
      }
      let distractors = pickDistractors(card, byDeck.get(card.deckId)!, 3, rand);
      if (distractors.length < 3) distractors = pickDistractors(card, cards, 3, rand);
      if (distractors.length < 3) return null;
      const choices = shuffle([card, ...distractors], rand);
      return { ...base, kind: 'recall', choices: choices.map((c) => c.back), correctIndex: choices.indexOf(card) };
    };
    return { ...g, askable, build };
  });

  // Split N by weight over the groups that still have cards; a group short of cards gives its share away.
  const taken = perGroup.map(() => [] as GeneratedQuestion[]);
  const next = perGroup.map(() => 0);
  let wanted = input.questions;
  let open = perGroup.map((_, i) => i);
  while (wanted > 0 && open.length > 0) {
    const shares = allocateQuestions(open.map((i) => perGroup[i]!.weight), wanted);
    let added = 0;
    open.forEach((i, k) => {
      const g = perGroup[i]!;
      for (let q = 0; q < shares[k]!; q++) {
        let question: GeneratedQuestion | null = null;
        while (!question && next[i]! < g.askable.length) question = g.build(g.askable[next[i]!++]!);
        if (!question) break;
        taken[i]!.push(question);
        added++;
      }
    });
    wanted -= added;
    open = open.filter((i) => next[i]! < perGroup[i]!.askable.length);
    if (added === 0) break;
  }
  const questions = shuffle(taken.flat(), rand);
  if (questions.length === 0) {
    throw new InvalidArgumentError(msg('practice.noQuestions'));
  }
  return questions;
}

/** Creates a practice test in one transaction and returns it, ready to answer. */
export function startPractice(db: Database, now: number, input: StartPracticeInput): PracticeTest {
  if (!Number.isInteger(input.questions) || input.questions < 1 || input.questions > MAX_QUESTIONS) {
    throw new InvalidArgumentError(msg('practice.badQuestionCount', { max: MAX_QUESTIONS }));
  }
  const minutes = input.minutes ?? null;
  if (minutes !== null && !(Number.isFinite(minutes) && minutes > 0 && minutes <= MAX_MINUTES)) {
    throw new InvalidArgumentError(msg('practice.badMinutes', { max: MAX_MINUTES }));
  }
  if (input.deckId != null && !db.prepare('SELECT 1 FROM deck WHERE id = ?').get(input.deckId)) {
    throw new NotFoundError(msg('deck.notFound', { id: String(input.deckId) }));
  }
  const id = db
    .transaction(() => {
      const exam = ensureActiveExam(db, now);
      const questions = generateQuestions(db, exam, input, mulberry32(input.seed ?? now));
      const testId = Number(
        db
          .prepare('INSERT INTO practice_test (exam_id, deck_id, started_at, time_limit_ms, question_count) VALUES (?, ?, ?, ?, ?)')
          .run(exam.id, input.deckId ?? null, now, minutes === null ? null : Math.round(minutes * 60_000), questions.length).lastInsertRowid,
      );
      const add = db.prepare(`INSERT INTO practice_answer (test_id, position, card_id, deck_id, domain_id, domain, kind, prompt, choices, correct_index)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      questions.forEach((q, i) => add.run(testId, i + 1, q.cardId, q.deckId, q.domainId, q.domain, q.kind, q.prompt, JSON.stringify(q.choices), q.correctIndex));
      return testId;
    })
    .immediate();
  return practiceTest(db, now, id);
}

interface TestRow {
  id: number;
  exam_id: number | null;
  started_at: number;
  finished_at: number | null;
  time_limit_ms: number | null;
  question_count: number;
}

interface AnswerRow {
  position: number;
  deck_id: number | null;
  domain: string | null;
  kind: 'recall' | 'responsibility';
  prompt: string;
  choices: string;
  correct_index: number;
  chosen_index: number | null;
  answered_at: number | null;
}

/** The test row; a test whose time limit ran out is finished (at its deadline) on first sight. */
function loadTest(db: Database, now: number, testId: number): TestRow {
  const row = db.prepare('SELECT * FROM practice_test WHERE id = ?').get(testId) as TestRow | undefined;
  if (!row) throw new NotFoundError(msg('practice.notFound', { id: String(testId) }));
  const deadline = row.time_limit_ms === null ? null : row.started_at + row.time_limit_ms;
  if (row.finished_at === null && deadline !== null && now >= deadline) {
    db.prepare('UPDATE practice_test SET finished_at = ? WHERE id = ? AND finished_at IS NULL').run(deadline, testId);
    row.finished_at = deadline;
  }
  return row;
}

function answers(db: Database, testId: number): AnswerRow[] {
  return db
    .prepare('SELECT position, deck_id, domain, kind, prompt, choices, correct_index, chosen_index, answered_at FROM practice_answer WHERE test_id = ? ORDER BY position')
    .all(testId) as AnswerRow[];
}

/** Raw questions (Markdown) of a test, for the CLI; the IPC gets practiceTest's HTML. */
export function practiceQuestions(db: Database, now: number, testId: number): { test: TestRow; questions: (Omit<PracticeQuestion, 'prompt' | 'choices'> & { prompt: string; choices: string[] })[] } {
  const test = db.transaction(() => loadTest(db, now, testId)).immediate();
  const decks = new Map((db.prepare('SELECT id, name FROM deck').all() as { id: number; name: string }[]).map((d) => [d.id, d.name]));
  const over = test.finished_at !== null;
  return {
    test,
    questions: answers(db, testId).map((a) => ({
      position: a.position,
      domain: a.domain,
      deck: a.deck_id === null ? null : (decks.get(a.deck_id) ?? null),
      kind: a.kind,
      prompt: a.prompt,
      choices: JSON.parse(a.choices) as string[],
      chosen: a.chosen_index,
      correct: over || a.chosen_index !== null ? a.correct_index : null,
    })),
  };
}

export function practiceTest(db: Database, now: number, testId: number): PracticeTest {
  const { test, questions } = practiceQuestions(db, now, testId);
  const exam = test.exam_id === null ? null : examName(db, test.exam_id);
  return {
    id: test.id,
    exam,
    startedAt: new Date(test.started_at).toISOString(),
    deadline: test.time_limit_ms === null ? null : new Date(test.started_at + test.time_limit_ms).toISOString(),
    finishedAt: test.finished_at === null ? null : new Date(test.finished_at).toISOString(),
    questions: questions.map((q) => ({ ...q, prompt: renderCardHtml(q.prompt), choices: q.choices.map((c) => renderCardHtml(c)) })),
  };
}

function examName(db: Database, examId: number): string | null {
  return (db.prepare('SELECT name FROM exam WHERE id = ?').pluck().get(examId) as string | undefined) ?? null;
}

/** Records one answer (once per question, before the deadline) in one transaction. */
export function answerPractice(db: Database, now: number, input: { testId: number; position: number; choice: number }): PracticeAnswerResult {
  return db
    .transaction((): PracticeAnswerResult => {
      const test = loadTest(db, now, input.testId);
      if (test.finished_at !== null) {
        const timeUp = test.time_limit_ms !== null && test.finished_at === test.started_at + test.time_limit_ms;
        throw new InvalidArgumentError(msg(timeUp ? 'practice.timeUp' : 'practice.finished', { id: String(test.id) }));
      }
      const row = db
        .prepare('SELECT choices, correct_index, chosen_index FROM practice_answer WHERE test_id = ? AND position = ?')
        .get(input.testId, input.position) as { choices: string; correct_index: number; chosen_index: number | null } | undefined;
      if (!row) throw new NotFoundError(msg('practice.noQuestion', { id: String(test.id), position: String(input.position), questions: test.question_count }));
      const count = (JSON.parse(row.choices) as string[]).length;
      if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= count) {
        throw new InvalidArgumentError(msg('practice.noChoice', { choice: String(input.choice), position: String(input.position), last: count - 1 }));
      }
      if (row.chosen_index !== null) throw new InvalidArgumentError(msg('practice.alreadyAnswered', { position: String(input.position), id: String(test.id) }));
      const last = db.prepare('SELECT max(answered_at) FROM practice_answer WHERE test_id = ?').pluck().get(input.testId) as number | null;
      db.prepare('UPDATE practice_answer SET chosen_index = ?, answered_at = ?, duration_ms = ? WHERE test_id = ? AND position = ?').run(
        input.choice, now, Math.max(0, now - (last ?? test.started_at)), input.testId, input.position,
      );
      const remaining = db.prepare('SELECT count(*) FROM practice_answer WHERE test_id = ? AND chosen_index IS NULL').pluck().get(input.testId) as number;
      return { position: input.position, chosen: input.choice, correct: row.correct_index, isCorrect: input.choice === row.correct_index, remaining };
    })
    .immediate();
}

/** Ends a test (if it is not over yet) and scores it. */
export function finishPractice(db: Database, now: number, testId: number): PracticeResult {
  db.transaction(() => {
    const test = loadTest(db, now, testId);
    if (test.finished_at === null) db.prepare('UPDATE practice_test SET finished_at = ? WHERE id = ?').run(now, testId);
  }).immediate();
  return practiceResult(db, now, testId);
}

export function practiceResult(db: Database, now: number, testId: number): PracticeResult {
  const test = db.transaction(() => loadTest(db, now, testId)).immediate();
  const rows = answers(db, testId);
  const exam: ExamProfile | null = test.exam_id === null ? null : getExam(db, test.exam_id);
  const domains = new Map<string | null, { domain: string | null; questions: number; answered: number; correct: number; score: number | null }>();
  for (const r of rows) {
    let d = domains.get(r.domain);
    if (!d) domains.set(r.domain, (d = { domain: r.domain, questions: 0, answered: 0, correct: 0, score: null }));
    d.questions++;
    if (r.chosen_index !== null) d.answered++;
    if (r.chosen_index === r.correct_index) d.correct++;
  }
  for (const d of domains.values()) d.score = d.answered ? d.correct / d.answered : null;
  const answered = rows.filter((r) => r.chosen_index !== null).length;
  const correct = rows.filter((r) => r.chosen_index === r.correct_index).length;
  const score = rows.length ? correct / rows.length : 0;
  const scaledScore = exam ? Math.round(score * exam.maxScore) : null;
  const deadline = test.time_limit_ms === null ? null : test.started_at + test.time_limit_ms;
  return {
    id: test.id,
    exam: exam?.name ?? null,
    startedAt: new Date(test.started_at).toISOString(),
    finishedAt: test.finished_at === null ? null : new Date(test.finished_at).toISOString(),
    timeLimitMs: test.time_limit_ms,
    timedOut: deadline !== null && test.finished_at === deadline && answered < rows.length,
    questions: rows.length,
    answered,
    correct,
    score,
    scaledScore,
    passed: exam && scaledScore !== null ? scaledScore >= exam.passMark : null,
    perDomain: [...domains.values()],
  };
}

/** Finished tests, oldest first: the results over time. */
export function practiceHistory(db: Database, now: number): PracticeResult[] {
  // Tests whose time ran out are finished first, so they count.
  const open = db.prepare('SELECT id FROM practice_test WHERE finished_at IS NULL AND time_limit_ms IS NOT NULL AND started_at + time_limit_ms <= ?').pluck().all(now) as number[];
  if (open.length) db.transaction(() => open.forEach((id) => loadTest(db, now, id))).immediate();
  const ids = db.prepare('SELECT id FROM practice_test WHERE finished_at IS NOT NULL ORDER BY started_at, id').pluck().all() as number[];
  return ids.map((id) => practiceResult(db, now, id));
}
