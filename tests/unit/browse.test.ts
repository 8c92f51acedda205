import { describe, expect, it } from 'vitest';
import { browseRows, bulkAction, plainExcerpt, searchCardIds, searchCards } from '../../electron/core/browse';
import { peekUndo, undoLatest } from '../../electron/core/undoLog';
import { BROWSE_COLUMNS, type BulkAction } from '../../electron/shared/contract';
import { DAY } from '../../electron/core/time';
import { browseFixture, dumpTables } from './browse-fixture';

describe('browser rows', () => {
  it('show plain-text excerpts and every column', () => {
    const f = browseFixture();
    const [s3, iam, cloze2] = browseRows(f.db, [f.card.s3, f.card.iam, f.card.cloze2], f.now);
    expect(s3).toEqual({
      id: f.card.s3,
      noteId: f.notes.s3.id,
      deckId: f.decks.aws,
      deck: 'AWS',
      front: 'What is Amazon S3?',
      back: 'Object storage',
      tags: ['storage', 'aws::s3'],
      state: 'review',
      suspended: false,
      buried: false,
      flag: 0,
      marked: false,
      due: new Date(f.now + 5 * DAY).toISOString(),
      position: null,
      interval: 15,
      stability: 15,
      difficulty: 5,
      retrievability: expect.closeTo(0.925, 2),
      reps: 4,
      lapses: 1,
      added: new Date(f.now).toISOString(),
      edited: new Date(f.now).toISOString(),
    });
    expect(iam!.back).toBe('Identity and access management');
    expect(iam!.retrievability).toBeLessThan(0.8);
    expect(cloze2).toMatchObject({ front: 'S3 stores [what]', back: 'S3 stores objects Buckets hold them', state: 'new', due: null, position: expect.any(Number), stability: null, retrievability: null, buried: true, flag: 3 });
  });

  it('keep the order of the ids asked for and skip ids that no longer exist', () => {
    const f = browseFixture();
    expect(browseRows(f.db, [f.card.blob, 999, f.card.s3], f.now).map((r) => r.id)).toEqual([f.card.blob, f.card.s3]);
    expect(() => browseRows(f.db, Array.from({ length: 1001 }, (_, i) => i + 1), f.now)).toThrow(/At most 1000/);
  });

  it('strip Markdown, HTML and cloze braces from excerpts', () => {
    expect(plainExcerpt('# Title\n- **bold** and _it_ `code`\n> quote [link](http://x) ![alt](data:x)')).toBe('Title bold and it code quote link alt');
    expect(plainExcerpt('<div>a<br>b &amp; c</div><script>x()</script>')).toBe('a b & c');
    expect(plainExcerpt('{{c1::Paris::city}} is in France')).toBe('Paris is in France');
    expect(plainExcerpt('x'.repeat(500), 20)).toHaveLength(20);
  });

  it('sort by every column, both ways, ties by id', () => {
    const f = browseFixture();
    for (const sort of BROWSE_COLUMNS) {
      const up = searchCardIds(f.db, { query: '', sort }, f.now);
      const down = searchCardIds(f.db, { query: '', sort, descending: true }, f.now);
      expect(up, sort).toHaveLength(7);
      expect([...down].reverse(), sort).toEqual(up);
    }
    const byStability = browseRows(f.db, searchCardIds(f.db, { query: 'is:review', sort: 'stability' }, f.now), f.now).map((r) => r.stability);
    expect(byStability).toEqual([2, 3, 15]);
    const byR = browseRows(f.db, searchCardIds(f.db, { query: 'is:review', sort: 'retrievability' }, f.now), f.now).map((r) => r.retrievability!);
    expect([...byR].sort((a, b) => a - b)).toEqual(byR);
    const byDeck = browseRows(f.db, searchCardIds(f.db, { query: '', sort: 'deck' }, f.now), f.now).map((r) => r.deck);
    expect(byDeck).toEqual(['AWS', 'AWS', 'AWS', 'AWS', 'AWS', 'AWS::Security', 'Azure']);
    // Due: scheduled cards by due time, then new cards by position.
    const due = browseRows(f.db, searchCardIds(f.db, { query: '', sort: 'due' }, f.now), f.now);
    expect(due.map((r) => r.id).slice(0, 3)).toEqual([f.card.iam, f.card.ec2, f.card.s3]);
    expect(due.slice(3).every((r) => r.state === 'new')).toBe(true);
    expect(() => searchCardIds(f.db, { query: '', sort: 'nope' as never }, f.now)).toThrow(/"nope" is not a browser column/);
  });

  it('page with offset and limit, with the total', () => {
    const f = browseFixture();
    const all = searchCardIds(f.db, { query: '', sort: 'front' }, f.now);
    const page1 = searchCards(f.db, { query: '', sort: 'front', offset: 0, limit: 3 }, f.now);
    const page3 = searchCards(f.db, { query: '', sort: 'front', offset: 6, limit: 3 }, f.now);
    expect(page1.total).toBe(7);
    expect(page1.rows.map((r) => r.id)).toEqual(all.slice(0, 3));
    expect(page3.rows.map((r) => r.id)).toEqual(all.slice(6));
    expect(searchCards(f.db, { query: 'tag:storage', offset: 0, limit: 10 }, f.now).total).toBe(3);
    expect(() => searchCards(f.db, { query: '', offset: -1, limit: 3 }, f.now)).toThrow(/offset/);
    expect(() => searchCards(f.db, { query: '', offset: 0, limit: 5000 }, f.now)).toThrow(/page size/);
  });
});

