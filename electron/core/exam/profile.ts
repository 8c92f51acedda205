// Exam profiles: an exam (date, pass mark, question counts), its weighted domains and which decks
// and tags feed which domain (the rule: membership.ts). One exam at a time is active; readiness is
// computed for the active one. Editing an exam: editExam.ts.
import type { Database } from 'better-sqlite3';
import type { ExamDeck, ExamDomain, ExamProfile } from '../../shared/contract';
import { InvalidArgumentError, NotFoundError } from '../errors';
import { msg } from '../messages';

export interface DomainInput {
  name: string;
  /** Share of the exam, in any unit (the preset uses percent); readiness normalises by the sum. */
  weight: number;
}

export interface ExamInput {
  name: string;
  /** Key of a built-in preset (e.g. 'aws-clf-c02'); at most one exam per preset. */
  preset?: string | null;
  /** Local calendar date 'YYYY-MM-DD', or null while unknown. */
  examDate?: string | null;
  passMark: number;
  maxScore?: number;
  totalQuestions: number;
  scoredQuestions: number;
  /** Exam-aware scheduling (off by default; see exam/examAware.ts). */
  examAwareScheduling?: boolean;
  domains: DomainInput[];
}

// The shapes cross IPC unchanged, so they live in the contract.
export type { ExamDeck, ExamDomain, ExamProfile };

/** AWS Certified Cloud Practitioner (CLF-C02): 65 questions, 50 scored, pass at 700 of 1000. */
export const CLF_C02_PRESET: ExamInput & { preset: string; deckDomains: Record<string, string> } = {
  name: 'AWS Certified Cloud Practitioner (CLF-C02)',
  preset: 'aws-clf-c02',
  passMark: 700,
  maxScore: 1000,
  totalQuestions: 65,
  scoredQuestions: 50,
  domains: [
    { name: 'Cloud Concepts', weight: 24 },
    { name: 'Security and Compliance', weight: 30 },
    { name: 'Cloud Technology and Services', weight: 34 },
    { name: 'Billing, Pricing and Support', weight: 12 },
  ],
  /** deck.source → domain name, mapped when the preset is installed (if the deck exists). */
  deckDomains: { 'builtin:aws-shared-responsibility': 'Security and Compliance' },
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a 'YYYY-MM-DD' calendar date and returns it; throws a one-sentence error otherwise. */
export function parseExamDate(text: string): string {
  const m = DATE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return text;
  }
  throw new InvalidArgumentError(msg('exam.badDate', { text }));
}

/** Creates an exam with its domains and makes it the active exam. */
export function createExam(db: Database, input: ExamInput, now: number): ExamProfile {
  validateExam(input);
  const id = db.transaction(() => {
    db.prepare('UPDATE exam SET active = 0 WHERE active = 1').run();
    const examId = Number(
      db
        .prepare(`INSERT INTO exam (name, preset, exam_date, pass_mark, max_score, total_questions, scored_questions, exam_aware, active, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`)
        .run(input.name.trim(), input.preset ?? null, input.examDate ?? null, input.passMark, input.maxScore ?? 1000,
          input.totalQuestions, input.scoredQuestions, input.examAwareScheduling ? 1 : 0, now).lastInsertRowid,
    );
    const addDomain = db.prepare('INSERT INTO exam_domain (exam_id, name, weight, position) VALUES (?, ?, ?, ?)');
    input.domains.forEach((d, i) => addDomain.run(examId, d.name.trim(), d.weight, i));
    return examId;
  })();
  return getExam(db, id);
}

/** The active exam with its domains and their decks, or null when none is configured. */
export function getActiveExam(db: Database): ExamProfile | null {
  const row = db.prepare('SELECT id FROM exam WHERE active = 1').get() as { id: number } | undefined;
  return row ? getExam(db, row.id) : null;
}

export function getExam(db: Database, examId: number): ExamProfile {
  const e = db.prepare('SELECT * FROM exam WHERE id = ?').get(examId) as ExamRow | undefined;
  if (!e) throw new NotFoundError(msg('exam.notFound', { id: String(examId) }));
  const domains = db
    .prepare('SELECT id, name, weight FROM exam_domain WHERE exam_id = ? ORDER BY position, id')
    .all(examId) as Omit<ExamDomain, 'decks'>[];
  const decks = db
    .prepare(`SELECT dd.domain_id, d.id, d.name FROM deck_domain dd JOIN deck d ON d.id = dd.deck_id
      WHERE dd.exam_id = ? ORDER BY d.name COLLATE NOCASE`)
    .all(examId) as (ExamDeck & { domain_id: number })[];
  const tags = db
    .prepare('SELECT domain_id, tag FROM tag_domain WHERE exam_id = ? ORDER BY tag COLLATE NOCASE')
    .all(examId) as { domain_id: number; tag: string }[];
  return {
    id: e.id,
    name: e.name,
    preset: e.preset,
    examDate: e.exam_date,
    passMark: e.pass_mark,
    maxScore: e.max_score,
    totalQuestions: e.total_questions,
    scoredQuestions: e.scored_questions,
    examAwareScheduling: e.exam_aware === 1,
    domains: domains.map((d) => ({
      ...d,
      decks: decks.filter((k) => k.domain_id === d.id).map(({ id, name }) => ({ id, name })),
      tags: tags.filter((k) => k.domain_id === d.id).map((k) => k.tag),
    })),
  };
}

