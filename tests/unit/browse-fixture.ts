// A small collection for the browser, search, editing and undo tests: three decks (one nested),
// basic, reversed and cloze notes, cards in every state, flags, tags and a review.
import type { Database } from 'better-sqlite3';
import { openCollection } from '../../electron/core/db/collection';
import { createDeck } from '../../electron/core/deckAdmin';
import { addNote } from '../../electron/core/edit';
import { Study } from '../../electron/core/study';
import { DAY } from '../../electron/core/time';
import type { EditableNoteKind } from '../../electron/shared/contract';
import { TestClock } from './helpers';

export const NOW = Date.parse('2026-03-02T08:00:00Z');

export function browseFixture(now = NOW) {
  const db: Database = openCollection(':memory:');
  const clock = new TestClock(now);
  const study = new Study(db, clock.read);
  const aws = createDeck(db, 'AWS', now).id;
  const security = createDeck(db, 'AWS::Security', now).id;
  const azure = createDeck(db, 'Azure', now).id;
  const add = (deckId: number, fields: string[], tags: string[] = [], kind: EditableNoteKind = 'basic') =>
    addNote(db, { deckId, kind, fields, tags }, now);
  const s3 = add(aws, ['What is Amazon S3?', 'Object storage'], ['storage', 'aws::s3']);
  const iam = add(security, ['What does IAM do?', 'Identity and *access* management'], ['security']);
  const blob = add(azure, ['What is Blob storage?', 'Object storage in Azure']);
  const ec2 = add(aws, ['EC2', 'Virtual servers'], ['compute'], 'reversed');
  const cloze = add(aws, ['{{c1::S3}} stores {{c2::objects::what}}', 'Buckets hold them'], ['storage'], 'cloze');
  const card = {
    s3: s3.cards[0]!.id,
    iam: iam.cards[0]!.id,
    blob: blob.cards[0]!.id,
    ec2: ec2.cards[0]!.id,
    ec2Reverse: ec2.cards[1]!.id,
    cloze1: cloze.cards[0]!.id,
    cloze2: cloze.cards[1]!.id,
  };
  const set = (id: number, values: Record<string, unknown>) =>
    db.prepare(`UPDATE card SET ${Object.keys(values).map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...values, id });
  // s3: a solid review card (stability 15, reviewed 10 days ago, due in 5 days).
  set(card.s3, { state: 2, stability: 15, difficulty: 5, last_review: now - 10 * DAY, due: now + 5 * DAY, scheduled_days: 15, reps: 4, lapses: 1 });
  // iam: an overdue review card with low stability (low retrievability now).
  set(card.iam, { state: 2, stability: 3, difficulty: 7, last_review: now - 20 * DAY, due: now - DAY, scheduled_days: 3, reps: 2, lapses: 0 });
  // ec2: relearning, due a minute ago; its reverse is suspended; cloze 2 buried and flagged.
  set(card.ec2, { state: 3, stability: 2, difficulty: 8, last_review: now - 30 * 60_000, due: now - 60_000, reps: 5, lapses: 2, flag: 1 });
  set(card.ec2Reverse, { suspended: 1 });
  set(card.cloze2, { buried_until: now + DAY, flag: 3 });
  return { db, clock, study, now, decks: { aws, security, azure }, notes: { s3, iam, blob, ec2, cloze }, card };
}

/** Every row of every table, for before/after comparisons (undo, restore). */
export function dumpTables(db: Database, tables = ['deck', 'note', 'card', 'review', 'deck_domain', 'practice_answer', 'deck_preset', 'setting']) {
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}
