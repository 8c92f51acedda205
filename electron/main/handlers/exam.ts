// Exam readiness, statistics, the FSRS optimizer and practice tests over IPC: thin callers of
// electron/core/exam. Every figure is computed in the core; the renderer only draws it.
//
// Optimizer progress: optimize() runs for a second or more on big collections; while it runs the
// renderer polls optimizeProgress() (e.g. every 250 ms) for { running, current, total }. To push
// progress instead, main would forward optimize's onProgress to webContents.send — not wired here.
import { ensureActiveExam, getExam, mapDeckToDomain, setExamAware, setExamDate, unmapDeck } from '../../core/exam/profile';
import {
  addDomain,
  collectionTags,
  createBlankExam,
  mapTagToDomain,
  moveDomain,
  removeDomain,
  resetToPreset,
  unmapTag,
  updateDomain,
  updateExamDetails,
} from '../../core/exam/editExam';
import { applyParameters, optimize, optimizeProgress } from '../../core/exam/optimizer';
import { answerPractice, finishPractice, practiceHistory, practiceTest, startPractice } from '../../core/exam/practice';
import { readinessReport, retentionWorkload } from '../../core/exam/projection';
import { collectStatistics } from '../../core/exam/statistics';
import { NotFoundError } from '../../core/errors';
import { msg } from '../../core/messages';
import type { ExamProfile } from '../../shared/contract';
import type { Handlers } from '../ipc';
import type { HandlerContext } from './context';

/** The renderer edits the active exam only: a domain id of another exam is refused. */
function activeDomain(exam: ExamProfile, domainId: number): number {
  if (!exam.domains.some((d) => d.id === domainId)) throw new NotFoundError(msg('exam.noSuchDomain', { exam: exam.name, id: String(domainId) }));
  return domainId;
}

export function examHandlers({ db, study, now }: HandlerContext) {
  return {
    examProfile: () => ensureActiveExam(db, now()),
    updateExam: ({ examDate, examAwareScheduling, ...details }) =>
      db
        .transaction(() => {
          let exam = ensureActiveExam(db, now());
          if (examDate !== undefined) exam = setExamDate(db, exam.id, examDate);
          if (examAwareScheduling !== undefined) exam = setExamAware(db, exam.id, examAwareScheduling);
          if (Object.keys(details).length) exam = updateExamDetails(db, exam.id, details);
          return exam;
        })
        .immediate(),
    mapDeckToDomain: ({ deckId, domainId }) =>
      db
        .transaction(() => {
          const exam = ensureActiveExam(db, now());
          if (domainId === null) unmapDeck(db, exam.id, deckId);
          else mapDeckToDomain(db, deckId, domainId);
          return getExam(db, exam.id);
        })
        .immediate(),
    mapTagToDomain: ({ tag, domainId }) =>
      db
        .transaction(() => {
          const exam = ensureActiveExam(db, now());
          return domainId === null ? unmapTag(db, exam.id, tag) : mapTagToDomain(db, tag, activeDomain(exam, domainId));
        })
        .immediate(),
    addExamDomain: (input) => addDomain(db, ensureActiveExam(db, now()).id, input),
    updateExamDomain: ({ domainId, ...change }) => updateDomain(db, activeDomain(ensureActiveExam(db, now()), domainId), change),
    moveExamDomain: ({ domainId, direction }) => moveDomain(db, activeDomain(ensureActiveExam(db, now()), domainId), direction),
    removeExamDomain: ({ domainId }) => removeDomain(db, activeDomain(ensureActiveExam(db, now()), domainId)),
    resetExam: (input) => (input.to === 'preset' ? resetToPreset(db, now()) : createBlankExam(db, now(), input)),
    examTags: () => collectionTags(db),
    readiness: ({ examDate }) => readinessReport(db, now(), examDate ?? null),
    statistics: ({ deckId }) => collectStatistics(db, now(), { deckId: deckId ?? null }),
    optimize: () => optimize(db),
    optimizeProgress: () => optimizeProgress(db),
    applyParameters: (input) => {
      const applied = applyParameters(db, input);
      // The review engine schedules with the new weights from the next answer on.
      study.reloadSettings();
      return applied;
    },
    retentionWorkload: () => retentionWorkload(db, ensureActiveExam(db, now()), now()),
    startPractice: ({ questions, minutes, deckId }) => startPractice(db, now(), { questions, minutes: minutes ?? null, deckId: deckId ?? null }),
    practiceTest: ({ testId }) => practiceTest(db, now(), testId),
    answerPractice: (input) => answerPractice(db, now(), input),
    finishPractice: ({ testId }) => finishPractice(db, now(), testId),
    practiceHistory: () => practiceHistory(db, now()),
  } satisfies Partial<Handlers>;
}
