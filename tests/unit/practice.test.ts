import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import {
  answerKey,
  answerPractice,
  finishPractice,
  practiceHistory,
  practiceQuestions,
  practiceResult,
  RESPONSIBILITY_CHOICES,
  responsibilityOf,
  sameAnswer,
  startPractice,
} from '../../electron/core/exam/practice';
import { createExam, getActiveExam, installClfC02Preset, mapDeckToDomain } from '../../electron/core/exam/profile';
import { computeReadiness } from '../../electron/core/exam/readiness';
import { MINUTE } from '../../electron/core/time';
import { cardRow, sampleCollection } from './helpers';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const BUILTIN = readFileSync(resolve('decks/aws-shared-responsibility.md'), 'utf8');

function deckText(id: string, name: string, lines: string[]): string {
  return `---\nid: ${id}\nname: ${name}\n---\n## Basics\n${lines.join('\n')}\n`;
}

describe('responsibility cards', () => {
  it('are "who" questions answered exactly by AWS, the customer, or both', () => {
    expect(responsibilityOf('Who secures the AWS global infrastructure?', 'AWS.')).toBe('AWS');
    expect(responsibilityOf('With Amazon RDS, who applies the patches?', 'AWS, automatically.')).toBe('AWS');
    expect(responsibilityOf('Who is responsible for client-side encryption?', 'The customer.')).toBe('Customer');
    expect(responsibilityOf('Who handles patch management?', 'Both AWS and the customer.')).toBe('Shared');
    expect(responsibilityOf('In awareness and training, who does AWS train?', 'AWS employees.')).toBeNull();
    expect(responsibilityOf('What does AWS patch?', 'AWS.')).toBeNull();
  });

  it('compare answers without Markdown, case, punctuation, containment or near-equal wording', () => {
    expect(answerKey('**Security** _of_ the cloud.')).toBe('security of the cloud');
    expect(sameAnswer(answerKey('Infrastructure as a Service (IaaS).'), answerKey('Infrastructure as a Service'))).toBe(true);
    expect(sameAnswer(answerKey('Security of the cloud.'), answerKey('Security in the cloud.'))).toBe(false);
  });
});

