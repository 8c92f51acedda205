// Editing the user's own exam: its name, pass mark, maximum score and question counts; its domains
// (add, rename, re-weight, reorder, remove); which tags feed which domain (decks: profile.ts); and
// starting over from the CLF-C02 preset or from a blank exam. Every action is one transaction and
// returns the exam as it is afterwards; bad input is refused with a sentence naming the field.
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError, NotFoundError } from '../errors';
import { msg } from '../messages';
import {
  CLF_C02_PRESET,
  createExam,
  getActiveExam,
  getExam,
  installClfC02Preset,
  validateExam,
  type ExamInput,
  type ExamProfile,
} from './profile';

/** Longest name an exam or a domain may have (a name is a label, not a description). */
export const MAX_NAME_LENGTH = 120;
/** Largest domain weight: weights are shares in any unit (the preset uses percent). */
export const MAX_WEIGHT = 1_000_000;

export interface ExamDetails {
  name?: string;
  passMark?: number;
  maxScore?: number;
  totalQuestions?: number;
  scoredQuestions?: number;
}

export interface DomainChange {
  name?: string;
  weight?: number;
}

interface DomainRow {
  id: number;
  exam_id: number;
  name: string;
  position: number;
}

function domainRow(db: Database, domainId: number): DomainRow {
  const row = db.prepare('SELECT id, exam_id, name, position FROM exam_domain WHERE id = ?').get(domainId) as DomainRow | undefined;
  if (!row) throw new NotFoundError(msg('exam.domainNotFound', { id: String(domainId) }));
  return row;
}

function checkName(name: string, what: 'exam' | 'domain'): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidArgumentError(msg(what === 'exam' ? 'exam.nameMissing' : 'exam.domainNameMissing'));
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new InvalidArgumentError(msg(what === 'exam' ? 'exam.nameTooLong' : 'exam.domainNameTooLong', { start: trimmed.slice(0, 30), max: MAX_NAME_LENGTH }));
  }
  return trimmed;
}

function checkWeight(weight: number, name: string): number {
  if (!(typeof weight === 'number' && Number.isFinite(weight) && weight > 0 && weight <= MAX_WEIGHT)) {
    throw new InvalidArgumentError(msg('exam.badWeightMax', { name, max: String(MAX_WEIGHT) }));
  }
  return weight;
}

/** Refuses a domain name another domain of the exam already has (compared without case, as the table does). */
function checkFreeName(db: Database, examId: number, name: string, except: number | null): void {
  const other = db.prepare('SELECT name FROM exam_domain WHERE exam_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?').pluck().get(examId, name, except);
  if (other !== undefined) throw new InvalidArgumentError(msg('exam.domainExists', { name: other as string }));
}

/** Changes the exam's name, pass mark, maximum score and question counts (the ones given). */
export function updateExamDetails(db: Database, examId: number, details: ExamDetails): ExamProfile {
  return db
    .transaction(() => {
      const e = getExam(db, examId);
      const next: ExamInput = {
        name: details.name === undefined ? e.name : checkName(details.name, 'exam'),
        passMark: details.passMark ?? e.passMark,
        maxScore: details.maxScore ?? e.maxScore,
        totalQuestions: details.totalQuestions ?? e.totalQuestions,
        scoredQuestions: details.scoredQuestions ?? e.scoredQuestions,
        domains: e.domains,
      };
      validateExam(next);
      db.prepare('UPDATE exam SET name = ?, pass_mark = ?, max_score = ?, total_questions = ?, scored_questions = ? WHERE id = ?').run(
        next.name, next.passMark, next.maxScore, next.totalQuestions, next.scoredQuestions, examId);
      return getExam(db, examId);
    })
    .immediate();
}

/** Adds a domain at the end of the exam's list. */
export function addDomain(db: Database, examId: number, input: { name: string; weight: number }): ExamProfile {
  return db
    .transaction(() => {
      getExam(db, examId);
      const name = checkName(input.name, 'domain');
      checkWeight(input.weight, name);
      checkFreeName(db, examId, name, null);
      const position = db.prepare('SELECT coalesce(max(position), -1) + 1 FROM exam_domain WHERE exam_id = ?').pluck().get(examId) as number;
      db.prepare('INSERT INTO exam_domain (exam_id, name, weight, position) VALUES (?, ?, ?, ?)').run(examId, name, input.weight, position);
      return getExam(db, examId);
    })
    .immediate();
}

