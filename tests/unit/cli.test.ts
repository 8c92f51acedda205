import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';

const decksFolder = resolve('decks');
const NOW = '2026-11-23T09:00:00Z';

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const status = runCli(args, { env, decksFolder, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { status, out, err, json: () => JSON.parse(out) as unknown };
}

function freshDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'stratus-cli-')), 'collection.stratus');
}

describe('CLI', () => {
  it('lists decks with counts', () => {
    const db = freshDb();
    const r = cli(['decks', '--db', db, '--now', NOW, '--json']);
    expect(r.status).toBe(0);
    expect(r.json()).toEqual([
      { id: 1, name: 'AWS Shared Responsibility Model', total: expect.any(Number), new: expect.any(Number), learning: 0, review: 0, dueToday: 20 },
    ]);
    const [deck] = r.json() as { total: number; new: number }[];
    expect(deck!.total).toBeGreaterThanOrEqual(30);
    expect(deck!.new).toBe(deck!.total);
  });

  it('walks next → answer → undo with the documented JSON shapes', () => {
    const db = freshDb();
    const base = ['--db', db, '--now', NOW, '--json'];
    const next = cli(['next', '--deck', 'AWS Shared Responsibility Model', ...base]).json() as Record<string, unknown>;
    expect(Object.keys(next).sort()).toEqual(['back', 'front', 'id', 'state']);
    expect(next.state).toBe('new');
    const answered = cli(['answer', String(next.id), 'good', ...base]).json();
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
    const undone = cli(['undo', ...base]).json();
    expect(undone).toEqual({ id: next.id, state: 'new', due: expect.any(String), stability: 0, difficulty: 0, reps: 0, lapses: 0, lastReview: null });
    const cards = cli(['cards', '--deck', '1', ...base]).json() as Record<string, unknown>[];
    expect(Object.keys(cards[0]!).sort()).toEqual(['back', 'difficulty', 'due', 'front', 'id', 'lapses', 'lastReview', 'reps', 'stability', 'state', 'tags']);
    expect(cards[0]!.tags).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it('prints null when the day\'s work is done', () => {
    const db = freshDb();
    const base = ['--db', db, '--now', NOW, '--json'];
    for (let i = 0; i < 20; i++) {
      const next = cli(['next', '--deck', '1', ...base]).json() as { id: number };
      cli(['answer', String(next.id), 'easy', ...base]);
    }
    const done = cli(['next', '--deck', '1', ...base]);
    expect(done.status).toBe(0);
    expect(done.json()).toBeNull();
  });

  it('prints readable text without --json', () => {
    const r = cli(['decks', '--db', freshDb(), '--now', NOW]);
    expect(r.out).toMatch(/^ID\s+Deck\s+Total\s+New/);
    expect(r.out).toContain('AWS Shared Responsibility Model');
  });

  it.each([
    [['answer', '1', 'great'], 2, /"great" is not a rating: use again, hard, good or easy\./],
    [['next'], 2, /needs --deck/],
    [['next', '--deck', 'Biology'], 1, /There is no deck called "Biology"/],
    [['answer', '99999', 'good'], 1, /There is no card with id 99999\./],
    [['undo'], 1, /There is no answer to undo\./],
    [['fly'], 2, /"fly" is not a command/],
    [['decks', '--now', 'tomorrow'], 2, /--now "tomorrow" is not an ISO-8601 date/],
    [['decks', '--colour'], 1, /Unknown option '--colour'/],
  ])('reports %j on stderr with status %i', (args, status, message) => {
    const r = cli([...args, '--db', freshDb()]);
    expect(r.status).toBe(status);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file that is not a collection', () => {
    const r = cli(['decks', '--db', resolve('package.json')]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/package\.json: is not a Stratus collection/);
  });

  it('uses STRATUS_DB when --db is absent', () => {
    const db = freshDb();
    cli(['answer', '1', 'good', '--now', NOW], { STRATUS_DB: db });
    const cards = cli(['cards', '--deck', '1', '--db', db, '--json']).json() as { reps: number }[];
    expect(cards[0]!.reps).toBe(1);
  });

  it('runs through npm as README documents', () => {
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