describe('bulk actions, each undone exactly', () => {
  // Each action: what it should change, then undo must give back every table row for row.
  const cases: [string, BulkAction, (f: ReturnType<typeof browseFixture>) => void][] = [
    ['suspend', { kind: 'suspend' }, (f) => {
      expect(searchCardIds(f.db, { query: 'is:suspended' }, f.now).sort()).toEqual([f.card.s3, f.card.iam, f.card.ec2, f.card.ec2Reverse].sort());
    }],
    ['unsuspend', { kind: 'unsuspend' }, (f) => {
      expect(searchCardIds(f.db, { query: 'is:suspended' }, f.now)).toEqual([]);
    }],
    ['bury', { kind: 'bury' }, (f) => {
      expect(searchCardIds(f.db, { query: 'is:buried' }, f.now).length).toBe(5);
    }],
    ['unbury', { kind: 'unbury' }, (f) => {
      expect(searchCardIds(f.db, { query: 'is:buried' }, f.now)).toEqual([f.card.cloze2]);
    }],
    ['move', { kind: 'move', deckId: 3 }, (f) => {
      expect(searchCardIds(f.db, { query: 'deck:Azure' }, f.now).length).toBe(5);
    }],
    ['addTags', { kind: 'addTags', tags: ['exam', 'Storage'] }, (f) => {
      expect(searchCardIds(f.db, { query: 'tag:exam' }, f.now).length).toBe(4);
      // "Storage" was already there as "storage" on s3's note: not added twice.
      expect(f.db.prepare('SELECT tags FROM note WHERE id = ?').pluck().get(f.notes.s3.id)).toBe('storage aws::s3 exam');
    }],
    ['removeTags', { kind: 'removeTags', tags: ['STORAGE', 'security'] }, (f) => {
      expect(searchCardIds(f.db, { query: 'tag:storage' }, f.now).sort()).toEqual([f.card.cloze1, f.card.cloze2].sort());
    }],
    ['mark', { kind: 'mark' }, (f) => {
      expect(searchCardIds(f.db, { query: 'is:marked' }, f.now).sort()).toEqual([f.card.s3, f.card.iam, f.card.ec2, f.card.ec2Reverse].sort());
    }],
    ['flag', { kind: 'flag', flag: 5 }, (f) => {
      expect(searchCardIds(f.db, { query: 'flag:5' }, f.now).length).toBe(4);
    }],
    ['forget', { kind: 'forget' }, (f) => {
      const rows = browseRows(f.db, [f.card.s3, f.card.iam, f.card.ec2], f.now);
      expect(rows.map((r) => r.state)).toEqual(['new', 'new', 'new']);
      expect(rows.map((r) => r.reps)).toEqual([4, 2, 5]);
      // At the end of each deck's new queue, in the order selected.
      const others = f.db.prepare('SELECT max(position) FROM card WHERE deck_id = ? AND id NOT IN (?, ?, ?)').pluck().get(f.decks.aws, f.card.s3, f.card.ec2, f.card.ec2Reverse) as number;
      const [reverse] = browseRows(f.db, [f.card.ec2Reverse], f.now);
      expect([rows[0]!.position, rows[2]!.position, reverse!.position]).toEqual([others + 1, others + 2, others + 3]);
      expect(f.db.prepare('SELECT count(*) FROM review').pluck().get()).toBe(0);
    }],
    ['forget, resetting counts', { kind: 'forget', resetCounts: true }, (f) => {
      expect(browseRows(f.db, [f.card.s3], f.now)[0]).toMatchObject({ state: 'new', reps: 0, lapses: 0 });
    }],
    ['reschedule', { kind: 'reschedule', date: '2026-03-20' }, (f) => {
      const [s3, iam, ec2, reverse] = browseRows(f.db, [f.card.s3, f.card.iam, f.card.ec2, f.card.ec2Reverse], f.now);
      const due = new Date(2026, 2, 20, 4).toISOString();
      expect([s3!.due, iam!.due, ec2!.due, reverse!.due]).toEqual([due, due, due, due]);
      expect(s3).toMatchObject({ state: 'review', stability: 15, interval: 28 });
      // A new card became a review card that reaches 90 % recall on that day.
      expect(reverse).toMatchObject({ state: 'review', interval: 18 });
      expect(reverse!.stability).toBeCloseTo(18, 0);
      expect(reverse!.retrievability).toBeCloseTo(1, 5);
    }],
    ['delete', { kind: 'delete' }, (f) => {
      expect(f.db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(3);
      expect(f.db.prepare('SELECT count(*) FROM note').pluck().get()).toBe(2);
      expect(f.db.prepare('SELECT count(*) FROM review').pluck().get()).toBe(0);
    }],
  ];

  it.each(cases)('%s', (_name, action, check) => {
    const f = browseFixture();
    const selected = [f.card.s3, f.card.iam, f.card.ec2, f.card.ec2Reverse];
    if (action.kind === 'unsuspend' || action.kind === 'unbury') {
      bulkAction(f.db, selected, { kind: action.kind === 'unsuspend' ? 'suspend' : 'bury' }, f.now);
    }
    // Reviews too, so delete and forget have history to keep or restore.
    f.db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability, difficulty, elapsed_days, scheduled_days, duration_ms, undo)
      VALUES (?, ?, 3, 2, 2, ?, 15, 5, 10, 15, 4000, '{}')`).run(f.card.s3, f.now - 10 * DAY, f.now + 5 * DAY);
    if (action.kind === 'forget') f.db.exec('DELETE FROM review');
    const before = dumpTables(f.db);
    const result = bulkAction(f.db, selected, action, f.now);
    expect(result.kind).toBe(action.kind);
    expect(result.label).toMatch(/\w/);
    check(f);
    expect(peekUndo(f.db)).toMatchObject({ source: 'action', kind: action.kind, label: result.label });
    expect(undoLatest(f.db, f.study)?.step.label).toBe(result.label);
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('delete takes the whole notes with their review history and practice links, and undo brings them back with the same ids', () => {
    const f = browseFixture();
    f.study.answer({ cardId: f.card.cloze1, rating: 'good', durationMs: 3000 });
    f.clock.advance(60_000);
    f.db.exec(`INSERT INTO practice_test (id, started_at, question_count) VALUES (1, ${f.now}, 1);
      INSERT INTO practice_answer (test_id, position, card_id, prompt, choices, correct_index) VALUES (1, 0, ${f.card.cloze2}, 'q', '[]', 0);`);
    const before = dumpTables(f.db);
    const result = bulkAction(f.db, [f.card.cloze2], { kind: 'delete' }, f.clock.now);
    expect(result).toMatchObject({ cards: 2, notes: 1, label: 'Delete 1 note (2 cards)' });
    expect(f.db.prepare('SELECT count(*) FROM review').pluck().get()).toBe(0);
    expect(f.db.prepare('SELECT card_id FROM practice_answer').pluck().get()).toBeNull();
    undoLatest(f.db, f.study);
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('toggleMark marks, then unmarks when every note is marked', () => {
    const f = browseFixture();
    expect(bulkAction(f.db, [f.card.s3], { kind: 'toggleMark' }, f.now)).toMatchObject({ kind: 'mark', notes: 1, cards: 1 });
    expect(browseRows(f.db, [f.card.s3], f.now)[0]!.marked).toBe(true);
    expect(bulkAction(f.db, [f.card.s3], { kind: 'toggleMark' }, f.now)).toMatchObject({ kind: 'unmark', notes: 1 });
    expect(browseRows(f.db, [f.card.s3], f.now)[0]!.marked).toBe(false);
  });

  it('refuse bad input and change nothing', () => {
    const f = browseFixture();
    const before = dumpTables(f.db);
    expect(() => bulkAction(f.db, [], { kind: 'suspend' }, f.now)).toThrow('Select at least one card.');
    expect(() => bulkAction(f.db, [f.card.s3, 999], { kind: 'suspend' }, f.now)).toThrow('There is no card with id 999.');
    expect(() => bulkAction(f.db, [f.card.s3], { kind: 'move', deckId: 99 }, f.now)).toThrow('There is no deck with id 99.');
    expect(() => bulkAction(f.db, [f.card.s3], { kind: 'flag', flag: 8 }, f.now)).toThrow(/flag is a number from 0/);
    expect(() => bulkAction(f.db, [f.card.s3], { kind: 'addTags', tags: [' '] }, f.now)).toThrow('Give at least one tag.');
    expect(() => bulkAction(f.db, [f.card.s3], { kind: 'reschedule', date: '2026-03-01' }, f.now)).toThrow(/2026-03-01 is in the past/);
    expect(() => bulkAction(f.db, [f.card.s3], { kind: 'reschedule', date: '2026-02-30' }, f.now)).toThrow(/2026-02-30/);
    expect(dumpTables(f.db)).toEqual(before);
    expect(peekUndo(f.db)?.kind).toBe('addNote');
  });

  it('record nothing to undo when nothing changed', () => {
    const f = browseFixture();
    const top = peekUndo(f.db);
    expect(bulkAction(f.db, [f.card.ec2Reverse], { kind: 'suspend' }, f.now).cards).toBe(0);
    expect(peekUndo(f.db)).toEqual(top);
  });
});

describe('one undo stack for answers and actions', () => {
  it('undoes the latest first, whichever kind it is', () => {
    const f = browseFixture();
    const start = dumpTables(f.db);
    f.clock.advance(1000);
    f.study.answer({ cardId: f.card.blob, rating: 'good', durationMs: 1000 });
    f.clock.advance(1000);
    bulkAction(f.db, [f.card.s3], { kind: 'suspend' }, f.clock.now);
    f.clock.advance(1000);
    f.study.answer({ cardId: f.card.cloze1, rating: 'again', durationMs: 1000 });
    expect(peekUndo(f.db)).toMatchObject({ source: 'review', kind: 'answer', label: `Answer card ${f.card.cloze1}` });
    expect(undoLatest(f.db, f.study)?.step).toMatchObject({ source: 'review', kind: 'answer' });
    expect(undoLatest(f.db, f.study)?.step).toMatchObject({ source: 'action', kind: 'suspend' });
    const third = undoLatest(f.db, f.study);
    expect(third?.step).toMatchObject({ source: 'review' });
    expect(third && 'review' in third ? third.review.card.id : null).toBe(f.card.blob);
    // Then the fixture's own adds and deck creations, latest first, down to an empty collection.
    expect(dumpTables(f.db)).toEqual(start);
    const kinds: string[] = [];
    for (let u = undoLatest(f.db, f.study); u; u = undoLatest(f.db, f.study)) kinds.push(u.step.kind);
    expect(kinds).toEqual(['addNote', 'addNote', 'addNote', 'addNote', 'addNote', 'createDeck', 'createDeck', 'createDeck']);
    expect(f.db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(0);
    expect(undoLatest(f.db, f.study)).toBeNull();
  });

  it('orders an answer and an action given at the same millisecond by the review mark', () => {
    const f = browseFixture();
    bulkAction(f.db, [f.card.s3], { kind: 'flag', flag: 2 }, f.now);
    f.study.answer({ cardId: f.card.blob, rating: 'good', durationMs: 1000 });
    expect(peekUndo(f.db)?.source).toBe('review');
    undoLatest(f.db, f.study);
    expect(peekUndo(f.db)).toMatchObject({ source: 'action', kind: 'flag' });
  });

  it('restores a deleted card under a new id when an import reused its id, with its history', () => {
    const f = browseFixture();
    f.study.answer({ cardId: f.card.cloze2, rating: 'good', durationMs: 1000 });
    f.clock.advance(1000);
    bulkAction(f.db, [f.card.cloze2], { kind: 'delete' }, f.clock.now);
    // Something that bypasses the undo log (an import) takes the freed ids.
    f.db.prepare("INSERT INTO note (id, deck_id, guid, created_at, updated_at) VALUES (?, ?, 'imported', 0, 0)").run(f.notes.cloze.id, f.decks.azure);
    f.db.prepare("INSERT INTO card (id, note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, ?, 0, 'imported', 'x', 1, 0)").run(f.card.cloze2, f.notes.cloze.id, f.decks.azure);
    undoLatest(f.db, f.study);
    const restored = f.db.prepare("SELECT c.id, c.front FROM card c JOIN note n ON n.id = c.note_id WHERE n.guid <> 'imported' AND c.front LIKE '%stores%' ORDER BY c.ord").all() as { id: number; front: string }[];
    expect(restored).toHaveLength(2);
    expect(restored[1]!.id).not.toBe(f.card.cloze2);
    expect(f.db.prepare('SELECT card_id FROM review').pluck().all()).toEqual([restored[1]!.id]);
    expect(f.db.prepare("SELECT front FROM card WHERE id = ?").pluck().get(f.card.cloze2)).toBe('imported');
  });

  it('keeps at most 50 undo steps', () => {
    const f = browseFixture();
    for (let i = 0; i < 60; i++) bulkAction(f.db, [f.card.s3], { kind: 'flag', flag: (i % 7) + 1 }, f.now + i);
    expect(f.db.prepare('SELECT count(*) FROM undo_action').pluck().get()).toBe(50);
  });
});
