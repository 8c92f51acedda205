// The exam view with the fake api: readiness figures per domain and deck (uncovered domains
// shown), changing the date, exam-aware scheduling and a deck's domain, the optimizer's confirm
// step, the desired-retention slider, and a practice test by keyboard with its timer.
import '@testing-library/svelte/vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { FakeApi } from './fakeApi';
import { press, renderApp, settle } from './helpers';
import { insufficientResult } from './fakeExam';

const NOW = new Date(2026, 2, 18, 10, 0, 0).getTime();

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

async function openExam(api = new FakeApi(), now = () => NOW) {
  api.clock = now;
  renderApp(api, now);
  await fireEvent.click(await screen.findByTestId('nav-exam'));
  await screen.findByTestId('exam-hero');
  return api;
}

describe('readiness view', () => {
  it('is in the top bar as "Exam" and shows the exam, its date and the days left', async () => {
    await openExam();
    expect(screen.getByTestId('nav-exam').textContent?.trim()).toBe('Exam');
    expect(screen.getByTestId('exam-name').textContent).toBe('AWS Certified Cloud Practitioner (CLF-C02)');
    expect((screen.getByTestId('exam-date') as HTMLInputElement).value).toBe('2026-04-15');
    expect(screen.getByTestId('days-left').textContent).toBe('28 days to go');
    expect(screen.getByText('65 questions (50 scored) · pass mark 700 of 1,000')).toBeTruthy();
  });

  it('shows predicted recall with the covered share, coverage, the pass probability and its model', async () => {
    await openExam();
    const figures = within(screen.getByTestId('exam-figures'));
    expect(figures.getByRole('heading', { name: 'On exam day, April 15, 2026' })).toBeTruthy();
    expect(figures.getByTestId('figure-recall').textContent).toContain('81%');
    expect(figures.getByTestId('figure-recall').textContent).toContain('over the 54% of the exam your decks cover');
    expect(figures.getByTestId('figure-coverage').textContent).toContain('95%');
    expect(figures.getByTestId('figure-pass').textContent).toContain('31%');
    expect(figures.getByTestId('pass-model').textContent).toBe('Pass probability assumes the scored questions are split across domains by exam weight.');
  });

  it('lists every domain, uncovered ones as uncovered, and what to study weakest first', async () => {
    await openExam();
    const rows = within(screen.getByTestId('domain-table')).getAllByTestId('domain-row');
    expect(rows.map((r) => r.querySelector('.domain')!.textContent)).toEqual([
      'Cloud Concepts',
      'Security and Compliance',
      'Cloud Technology and Services',
      'Billing, Pricing and Support',
    ]);
    expect(within(rows[2]!).getByTestId('uncovered').textContent).toBe('Uncovered');
    expect(rows[2]!.textContent).toContain('No deck covers this domain');
    expect(rows[0]!.textContent).toContain('7 of 8'); // practice answers beside recall
    const advice = screen.getAllByTestId('advice-item');
    expect(advice.map((a) => a.querySelector('.domain')!.firstChild!.textContent!.trim())).toEqual([
      'Cloud Technology and Services',
      'Billing, Pricing and Support',
      'Security and Compliance',
    ]);
  });

  it('shows the projection of keeping up with the reviews, with its model on request', async () => {
    await openExam();
    const panel = within(screen.getByTestId('exam-projection'));
    expect(panel.getByRole('heading', { name: 'If you keep doing your reviews as scheduled' })).toBeTruthy();
    expect(panel.getByTestId('projected-recall').textContent).toBe('87%');
    expect(panel.getByTestId('chart-projection-summary').textContent).toContain('your predicted recall on exam day is 87% (it is 81% if you stop now)');
    expect(panel.getByText('How is this worked out?')).toBeTruthy();
  });

  it('changes the exam date and exam-aware scheduling through the core, then reloads', async () => {
    const api = await openExam();
    const date = screen.getByTestId('exam-date') as HTMLInputElement;
    date.value = '2026-05-01';
    await fireEvent.change(date);
    await settle();
    expect(api.calls.filter((c) => c.method === 'updateExam').map((c) => c.args[0])).toEqual([{ examDate: '2026-05-01' }]);
    await vi.waitFor(() => expect(screen.getByTestId('days-left').textContent).toBe('44 days to go'));

    const toggle = screen.getByTestId('exam-aware') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await fireEvent.click(toggle);
    await settle();
    expect(api.calls.filter((c) => c.method === 'updateExam').at(-1)!.args[0]).toEqual({ examAwareScheduling: true });
    await vi.waitFor(() => expect((screen.getByTestId('exam-aware') as HTMLInputElement).checked).toBe(true));
  });

  it('without a date, asks for one, lists the domains and keeps exam-aware scheduling off', async () => {
    const api = new FakeApi();
    api.exam.profile.examDate = null;
    await openExam(api);
    expect(screen.getByRole('heading', { name: 'Set your exam date' })).toBeTruthy();
    expect(screen.getByTestId('exam-nodate').textContent).toContain('No deck or tag covers this domain');
    expect((screen.getByTestId('exam-aware') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId('exam-figures')).toBeNull();
  });

  it('maps a deck to a domain from the deck table', async () => {
    const api = await openExam();
    const select = screen.getByTestId('deck-domain-2') as HTMLSelectElement;
    expect(select.value).toBe('1');
    select.value = '3';
    await fireEvent.change(select);
    await settle();
    expect(api.calls.filter((c) => c.method === 'mapDeckToDomain').map((c) => c.args[0])).toEqual([{ deckId: 2, domainId: 3 }]);
    await vi.waitFor(() => expect((screen.getByTestId('deck-domain-2') as HTMLSelectElement).value).toBe('3'));
  });
});

describe('FSRS parameters', () => {
  it('optimizes with a progress bar, shows the fit before and after, and applies only after confirming', async () => {
    const api = await openExam();
    api.hold('optimize');
    await fireEvent.click(screen.getByTestId('optimize'));
    expect(screen.getByTestId('optimize').textContent?.trim()).toBe('Optimizing…');
    await vi.waitFor(() => expect(screen.getByTestId('optimize-progress').querySelector('progress')!.getAttribute('value')).toBe('40'));
    api.release('optimize');
    await screen.findByTestId('fit-table');
    const rows = within(screen.getByTestId('fit-table')).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('0.3412');
    expect(rows[1]!.textContent).toContain('0.3105');
    expect(rows[2]!.textContent).toContain('6.21%');
    expect(rows[2]!.textContent).toContain('4.12%');

    await fireEvent.click(screen.getByTestId('apply-parameters'));
    expect(api.count('applyParameters')).toBe(0); // nothing yet: a confirmation first
    await fireEvent.click(screen.getByTestId('confirm-apply'));
    await screen.findByTestId('optimize-applied');
    expect(api.exam.applied).toEqual([{ weights: [0.5, 1.4] }]);
  });

  it('says how much more history is needed when there is too little', async () => {
    const api = await openExam();
    api.exam.optimizeResult = insufficientResult();
    await fireEvent.click(screen.getByTestId('optimize'));
    expect((await screen.findByTestId('optimize-message')).textContent).toContain('you have 3. Keep studying: 5 more are needed to start');
    expect(screen.queryByTestId('apply-parameters')).toBeNull();
  });

  it('shows the daily workload of each desired retention and applies the chosen one', async () => {
    const api = await openExam();
    const slider = (await screen.findByTestId('retention-slider')) as HTMLInputElement;
    expect(slider.min).toBe('0.7');
    expect(slider.max).toBe('0.97');
    expect(screen.getByTestId('retention-value').textContent).toBe('90%');
    const workload = api.exam.retentionWorkload();
    const at = (r: number) => String(workload.rows.find((x) => x.desiredRetention === r)!.averagePerDay);
    expect(screen.getByTestId('retention-per-day').textContent).toBe(at(0.9));
    expect((screen.getByTestId('apply-retention') as HTMLButtonElement).disabled).toBe(true);

    slider.value = '0.95';
    await fireEvent.input(slider);
    expect(screen.getByTestId('retention-value').textContent).toBe('95%');
    expect(screen.getByTestId('retention-per-day').textContent).toBe(at(0.95));
    await fireEvent.click(screen.getByTestId('apply-retention'));
    await vi.waitFor(() => expect(api.exam.applied).toEqual([{ desiredRetention: 0.95 }]));
    expect(await screen.findByText('Desired retention is now 95%.')).toBeTruthy();
  });
});

describe('practice test', () => {
  it('runs a timed test by keyboard: 1–4 choose, Enter goes on; results per domain and over time', async () => {
    const api = await openExam();
    await fireEvent.click(screen.getByTestId('start-practice'));
    const questions = (await screen.findByTestId('practice-questions')) as HTMLInputElement;
    expect((screen.getByTestId('practice-minutes') as HTMLInputElement).value).toBe('28'); // 20 questions at the exam's pace
    await fireEvent.input(questions, { target: { value: '3' } });
    expect((screen.getByTestId('practice-minutes') as HTMLInputElement).value).toBe('4');
    await fireEvent.click(screen.getByTestId('practice-start'));
    await screen.findByTestId('practice-question');
    expect(api.calls.find((c) => c.method === 'startPractice')!.args[0]).toEqual({ questions: 3, minutes: 4 });
    expect(screen.getByTestId('practice-position').textContent?.trim()).toBe('Question 1 of 3');
    expect(screen.getByTestId('practice-timer').textContent?.trim()).toBe('4:00');
    expect(screen.getByTestId('practice-prompt').textContent).toContain('Who patches the guest operating system');
    expect(document.activeElement).toBe(screen.getByTestId('practice-prompt'));

    // Question 1 has three choices (AWS / Customer / Shared): 4 does nothing.
    await press('4');
    await settle();
    expect(api.count('answerPractice')).toBe(0);
    await press('2');
    expect((await screen.findByTestId('practice-feedback')).textContent).toContain('Right!');
    expect(screen.getByTestId('choice-2').classList.contains('right')).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('practice-next'));
    await press('Enter');
    await vi.waitFor(() => expect(screen.getByTestId('practice-position').textContent?.trim()).toBe('Question 2 of 3'));

    // Question 2: a wrong answer shows the right one.
    await press('1');
    expect((await screen.findByTestId('practice-feedback')).textContent).toContain('Not quite: the right answer is B.');
    expect(screen.getByTestId('choice-1').classList.contains('wrong')).toBe(true);
    expect(screen.getByTestId('choice-2').classList.contains('right')).toBe(true);
    await press('Enter');
    await vi.waitFor(() => expect(screen.getByTestId('practice-position').textContent?.trim()).toBe('Question 3 of 3'));
    await press('2');
    await screen.findByTestId('practice-feedback');
    expect(screen.getByTestId('practice-next').textContent).toContain('See results');
    await press('Enter');

    const results = await screen.findByTestId('practice-results');
    expect(within(results).getByTestId('practice-score').textContent).toBe('67%');
    expect(within(results).getByTestId('practice-verdict').textContent).toBe('A scaled score of 667: below the pass mark of 700 of 1,000.');
    const domainRows = within(within(results).getByTestId('practice-domains')).getAllByRole('row').slice(1);
    expect(domainRows.map((r) => [...r.children].map((c) => c.textContent?.trim()))).toEqual([
      ['Security and Compliance', '2', '2', '100%'],
      ['Cloud Concepts', '1', '0', '0%'],
    ]);
    expect(api.calls.filter((c) => c.method === 'answerPractice').map((c) => c.args[0])).toEqual([
      { testId: 1, position: 1, choice: 1 },
      { testId: 1, position: 2, choice: 0 },
      { testId: 1, position: 3, choice: 1 },
    ]);
    // Results over time include this test; practice never touched a card's schedule (no answer call).
    expect(await screen.findByTestId('chart-practice-history-summary')).toBeTruthy();
    expect(screen.getByTestId('chart-practice-history-summary').textContent).toBe('1 test so far: last score 67%, best 67%. The pass mark is 70%.');
    expect(api.answers).toEqual([]);

    await fireEvent.click(screen.getByTestId('practice-done'));
    expect(await screen.findByTestId('exam-hero')).toBeTruthy();
  });

  it('ends the test when its time runs out', async () => {
    let now = NOW;
    const api = await openExam(new FakeApi(), () => now);
    await fireEvent.click(screen.getByTestId('start-practice'));
    await fireEvent.input(await screen.findByTestId('practice-questions'), { target: { value: '2' } });
    await fireEvent.click(screen.getByTestId('practice-start'));
    await screen.findByTestId('practice-question');
    expect(screen.getByTestId('practice-timer').textContent?.trim()).toBe('3:00');
    now += 170_000;
    await vi.waitFor(() => expect(screen.getByTestId('practice-timer').textContent?.trim()).toBe('0:10'), { timeout: 2500 });
    expect(screen.getByTestId('practice-timer').classList.contains('low')).toBe(true);
    now += 10_000;
    await screen.findByTestId('practice-results', {}, { timeout: 2500 });
    expect(api.count('finishPractice')).toBe(1);
  });

  it('resumes an open test after leaving the exam view', async () => {
    const api = await openExam();
    await fireEvent.click(screen.getByTestId('start-practice'));
    await fireEvent.input(await screen.findByTestId('practice-questions'), { target: { value: '2' } });
    await fireEvent.click(screen.getByTestId('practice-start'));
    await screen.findByTestId('practice-question');
    await press('2');
    await screen.findByTestId('practice-feedback');

    await fireEvent.click(screen.getByTestId('nav-decks'));
    await fireEvent.click(await screen.findByTestId('nav-exam'));
    await vi.waitFor(() => expect(screen.getByTestId('practice-position').textContent?.trim()).toBe('Question 2 of 2'));
    expect(api.count('startPractice')).toBe(1);
    expect(api.calls.filter((c) => c.method === 'practiceTest')).toHaveLength(1);

    // Finishing early scores what was answered; the rest counts as wrong.
    await fireEvent.click(screen.getByTestId('practice-finish'));
    expect(within(await screen.findByTestId('practice-results')).getByTestId('practice-score').textContent).toBe('50%');
  });

  it('shows the core’s sentence when a test cannot be made', async () => {
    const api = await openExam();
    await fireEvent.click(screen.getByTestId('start-practice'));
    api.failNext('startPractice', 'No deck feeds a domain of "CLF-C02"; map a deck to a domain or choose a deck for the practice test.');
    await fireEvent.click(await screen.findByTestId('practice-start'));
    expect((await screen.findByRole('alert')).textContent).toContain('No deck feeds a domain');
    expect(screen.getByTestId('practice-start')).toBeTruthy();
  });
});