/** Renames a domain and/or changes its weight; its deck and tag mappings stay. */
export function updateDomain(db: Database, domainId: number, change: DomainChange): ExamProfile {
  return db
    .transaction(() => {
      const d = domainRow(db, domainId);
      const name = change.name === undefined ? d.name : checkName(change.name, 'domain');
      if (change.name !== undefined) checkFreeName(db, d.exam_id, name, d.id);
      if (change.weight !== undefined) checkWeight(change.weight, name);
      db.prepare('UPDATE exam_domain SET name = ?, weight = coalesce(?, weight) WHERE id = ?').run(name, change.weight ?? null, domainId);
      return getExam(db, d.exam_id);
    })
    .immediate();
}

/** Moves a domain one place up or down the exam's list (a no-op at either end). */
export function moveDomain(db: Database, domainId: number, direction: 'up' | 'down'): ExamProfile {
  return db
    .transaction(() => {
      const d = domainRow(db, domainId);
      const order = db.prepare('SELECT id FROM exam_domain WHERE exam_id = ? ORDER BY position, id').pluck().all(d.exam_id) as number[];
      const i = order.indexOf(domainId);
      const j = direction === 'up' ? i - 1 : i + 1;
      if (j >= 0 && j < order.length) {
        [order[i], order[j]] = [order[j]!, order[i]!];
        // Renumber 0…n−1: positions stay dense whatever earlier edits left behind.
        const set = db.prepare('UPDATE exam_domain SET position = ? WHERE id = ?');
        order.forEach((id, position) => set.run(position, id));
      }
      return getExam(db, d.exam_id);
    })
    .immediate();
}

/** Removes a domain with its deck and tag mappings (the decks and notes themselves stay). */
export function removeDomain(db: Database, domainId: number): ExamProfile {
  return db
    .transaction(() => {
      const d = domainRow(db, domainId);
      const count = db.prepare('SELECT count(*) FROM exam_domain WHERE exam_id = ?').pluck().get(d.exam_id) as number;
      if (count <= 1) throw new InvalidArgumentError(msg('exam.onlyDomain', { name: d.name }));
      // The foreign keys cascade: its deck_domain and tag_domain rows go with it; practice answers
      // keep the domain's name, their domain id becomes null (migration 0005).
      db.prepare('DELETE FROM exam_domain WHERE id = ?').run(domainId);
      return getExam(db, d.exam_id);
    })
    .immediate();
}

/** A tag as stored: trimmed, without spaces (Anki tags have none) and without a leading or trailing "::". */
export function normaliseTag(text: string): string {
  const tag = text.trim().replace(/^(::)+|(::)+$/g, '');
  if (!tag) throw new InvalidArgumentError(msg('exam.tagEmpty'));
  if (/\s/.test(tag)) throw new InvalidArgumentError(msg('exam.tagHasSpace', { tag }));
  if (tag.length > 200) throw new InvalidArgumentError(msg('exam.tagTooLong', { start: tag.slice(0, 30) }));
  return tag;
}

/** Maps a tag (and its sub-tags) to a domain of that domain's exam, replacing the tag's previous domain there. */
export function mapTagToDomain(db: Database, tag: string, domainId: number): ExamProfile {
  const t = normaliseTag(tag);
  return db
    .transaction(() => {
      const d = domainRow(db, domainId);
      db.prepare(`INSERT INTO tag_domain (exam_id, tag, domain_id) VALUES (?, ?, ?)
        ON CONFLICT(exam_id, tag) DO UPDATE SET domain_id = excluded.domain_id, tag = excluded.tag`).run(d.exam_id, t, domainId);
      return getExam(db, d.exam_id);
    })
    .immediate();
}

