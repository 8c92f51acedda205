// Exam readiness, statistics, the FSRS optimizer and practice tests over IPC: thin callers of
// electron/core/exam. Every figure is computed in the core; the renderer only draws it.
//
// Optimizer progress: optimize() runs for a second or more on big collections; while it runs the
// renderer polls optimizeProgress() (e.g. every 250 ms) for { running, current, total }. To push
// progress instead, main would forward optimize's onProgress to webContents.send — not wired here.
import { ensureActiveExam, getExam, mapDeckToDomain, setExamAware, setExamDate, unmapDeck } from '../../core/exam/profile';
import { applyParameters, optimize, optimizeProgress } from '../../core/exam/optimizer';
import { answerPractice, finishPractice, practiceHistory, practiceTest, startPractice } from '../../core/exam/practice';
import { readinessReport, retentionWorkload } from '../../core/exam/projection';
import { collectStatistics } from '../../core/exam/statistics';
import type { Handlers } from '../ipc';
import type { HandlerContext } from './context';

export function examHandlers({ db, study, now }: HandlerContext) {
  return {
    examProfile: () => ensureActiveExam(db, now()),
    updateExam: ({ examDate, examAwareScheduling }) =>
      db
        .transaction(() => {
          let exam = ensureActiveExam(db, now());
          if (examDate !== undefined) exam = setExamDate(db, exam.id, examDate);
          if (examAwareScheduling !== undefined) exam = setExamAware(db, exam.id, examAwareScheduling);
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
