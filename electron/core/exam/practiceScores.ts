// Practice-test scores per exam domain, for the readiness figures: what the learner answered
// correctly in practice tests of the exam over the last PRACTICE_DAYS days. Kept apart from the
// FSRS figures (which stay reproducible from ts-fsrs alone) and shown beside them.
import type { Database } from 'better-sqlite3';
import type { PracticeScore } from '../../shared/contract';
import { DAY } from '../time';
import type { ExamProfile } from './profile';

export const PRACTICE_DAYS = 30;

export const PRACTICE_MODEL_DESCRIPTION =
  `Practice score = questions answered correctly / questions answered in this exam's practice tests over the last ${PRACTICE_DAYS} days ` +
  '(per domain; overall weighted by exam weight over the domains with answers). It is shown beside predicted recall and never changes it or any card\u2019s schedule.';

export function practiceScores(db: Database, exam: ExamProfile, now: number): { perDomain: Map<number, PracticeScore> } {
  const rows = db
    .prepare(`SELECT a.domain_id AS domainId, count(*) AS answered, sum(a.chosen_index = a.correct_index) AS correct
      FROM practice_test t JOIN practice_answer a ON a.test_id = t.id
      WHERE t.exam_id = ? AND a.chosen_index IS NOT NULL AND a.answered_at > ? AND a.answered_at <= ? AND a.domain_id IS NOT NULL
      GROUP BY a.domain_id`)
    .all(exam.id, now - PRACTICE_DAYS * DAY, now) as { domainId: number; answered: number; correct: number }[];
  return {
    perDomain: new Map(rows.map((r) => [r.domainId, { answered: r.answered, correct: r.correct, score: r.correct / r.answered }])),
  };
}