/** Removes a tag's mapping from the exam (its sub-tags' own mappings stay). */
export function unmapTag(db: Database, examId: number, tag: string): ExamProfile {
  const t = normaliseTag(tag);
  return db
    .transaction(() => {
      getExam(db, examId);
      db.prepare('DELETE FROM tag_domain WHERE exam_id = ? AND tag = ?').run(examId, t);
      return getExam(db, examId);
    })
    .immediate();
}

/**
 * Starts again from the CLF-C02 preset: the preset exam becomes active with the preset's name,
 * pass mark, question counts and domains, and the built-in decks it knows mapped again. The
 * active exam's date and exam-aware setting are kept; mappings to the old domains are dropped.
 */
export function resetToPreset(db: Database, now: number): ExamProfile {
  return db
    .transaction(() => {
      const active = getActiveExam(db);
      const preset = db.prepare('SELECT id FROM exam WHERE preset = ?').pluck().get(CLF_C02_PRESET.preset) as number | undefined;
      if (preset !== undefined) {
        const p = CLF_C02_PRESET;
        db.prepare('UPDATE exam SET name = ?, pass_mark = ?, max_score = ?, total_questions = ?, scored_questions = ? WHERE id = ?').run(
          p.name, p.passMark, p.maxScore ?? 1000, p.totalQuestions, p.scoredQuestions, preset);
        db.prepare('DELETE FROM exam_domain WHERE exam_id = ?').run(preset);
        const add = db.prepare('INSERT INTO exam_domain (exam_id, name, weight, position) VALUES (?, ?, ?, ?)');
        p.domains.forEach((d, i) => add.run(preset, d.name, d.weight, i));
      }
      const exam = installClfC02Preset(db, now);
      if (active) {
        db.prepare('UPDATE exam SET exam_date = ?, exam_aware = ? WHERE id = ?').run(active.examDate, active.examAwareScheduling ? 1 : 0, exam.id);
      }
      return getExam(db, exam.id);
    })
    .immediate();
}

/**
 * A new exam of the user's own, made active: a name and one domain (weight 100), the pass mark and
 * question counts of the current exam (edit them after). The previous exam is kept, inactive; its
 * date and exam-aware setting carry over.
 */
export function createBlankExam(db: Database, now: number, input: { name: string; domain: string }): ExamProfile {
  const name = checkName(input.name, 'exam');
  const domain = checkName(input.domain, 'domain');
  return db
    .transaction(() => {
      const current = getActiveExam(db);
      const exam = createExam(
        db,
        {
          name,
          examDate: current?.examDate ?? null,
          examAwareScheduling: current?.examAwareScheduling ?? false,
          passMark: current?.passMark ?? CLF_C02_PRESET.passMark,
          maxScore: current?.maxScore ?? CLF_C02_PRESET.maxScore,
          totalQuestions: current?.totalQuestions ?? CLF_C02_PRESET.totalQuestions,
          scoredQuestions: current?.scoredQuestions ?? CLF_C02_PRESET.scoredQuestions,
          domains: [{ name: domain, weight: 100 }],
        },
        now,
      );
      return exam;
    })
    .immediate();
}

/** Every tag in the collection with how many notes carry it, for the tag picker (case-insensitive, first spelling kept). */
export function collectionTags(db: Database): { tag: string; notes: number }[] {
  const counts = new Map<string, { tag: string; notes: number }>();
  const rows = db.prepare("SELECT tags, count(*) AS n FROM note WHERE tags != '' GROUP BY tags").all() as { tags: string; n: number }[];
  for (const { tags, n } of rows) {
    // Parents count too, so "aws" can be picked when notes only carry "aws::security"; once per note.
    const seen = new Map<string, string>();
    for (const tag of tags.split(' ')) {
      const parts = tag.split('::');
      for (let i = 1; i <= parts.length; i++) {
        const t = parts.slice(0, i).join('::');
        if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
      }
    }
    for (const [key, t] of seen) {
      const entry = counts.get(key);
      if (entry) entry.notes += n;
      else counts.set(key, { tag: t, notes: n });
    }
  }
  return [...counts.values()].sort((a, b) => a.tag.localeCompare(b.tag, undefined, { sensitivity: 'base' }));
}

