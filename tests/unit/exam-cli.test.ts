import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';

const decksFolder = resolve('decks');
const NOW = '2026-11-23T09:00:00Z';

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(args, { env: {}, decksFolder, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { status, out, err, json: <T>() => JSON.parse(out) as T };
}

describe('CLI: exam, stats projection, practice, retention, optimize', () => {
  it('sets the exam date and exam-aware scheduling, and stats shows the projection', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'stratus-exam-')), 'c.stratus');
    const base = ['--db', db, '--now', NOW, '--json'];
    for (const id of [1, 2, 3]) expect((await cli(['answer', String(id), 'good', ...base])).status).toBe(0);
    const exam = (await cli(['exam', '--date', '2026-12-15', '--exam-aware', 'on', ...base])).json<{ examDate: string; examAwareScheduling: boolean }>();
    expect(exam).toMatchObject({ examDate: '2026-12-15', examAwareScheduling: true });
    const stats = (await cli(['stats', ...base])).json<{ readiness: { projected: { predictedRecall: number; dailyReviews: { date: string; answers: number }[]; examAwareScheduling: boolean; model: string } } }>();
    const p = stats.readiness.projected;
    expect(p.examAwareScheduling).toBe(true);
    expect(p.dailyReviews[0]!.date).toBe('2026-11-23');
    expect(p.dailyReviews.at(-1)!.date).toBe('2026-12-14');
    expect(p.predictedRecall).toBeGreaterThan(0);
    expect(p.model).toMatch(/^The projection simulates/);
    expect((await cli(['exam', '--exam-aware', 'maybe', ...base])).err).toMatch(/--exam-aware "maybe" must be on or off/);
    expect((await cli(['exam', '--map', 'Nope=Cloud Concepts', ...base])).err).toMatch(/There is no deck called "Nope"/);
    const mapped = (await cli(['exam', '--map', '1=none', ...base])).json<{ domains: { decks: unknown[] }[] }>();
    expect(mapped.domains.every((d) => d.decks.length === 0)).toBe(true);
  });

  it('runs a practice test end to end', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'stratus-practice-')), 'c.stratus');
    const base = ['--db', db, '--now', NOW, '--json'];
    const test = (await cli(['practice', 'start', '--questions', '4', '--minutes', '15', ...base])).json<{ id: number; questions: { position: number; choices: string[]; correct: number | null }[] }>();
    expect(test.questions).toHaveLength(4);
    const answered = (await cli(['practice', 'answer', String(test.id), '1', 'A', ...base])).json<{ remaining: number; chosen: number }>();
    expect(answered).toMatchObject({ remaining: 3, chosen: 0 });
    const text = await cli(['practice', 'answer', String(test.id), '2', 'b', '--db', db, '--now', NOW]);
    expect(text.out).toMatch(/^(Correct|Wrong: the answer is [A-D])\. 2 questions left\.\n$/);
    const result = (await cli(['practice', 'finish', String(test.id), ...base])).json<{ answered: number; questions: number }>();
    expect(result).toMatchObject({ answered: 2, questions: 4 });
    expect((await cli(['practice', 'results', ...base])).json<unknown[]>()).toHaveLength(1);
    expect((await cli(['practice', 'answer', String(test.id), '3', 'Z', ...base])).err).toMatch(/can no longer be answered/);
    expect((await cli(['practice', 'fly', ...base])).err).toMatch(/"practice" needs one of start, show, answer, finish or results, not "fly"/);
  });

  it('shows the workload per retention, sets the retention and optimizes on request', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'stratus-retention-')), 'c.stratus');
    const base = ['--db', db, '--now', NOW, '--json'];
    const w = (await cli(['retention', '0.85', ...base])).json<{ current: number; rows: { desiredRetention: number }[]; days: number }>();
    expect(w.current).toBe(0.85);
    expect(w.rows[0]!.desiredRetention).toBe(0.7);
    expect(w.rows.at(-1)!.desiredRetention).toBe(0.97);
    expect((await cli(['retention', '0.99', ...base])).err).toMatch(/The desired retention must be a number from 0\.70 to 0\.97\./);
    const o = (await cli(['optimize', '--apply', ...base])).json<{ status: string; applied: boolean; message: string; workload: unknown }>();
    expect(o).toMatchObject({ status: 'insufficient', applied: false });
    expect(o.message).toMatch(/you have 0\./);
    expect(o.workload).toBeDefined();
  });
});
