import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';

const decksFolder = resolve('decks');
const NOW = '2026-11-23T09:00:00Z';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const status = await runCli(args, { env, decksFolder, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { status, out, err, json: () => JSON.parse(out) as unknown };
}

function freshDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'stratus-cli-')), 'collection.stratus');
}

describe('CLI', () => {
  it('lists decks with counts', async () => {
    const db = freshDb();
    const r = (await cli(['decks', '--db', db, '--now', NOW, '--json']));
    expect(r.status).toBe(0);
    expect(r.json()).toEqual([
      { id: 1, name: 'AWS Shared Responsibility Model', total: expect.any(Number), new: expect.any(Number), learning: 0, review: 0, dueToday: 20 },
      { id: 2, name: 'Gedeeldeverantwoordelijkheidsmodel van AWS', total: expect.any(Number), new: expect.any(Number), learning: 0, review: 0, dueToday: 20 },
    ]);
    const [deck] = r.json() as { total: number; new: number }[];
    expect(deck!.total).toBeGreaterThanOrEqual(30);
    expect(deck!.new).toBe(deck!.total);
  });

  it('walks next → answer → undo with the documented JSON shapes', async () => {
    const db = freshDb();
    const base = ['--db', db, '--now', NOW, '--json'];
    const next = (await cli(['next', '--deck', 'AWS Shared Responsibility Model', ...base])).json() as Record<string, unknown>;
    expect(Object.keys(next).sort()).toEqual(['back', 'front', 'id', 'state']);
    expect(next.state).toBe('new');
    const answered = (await cli(['answer', String(next.id), 'good', ...base])).json();
    expect(answered).toEqual({
      id: next.id,
      state: 'learning',
      due: '2026-11-23T09:10:00.000Z',
      stability: expect.any(Number),
      difficulty: expect.any(Number),
      reps: 1,
      lapses: 0,
      lastReview: '2026-11-23T09:00:00.000Z',
    });
    const undone = (await cli(['undo', ...base])).json();
    expect(undone).toEqual({ id: next.id, state: 'new', due: expect.any(String), stability: 0, difficulty: 0, reps: 0, lapses: 0, lastReview: null });
    const cards = (await cli(['cards', '--deck', '1', ...base])).json() as Record<string, unknown>[];
    expect(Object.keys(cards[0]!).sort()).toEqual(['back', 'difficulty', 'due', 'front', 'id', 'lapses', 'lastReview', 'reps', 'stability', 'state', 'tags']);
    expect(cards[0]!.tags).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it('prints null when the day\'s work is done', async () => {
    const db = freshDb();
    const base = ['--db', db, '--now', NOW, '--json'];
    for (let i = 0; i < 20; i++) {
      const next = (await cli(['next', '--deck', '1', ...base])).json() as { id: number };
      await cli(['answer', String(next.id), 'easy', ...base]);
    }
    const done = (await cli(['next', '--deck', '1', ...base]));
    expect(done.status).toBe(0);
    expect(done.json()).toBeNull();
  });

  it('prints readable text without --json', async () => {
    const r = (await cli(['decks', '--db', freshDb(), '--now', NOW]));
    expect(r.out).toMatch(/^ID\s+Deck\s+Total\s+New/);
    expect(r.out).toContain('AWS Shared Responsibility Model');
  });

  it.each([
    [['answer', '1', 'great'], 2, /"great" is not a rating: use again, hard, good or easy\./],
    [['next'], 2, /needs --deck/],
    [['next', '--deck', 'Biology'], 1, /There is no deck called "Biology"/],
    [['answer', '99999', 'good'], 1, /There is no card with id 99999\./],
    [['undo'], 1, /There is nothing to undo\./],
    [['fly'], 2, /"fly" is not a command/],
    [['decks', '--now', 'tomorrow'], 2, /--now "tomorrow" is not an ISO-8601 date/],
    [['decks', '--colour'], 1, /Unknown option '--colour'/],
    [['stats', '--exam-date', '15/12/2026'], 2, /--exam-date "15\/12\/2026" is not a date such as 2026-12-15/],
    [['stats', '--exam-date', '2026-02-30'], 1, /The exam date "2026-02-30" is not a calendar date/],
    [['stats', '--deck', 'Biology'], 1, /There is no deck called "Biology"/],
  ])('reports %j on stderr with status %i', async (args, status, message) => {
    const r = (await cli([...args, '--db', freshDb()]));
    expect(r.status).toBe(status);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('prints stats with exam readiness in the documented JSON shape', async () => {
    const db = freshDb();
    const base = ['--db', db, '--json'];
    for (const id of [1, 2, 3]) (await cli(['answer', String(id), 'easy', '--now', NOW, ...base]));
    (await cli(['answer', '1', 'good', '--now', '2026-12-05T09:00:00Z', ...base]));
    const r = (await cli(['stats', '--now', '2026-12-05T10:00:00Z', '--exam-date', '2026-12-15', ...base]));
    expect(r.status).toBe(0);
    const stats = r.json() as Record<string, unknown> & {
      forecast: { date: string; due: number }[];
      readiness: { perDomain: Record<string, unknown>[]; perDeck: Record<string, unknown>[] } & Record<string, unknown>;
    };
    expect(Object.keys(stats).sort()).toEqual(['cards', 'forecast', 'readiness', 'retention', 'reviewed']);
    // The exam maps only the English built-in deck; stats.cards also counts the Dutch one.
    const english = ((await cli(['cards', '--deck', '1', ...base])).json() as unknown[]).length;
    expect(stats.reviewed).toBe(3);
    expect(stats.retention).toEqual({ days: 30, since: expect.any(String), reviews: 1, passed: 1, failed: 0, rate: 1 });
    expect(stats.forecast).toHaveLength(30);
    expect(stats.forecast[0]).toEqual({ date: '2026-12-05', due: expect.any(Number) });
    expect(stats.forecast.reduce((a, d) => a + d.due, 0)).toBeGreaterThan(0);
    expect(stats.readiness).toEqual({
      exam: 'AWS Certified Cloud Practitioner (CLF-C02)',
      examDate: '2026-12-15',
      predictedRecall: expect.any(Number),
      coveredWeight: 0.3,
      coverage: expect.any(Number),
      perDeck: [
        { deck: 'AWS Shared Responsibility Model', domain: 'Security and Compliance', cards: english, predictedRecall: expect.any(Number), coverage: expect.any(Number) },
        { deck: 'Gedeeldeverantwoordelijkheidsmodel van AWS', domain: null, cards: (stats.cards as number) - english, predictedRecall: 0, coverage: 0 },
      ],
      perDomain: [
        { domain: 'Cloud Concepts', weight: 0.24, covered: false, cards: 0, predictedRecall: null, coverage: null, practiceScore: null, practiceAnswered: 0 },
        { domain: 'Security and Compliance', weight: 0.3, covered: true, cards: english, predictedRecall: expect.any(Number), coverage: 3 / english, practiceScore: null, practiceAnswered: 0 },
        { domain: 'Cloud Technology and Services', weight: 0.34, covered: false, cards: 0, predictedRecall: null, coverage: null, practiceScore: null, practiceAnswered: 0 },
        { domain: 'Billing, Pricing and Support', weight: 0.12, covered: false, cards: 0, predictedRecall: null, coverage: null, practiceScore: null, practiceAnswered: 0 },
      ],
      passProbability: expect.any(Number),
      passModel: expect.stringMatching(/^Pass probability assumes/),
      // Practice and projection figures: checked in tests/unit/exam-cli.test.ts.
      practiceScore: null,
      practiceModel: expect.any(String),
      projected: expect.objectContaining({ predictedRecall: expect.any(Number), dailyReviews: expect.any(Array) }),
    });
    const readiness = stats.readiness as unknown as { predictedRecall: number; passProbability: number };
    expect(readiness.predictedRecall).toBeGreaterThan(0);
    expect(readiness.predictedRecall).toBeLessThan(1);
    expect(readiness.passProbability).toBeLessThan(0.01);
    const one = (await cli(['stats', '--deck', '1', '--now', '2026-12-05T10:00:00Z', '--exam-date', '2026-12-15', ...base])).json() as typeof stats;
    expect(one.readiness.perDeck).toHaveLength(1);
  });

  it('prints stats as text and says how to set an exam date', async () => {
    const db = freshDb();
    const r = (await cli(['stats', '--db', db, '--now', NOW]));
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^All decks: \d+ cards, 0 reviewed at least once\./);
    expect(r.out).toContain('no exam date is set; pass --exam-date YYYY-MM-DD');
    expect(((await cli(['stats', '--db', db, '--now', NOW, '--json'])).json() as { readiness: unknown }).readiness).toBeNull();
    const dated = (await cli(['stats', '--db', db, '--now', NOW, '--exam-date', '2026-12-15']));
    expect(dated.out).toContain('Exam readiness for AWS Certified Cloud Practitioner (CLF-C02) on 2026-12-15');
    expect(dated.out).toMatch(/Cloud Concepts\s+24 %\s+uncovered/);
  });

  it('refuses a file that is not a collection', async () => {
    const r = (await cli(['decks', '--db', resolve('package.json')]));
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/package\.json: is not a Stratus collection/);
  });

  it('uses STRATUS_DB when --db is absent', async () => {
    const db = freshDb();
    (await cli(['answer', '1', 'good', '--now', NOW], { STRATUS_DB: db }));
    const cards = (await cli(['cards', '--deck', '1', '--db', db, '--json'])).json() as { reps: number }[];
    expect(cards[0]!.reps).toBe(1);
  });

  it('runs through npm as README documents', async () => {
    const db = freshDb();
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'next', '--deck', '1', '--db', db, '--now', NOW, '--json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toMatchObject({ id: 1, state: 'new' });
    const bad = spawnSync('npm', ['run', '--silent', 'cli', '--', 'answer', '1', 'meh', '--db', db], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('"meh" is not a rating');
  }, 60_000);
});