describe('practice tests', () => {
  it('ask the built-in deck with distinct, plausible distractors and AWS/Customer/Shared for responsibility cards', () => {
    const { db, deckId } = sampleCollection(NOW, {}, BUILTIN);
    installClfC02Preset(db, NOW);
    const test = startPractice(db, NOW, { questions: 40, seed: 7 });
    const { questions } = practiceQuestions(db, NOW, test.id);
    expect(questions).toHaveLength(40);
    const cards = new Map((db.prepare('SELECT id, front, back, note_id FROM card WHERE deck_id = ?').all(deckId) as { id: number; front: string; back: string; note_id: number }[]).map((c) => [c.front, c]));
    let responsibility = 0;
    for (const q of questions) {
      const card = cards.get(q.prompt)!;
      expect(card).toBeDefined();
      expect(q.domain).toBe('Security and Compliance');
      expect(q.correct).toBeNull(); // not revealed before answering
      if (q.kind === 'responsibility') {
        responsibility++;
        expect(q.choices).toEqual([...RESPONSIBILITY_CHOICES]);
        continue;
      }
      expect(q.choices).toHaveLength(4);
      const keys = q.choices.map(answerKey);
      // The answer is among the choices exactly once; no two choices say the same thing.
      expect(keys.filter((k) => sameAnswer(k, answerKey(card.back)))).toHaveLength(1);
      for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(sameAnswer(keys[i]!, keys[j]!)).toBe(false);
      // Distractors come from other notes of the deck.
      for (const c of q.choices) {
        const source = [...cards.values()].find((x) => x.back === c)!;
        expect(source).toBeDefined();
        if (c !== card.back) expect(source.note_id).not.toBe(card.note_id);
      }
    }
    expect(responsibility).toBeGreaterThan(0);
    // The right answers are spread over the positions (the choices are shuffled).
    const stored = db.prepare('SELECT correct_index FROM practice_answer WHERE test_id = ? AND kind = ?').pluck().all(test.id, 'recall') as number[];
    expect(new Set(stored).size).toBeGreaterThan(2);
  });

  it('split the questions by domain weight and give a short domain\u2019s share to the others', () => {
    const { db } = sampleCollection(NOW);
    const lines = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p} question ${i + 1} :: ${p} answer number ${i + 1} about ${'x'.repeat(i % 5)}`);
    const a = installDeckSource(db, parseDeckSource(deckText('a', 'Alpha', lines('Alpha', 40)), 'a.md'), NOW).deckId;
    const b = installDeckSource(db, parseDeckSource(deckText('b', 'Beta', lines('Beta', 40)), 'b.md'), NOW).deckId;
    const c = installDeckSource(db, parseDeckSource(deckText('c', 'Gamma', lines('Gamma', 6)), 'c.md'), NOW).deckId;
    const exam = createExam(db, { name: 'Three', passMark: 700, totalQuestions: 20, scoredQuestions: 20, domains: [{ name: 'A', weight: 60 }, { name: 'B', weight: 20 }, { name: 'C', weight: 20 }] }, NOW);
    exam.domains.forEach((d, i) => mapDeckToDomain(db, [a, b, c][i]!, d.id));
    const count = (id: number) => db.prepare('SELECT domain, count(*) AS n FROM practice_answer WHERE test_id = ? GROUP BY domain ORDER BY domain').all(id);
    const t1 = startPractice(db, NOW, { questions: 20, seed: 1 });
    expect(count(t1.id)).toEqual([{ domain: 'A', n: 12 }, { domain: 'B', n: 4 }, { domain: 'C', n: 4 }]);
    // 40 questions: C has only 6 cards, its missing share goes to A and B by weight.
    const t2 = startPractice(db, NOW, { questions: 40, seed: 2 });
    expect(count(t2.id)).toEqual([{ domain: 'A', n: 26 }, { domain: 'B', n: 8 }, { domain: 'C', n: 6 }]);
    // One deck only.
    const t3 = startPractice(db, NOW, { questions: 5, deckId: b, seed: 3 });
    expect(count(t3.id)).toEqual([{ domain: 'B', n: 5 }]);
    // Same seed, same test.
    const again = startPractice(db, NOW, { questions: 20, seed: 1 });
    const strip = (id: number) => practiceQuestions(db, NOW, id).questions.map(({ prompt, choices }) => ({ prompt, choices }));
    expect(strip(again.id)).toEqual(strip(t1.id));
  });

  it('score answers per domain, stop at the time limit, feed readiness and never touch FSRS state', () => {
    const { db } = sampleCollection(NOW, {}, BUILTIN);
    installClfC02Preset(db, NOW, '2026-03-20');
    const before = db.prepare('SELECT * FROM card ORDER BY id').all();
    const test = startPractice(db, NOW, { questions: 6, minutes: 10, seed: 11 });
    expect(test.deadline).toBe(new Date(NOW + 10 * MINUTE).toISOString());
    const rows = db.prepare('SELECT position, correct_index FROM practice_answer WHERE test_id = ? ORDER BY position').all(test.id) as { position: number; correct_index: number }[];
    // Right, wrong, right; then time runs out.
    const r1 = answerPractice(db, NOW + MINUTE, { testId: test.id, position: 1, choice: rows[0]!.correct_index });
    expect(r1).toEqual({ position: 1, chosen: rows[0]!.correct_index, correct: rows[0]!.correct_index, isCorrect: true, remaining: 5 });
    const wrong = (rows[1]!.correct_index + 1) % 3;
    expect(answerPractice(db, NOW + 2 * MINUTE, { testId: test.id, position: 2, choice: wrong }).isCorrect).toBe(false);
    answerPractice(db, NOW + 3 * MINUTE, { testId: test.id, position: 3, choice: rows[2]!.correct_index });
    expect(() => answerPractice(db, NOW + 4 * MINUTE, { testId: test.id, position: 3, choice: 0 })).toThrow('Question 3 of practice test 1 is already answered.');
    expect(() => answerPractice(db, NOW + 4 * MINUTE, { testId: test.id, position: 9, choice: 0 })).toThrow('has no question 9 (it has 6)');
    expect(() => answerPractice(db, NOW + 4 * MINUTE, { testId: test.id, position: 4, choice: 7 })).toThrow('Choice 7 does not exist');
    expect(() => answerPractice(db, NOW + 11 * MINUTE, { testId: test.id, position: 4, choice: 0 })).toThrow('can no longer be answered: its time limit ran out');
    const result = practiceResult(db, NOW + 12 * MINUTE, test.id);
    expect(result).toMatchObject({ questions: 6, answered: 3, correct: 2, score: 2 / 6, scaledScore: 333, passed: false, timedOut: true });
    expect(result.finishedAt).toBe(new Date(NOW + 10 * MINUTE).toISOString());
    expect(result.perDomain).toEqual([{ domain: 'Security and Compliance', questions: 6, answered: 3, correct: 2, score: 2 / 3 }]);
    expect(practiceHistory(db, NOW + 12 * MINUTE).map((r) => r.id)).toEqual([test.id]);

    // Readiness: a practice score beside predicted recall, FSRS figures unchanged.
    const exam = getActiveExam(db)!;
    const r = computeReadiness(db, exam, { now: NOW + 12 * MINUTE });
    const security = r.perDomain.find((d) => d.domain === 'Security and Compliance')!;
    expect(security.practice).toEqual({ answered: 3, correct: 2, score: 2 / 3 });
    expect(r.perDomain.find((d) => d.domain === 'Cloud Concepts')!.practice).toEqual({ answered: 0, correct: 0, score: null });
    expect(r.practice).toMatchObject({ answered: 3, correct: 2, score: 2 / 3, days: 30 });
    expect(security.predictedRecall).toBe(0);
    expect(db.prepare('SELECT * FROM card ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM review').pluck().get()).toBe(0);
    expect(cardRow(db, 1).reps).toBe(0);
    // Older than the practice window: no longer counted.
    expect(computeReadiness(db, exam, { now: NOW + 31 * 24 * 60 * MINUTE }).practice.answered).toBe(0);
  });

  it('finishes early on request and refuses bad input with one sentence', () => {
    const { db } = sampleCollection(NOW, {}, BUILTIN);
    installClfC02Preset(db, NOW);
    const t = startPractice(db, NOW, { questions: 3, seed: 5 });
    const done = finishPractice(db, NOW + MINUTE, t.id);
    expect(done).toMatchObject({ answered: 0, correct: 0, score: 0, timedOut: false, finishedAt: new Date(NOW + MINUTE).toISOString() });
    expect(practiceQuestions(db, NOW + MINUTE, t.id).questions.every((q) => q.correct !== null)).toBe(true);
    expect(() => startPractice(db, NOW, { questions: 0 })).toThrow('The number of questions must be a whole number from 1 to 200.');
    expect(() => startPractice(db, NOW, { questions: 5, minutes: -1 })).toThrow('The time limit must be a number of minutes from 1 to 600.');
    expect(() => startPractice(db, NOW, { questions: 5, deckId: 42 })).toThrow('There is no deck with id 42.');
    expect(() => practiceResult(db, NOW, 99)).toThrow('There is no practice test with id 99.');
    const empty = sampleCollection(NOW);
    createExam(empty.db, { name: 'Unmapped', passMark: 1, totalQuestions: 1, scoredQuestions: 1, domains: [{ name: 'A', weight: 1 }] }, NOW);
    expect(() => startPractice(empty.db, NOW, { questions: 5 })).toThrow('No deck or tag feeds a domain of "Unmapped"; map a deck or a tag to a domain or choose a deck for the practice test.');
  });
});
