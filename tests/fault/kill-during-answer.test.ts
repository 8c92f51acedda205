// Crash safety of answering: a child process answers cards in a tight loop and acknowledges each
// answer on stdout after answer() returned; we SIGKILL it at arbitrary moments, several rounds on
// the same file, and after each kill check that every acknowledged review survived, the file is
// intact, and no card is half-answered (its row equals what its latest review logged).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CHILD = join(__dirname, 'answer-loop.ts');
const START = Date.parse('2026-11-23T09:00:00Z');

interface Ack {
  cardId: number;
  reviewedAt: number;
  rating: string;
}

interface Round {
  acks: Ack[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/**
 * One child run. It is killed either synchronously on reading its `killAfterAck`-th ack (the
 * child is then somewhere inside a later answer) or `killAfterMs` after its 50th ack.
 */
function runAndKill(dbFile: string, seed: number, plan: { killAfterAck: number } | { killAfterMs: number }): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, String(START), String(seed)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // If the child never gets going, don't hang the suite.
    const watchdog = setTimeout(kill, 15_000);
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!; // an unfinished line is not an acknowledgement
      for (const line of lines) {
        const m = /^ack (\d+) (\d+) (\w+)$/.exec(line);
        if (!m) continue;
        acks.push({ cardId: Number(m[1]), reviewedAt: Number(m[2]), rating: m[3]! });
        if ('killAfterAck' in plan && acks.length >= plan.killAfterAck) kill();
        if ('killAfterMs' in plan && acks.length === 50) setTimeout(kill, plan.killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolvePromise({ acks, signal, code, stderr });
    });
  });
}

interface CardRow {
  id: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  reps: number;
  last_review: number | null;
  buried_until: number | null;
}

interface ReviewRow {
  id: number;
  card_id: number;
  reviewed_at: number;
  rating: number;
  state_before: number;
  state_after: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  undo: string;
}

const RATING_CODES: Record<string, number> = { again: 1, hard: 2, good: 3, easy: 4 };

/** Everything we require of the file after a crash, given every ack so far. */
function checkFile(dbFile: string, allAcks: Ack[]): { reviews: ReviewRow[] } {
  // A plain connection, as any reader would open the file after a crash: it recovers the WAL.
  const db = new Database(dbFile);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const reviews = db.prepare('SELECT * FROM review ORDER BY reviewed_at, id').all() as ReviewRow[];
    const byKey = new Map(reviews.map((r) => [`${r.card_id}@${r.reviewed_at}`, r]));
    const missing = allAcks.filter((a) => !byKey.has(`${a.cardId}@${a.reviewedAt}`));
    expect(missing, 'acknowledged reviews missing from the review table').toEqual([]);
    for (const a of allAcks) expect(byKey.get(`${a.cardId}@${a.reviewedAt}`)!.rating).toBe(RATING_CODES[a.rating]);

    // No half-written answer: each card row is exactly what its latest review logged, and the
    // chain of reviews is unbroken (each review's undo record is the previous review's outcome).
    const cards = db.prepare('SELECT id, state, due, stability, difficulty, scheduled_days, reps, last_review, buried_until FROM card').all() as CardRow[];
    const history = new Map<number, ReviewRow[]>();
    for (const r of reviews) history.set(r.card_id, [...(history.get(r.card_id) ?? []), r]);
    for (const card of cards) {
      const log = history.get(card.id) ?? [];
      const last = log.at(-1);
      if (!last) {
        expect(card, `card ${card.id} was never answered`).toMatchObject({ state: 0, reps: 0, last_review: null });
        continue;
      }
      expect(
        { id: card.id, state: card.state, due: card.due, stability: card.stability, difficulty: card.difficulty, scheduled_days: card.scheduled_days, reps: card.reps, last_review: card.last_review },
        `card ${card.id} against its latest review ${last.id}`,
      ).toEqual({
        id: card.id,
        state: last.state_after,
        due: last.due,
        stability: last.stability,
        difficulty: last.difficulty,
        scheduled_days: last.scheduled_days,
        reps: log.length,
        last_review: last.reviewed_at,
      });
      log.forEach((r, i) => {
        const before = (JSON.parse(r.undo) as { card: { state: number; due: number; stability: number; reps: number } }).card;
        const prev = log[i - 1];
        expect(before.state, `review ${r.id}: undo record vs state_before`).toBe(r.state_before);
        expect(before.reps, `review ${r.id}: reps before`).toBe(i);
        if (prev) expect([before.state, before.due, before.stability]).toEqual([prev.state_after, prev.due, prev.stability]);
      });
    }
    return { reviews };
  } finally {
    db.close();
  }
}

describe('SIGKILL while answering', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-fault-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged review and never leaves a half-written answer', async () => {
    const dbFile = join(dir, 'collection.db');
    // Different kill moments: right on an ack (the child is then between answers or inside the
    // next one), and after various delays (anywhere in its loop).
    const plans = [{ killAfterAck: 50 }, { killAfterMs: 37 }, { killAfterAck: 173 }, { killAfterMs: 3 }, { killAfterMs: 120 }, { killAfterAck: 311 }];
    const allAcks: Ack[] = [];
    let known = 0;
    for (const [i, plan] of plans.entries()) {
      const round = await runAndKill(dbFile, 1000 + i, plan);
      expect(round.signal, `round ${i}: the child should die of SIGKILL (exit ${round.code}; stderr: ${round.stderr})`).toBe('SIGKILL');
      expect(round.acks.length, `round ${i}: acks before the kill`).toBeGreaterThanOrEqual(50);
      allAcks.push(...round.acks);

      const { reviews } = checkFile(dbFile, allAcks);
      // At most one answer can have committed without its ack reaching us: the one in flight.
      const added = reviews.length - known;
      expect(added, `round ${i}: reviews added vs acks ${round.acks.length}`).toBeGreaterThanOrEqual(round.acks.length);
      expect(added).toBeLessThanOrEqual(round.acks.length + 1);
      known = reviews.length;
    }
    expect(allAcks.length).toBeGreaterThanOrEqual(plans.length * 50);
  }, 60_000);
});
