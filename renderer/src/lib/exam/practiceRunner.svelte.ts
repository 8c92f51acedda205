// One practice test on screen: start (or resume) it, answer one question at a time, go on, and
// finish, by hand or when the time limit runs out. The core keeps the test (and the clock's
// deadline), so leaving the screen and coming back resumes the same test.
import type { PracticeAnswerResult, PracticeQuestion, PracticeResult, PracticeTest, StratusApi } from '../../../../electron/shared/contract';
import { errorMessage } from '../format';
import { remainingMs } from './practice';

export type RunnerStatus = 'idle' | 'starting' | 'question' | 'answered' | 'finishing' | 'done' | 'failed';

/** The test on screen survives leaving the exam view (a menu key, another tab) within this window. */
let openTestId: number | null = null;

export function openPracticeTest(): number | null {
  return openTestId;
}

export class PracticeRunner {
  test = $state.raw<PracticeTest | null>(null);
  /** Index in test.questions of the question shown. */
  index = $state(0);
  /** The answer to the shown question, once given. */
  feedback = $state.raw<PracticeAnswerResult | null>(null);
  result = $state.raw<PracticeResult | null>(null);
  status = $state<RunnerStatus>('idle');
  error = $state<string | null>(null);
  /** The wall clock, refreshed every second while a timed test runs. */
  now = $state(0);

  readonly #api: StratusApi;
  readonly #clock: () => number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #busy = false;

  constructor(api: StratusApi, clock: () => number = Date.now) {
    this.#api = api;
    this.#clock = clock;
    this.now = clock();
  }

  get question(): PracticeQuestion | null {
    return this.test?.questions[this.index] ?? null;
  }

  get total(): number {
    return this.test?.questions.length ?? 0;
  }

  get answeredCount(): number {
    return this.test?.questions.filter((q) => q.chosen !== null).length ?? 0;
  }

  /** Milliseconds left, or null without a time limit. */
  get remaining(): number | null {
    return this.test ? remainingMs(this.test.deadline, this.now) : null;
  }

  async start(input: { questions: number; minutes: number | null; deckId?: number }): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.status = 'starting';
    this.error = null;
    try {
      const test = await this.#api.startPractice({
        questions: input.questions,
        minutes: input.minutes,
        ...(input.deckId === undefined ? {} : { deckId: input.deckId }),
      });
      this.#show(test);
    } catch (error) {
      this.error = errorMessage(error);
      this.status = 'idle';
    } finally {
      this.#busy = false;
    }
  }

  /** Picks up a test that is still open (after the view was left); false when there is none. */
  async resume(testId: number): Promise<boolean> {
    try {
      const test = await this.#api.practiceTest({ testId });
      if (test.finishedAt !== null) {
        openTestId = null;
        return false;
      }
      this.#show(test);
      return true;
    } catch {
      openTestId = null;
      return false;
    }
  }

  #show(test: PracticeTest): void {
    this.test = test;
    openTestId = test.id;
    const next = test.questions.findIndex((q) => q.chosen === null);
    this.index = next === -1 ? test.questions.length - 1 : next;
    this.feedback = null;
    this.status = 'question';
    this.#startTimer();
    if (next === -1) void this.finish();
  }

  /** Answers the shown question with a choice (0-based). */
  async choose(choice: number): Promise<void> {
    const test = this.test;
    const question = this.question;
    if (!test || !question || this.status !== 'question' || this.#busy) return;
    if (choice < 0 || choice >= question.choices.length) return;
    this.#busy = true;
    this.error = null;
    try {
      const answer = await this.#api.answerPractice({ testId: test.id, position: question.position, choice });
      const questions = test.questions.map((q) => (q.position === answer.position ? { ...q, chosen: answer.chosen, correct: answer.correct } : q));
      this.test = { ...test, questions };
      this.feedback = answer;
      this.status = 'answered';
    } catch (error) {
      this.error = errorMessage(error);
      // The time may have run out meanwhile: the core then has the test finished.
      if (this.remaining === 0) await this.finish();
    } finally {
      this.#busy = false;
    }
  }

  /** After an answer: the next unanswered question, or the results when none is left. */
  async next(): Promise<void> {
    const test = this.test;
    if (!test || this.status !== 'answered') return;
    const after = test.questions.findIndex((q, i) => i > this.index && q.chosen === null);
    const any = after === -1 ? test.questions.findIndex((q) => q.chosen === null) : after;
    if (any === -1) {
      await this.finish();
      return;
    }
    this.index = any;
    this.feedback = null;
    this.status = 'question';
  }

  async finish(): Promise<void> {
    const test = this.test;
    if (!test || this.status === 'finishing' || this.status === 'done') return;
    this.status = 'finishing';
    this.#stopTimer();
    try {
      this.result = await this.#api.finishPractice({ testId: test.id });
      openTestId = null;
      this.status = 'done';
    } catch (error) {
      this.error = errorMessage(error);
      this.status = 'failed';
    }
  }

  /** Called every second: the clock moves, and the test ends when its time is up. */
  tick(): void {
    this.now = this.#clock();
    if (this.remaining === 0 && (this.status === 'question' || this.status === 'answered') && !this.#busy) void this.finish();
  }

  #startTimer(): void {
    this.#stopTimer();
    this.now = this.#clock();
    if (this.test?.deadline) this.#timer = setInterval(() => this.tick(), 1000);
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Stops the clock when the screen goes away (the test stays open in the core). */
  dispose(): void {
    this.#stopTimer();
  }

  /** Forgets a finished test so a new one can start. */
  reset(): void {
    this.#stopTimer();
    this.test = null;
    this.result = null;
    this.feedback = null;
    this.index = 0;
    this.error = null;
    this.status = 'idle';
  }
}
