// Shapes the exam profile for the "Edit exam" panel (ExamEditor.svelte); the core does the work.
import type { ExamProfile } from '../../../../electron/shared/contract';

export type DetailField = 'name' | 'passMark' | 'maxScore' | 'totalQuestions' | 'scoredQuestions' | null;

/** The core messages (electron/core/messages.ts) that are about one detail field. */
const FIELD_OF_MESSAGE: Record<string, Exclude<DetailField, null>> = {
  'exam.nameMissing': 'name',
  'exam.nameTooLong': 'name',
  'exam.badPassMark': 'passMark',
  'exam.badMaxScore': 'maxScore',
  'exam.badTotalQuestions': 'totalQuestions',
  'exam.badScoredQuestions': 'scoredQuestions',
};

/**
 * Which detail field a refusal from the core is about: by its message id when it has one (so it
 * works whatever the UI's language), else from its English sentence (exam/profile.ts validateExam
 * and exam/editExam.ts word them); null when it names none of them.
 */
export function detailField(message: string, id: string | null = null): DetailField {
  if (id !== null) return FIELD_OF_MESSAGE[id] ?? null;
  if (/pass mark/i.test(message)) return 'passMark';
  if (/maximum score/i.test(message)) return 'maxScore';
  if (/scored questions/i.test(message)) return 'scoredQuestions';
  if (/number of questions/i.test(message)) return 'totalQuestions';
  if (/exam needs a name|exam name/i.test(message)) return 'name';
  return null;
}

/** Each domain's share of the exam (0–1): its weight over the sum of the weights. */
export function domainShares(exam: ExamProfile): Map<number, number> {
  const total = exam.domains.reduce((a, d) => a + d.weight, 0);
  return new Map(exam.domains.map((d) => [d.id, total > 0 ? d.weight / total : 0]));
}

/** Every tag mapping of the exam, sorted by tag (case-insensitively). */
export function tagMappings(exam: ExamProfile): { tag: string; domainId: number; domain: string }[] {
  return exam.domains
    .flatMap((d) => d.tags.map((tag) => ({ tag, domainId: d.id, domain: d.name })))
    .sort((a, b) => a.tag.localeCompare(b.tag, undefined, { sensitivity: 'base' }));
}