export function setExamDate(db: Database, examId: number, date: string | null): ExamProfile {
  if (date !== null) parseExamDate(date);
  if (db.prepare('UPDATE exam SET exam_date = ? WHERE id = ?').run(date, examId).changes === 0) {
    throw new NotFoundError(msg('exam.notFound', { id: String(examId) }));
  }
  return getExam(db, examId);
}

/** Turns exam-aware scheduling on or off for an exam (see exam/examAware.ts). */
export function setExamAware(db: Database, examId: number, on: boolean): ExamProfile {
  if (db.prepare('UPDATE exam SET exam_aware = ? WHERE id = ?').run(on ? 1 : 0, examId).changes === 0) {
    throw new NotFoundError(msg('exam.notFound', { id: String(examId) }));
  }
  return getExam(db, examId);
}

/** Maps a deck to a domain of that domain's exam, replacing the deck's previous domain there. */
export function mapDeckToDomain(db: Database, deckId: number, domainId: number): void {
  const domain = db.prepare('SELECT exam_id FROM exam_domain WHERE id = ?').get(domainId) as { exam_id: number } | undefined;
  if (!domain) throw new NotFoundError(msg('exam.domainNotFound', { id: String(domainId) }));
  if (!db.prepare('SELECT 1 FROM deck WHERE id = ?').get(deckId)) throw new NotFoundError(msg('deck.notFound', { id: String(deckId) }));
  db.prepare(`INSERT INTO deck_domain (exam_id, deck_id, domain_id) VALUES (?, ?, ?)
    ON CONFLICT(exam_id, deck_id) DO UPDATE SET domain_id = excluded.domain_id`).run(domain.exam_id, deckId, domainId);
}

/** Removes a deck from whatever domain of `examId` it fed. */
export function unmapDeck(db: Database, examId: number, deckId: number): void {
  db.prepare('DELETE FROM deck_domain WHERE exam_id = ? AND deck_id = ?').run(examId, deckId);
}

/**
 * Installs the CLF-C02 preset as the active exam (or re-activates it if it exists) and maps the
 * built-in decks it knows to their domains. Decks installed later are mapped on the next call.
 */
export function installClfC02Preset(db: Database, now: number, examDate: string | null = null): ExamProfile {
  return db.transaction(() => {
    const existing = db.prepare('SELECT id FROM exam WHERE preset = ?').get(CLF_C02_PRESET.preset) as { id: number } | undefined;
    let exam: ExamProfile;
    if (existing) {
      db.prepare('UPDATE exam SET active = 0 WHERE active = 1 AND id != ?').run(existing.id);
      db.prepare('UPDATE exam SET active = 1 WHERE id = ?').run(existing.id);
      exam = examDate === null ? getExam(db, existing.id) : setExamDate(db, existing.id, examDate);
    } else {
      exam = createExam(db, { ...CLF_C02_PRESET, examDate }, now);
    }
    for (const [source, domainName] of Object.entries(CLF_C02_PRESET.deckDomains)) {
      const deck = db.prepare('SELECT id FROM deck WHERE source = ?').get(source) as { id: number } | undefined;
      const domain = exam.domains.find((d) => d.name === domainName);
      const mapped = db.prepare('SELECT 1 FROM deck_domain WHERE exam_id = ? AND deck_id = ?').get(exam.id, deck?.id ?? -1);
      if (deck && domain && !mapped) mapDeckToDomain(db, deck.id, domain.id);
    }
    return getExam(db, exam.id);
  })();
}

/** The active exam; when there is none, installs the CLF-C02 preset (no date) and returns it. */
export function ensureActiveExam(db: Database, now: number): ExamProfile {
  return getActiveExam(db) ?? installClfC02Preset(db, now);
}

interface ExamRow {
  id: number;
  name: string;
  preset: string | null;
  exam_date: string | null;
  pass_mark: number;
  max_score: number;
  total_questions: number;
  scored_questions: number;
  exam_aware: number;
}

/** Checks a whole exam (fields and domains); throws a one-sentence error naming the field. */
export function validateExam(input: ExamInput): void {
  const whole = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!input.name.trim()) throw new InvalidArgumentError(msg('exam.nameMissing'));
  if (input.examDate != null) parseExamDate(input.examDate);
  const maxScore = input.maxScore ?? 1000;
  if (!whole(maxScore, 1)) throw new InvalidArgumentError(msg('exam.badMaxScore'));
  if (!whole(input.passMark, 1) || input.passMark > maxScore) {
    throw new InvalidArgumentError(msg('exam.badPassMark', { max: String(maxScore) }));
  }
  if (!whole(input.totalQuestions, 1)) throw new InvalidArgumentError(msg('exam.badTotalQuestions'));
  if (!whole(input.scoredQuestions, 1) || input.scoredQuestions > input.totalQuestions) {
    throw new InvalidArgumentError(msg('exam.badScoredQuestions', { max: String(input.totalQuestions) }));
  }
  if (input.domains.length === 0) throw new InvalidArgumentError(msg('exam.noDomains'));
  const names = new Set<string>();
  for (const d of input.domains) {
    if (!d.name.trim()) throw new InvalidArgumentError(msg('exam.domainNameMissing'));
    if (!(typeof d.weight === 'number' && Number.isFinite(d.weight) && d.weight > 0)) {
      throw new InvalidArgumentError(msg('exam.badWeight', { name: d.name }));
    }
    const key = d.name.trim().toLowerCase();
    if (names.has(key)) throw new InvalidArgumentError(msg('exam.domainTwice', { name: d.name }));
    names.add(key);
  }
}
