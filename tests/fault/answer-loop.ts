// Child process of kill-during-answer.test.ts: answers cards as fast as it can and acknowledges
// each answer on stdout only after study.answer() has returned, i.e. after its transaction
// committed. The parent SIGKILLs it at an arbitrary moment and then checks the file.
//
//   node --import tsx tests/fault/answer-loop.ts DB_FILE START_MS SEED
//
// Output: one line per answer, `ack <cardId> <reviewedAt> <rating>`. The clock is fake: it starts
// at START_MS or just after the newest review already in the file (so rounds continue each other),
// moves 61 s per answer and jumps a day whenever today's queue is empty.
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStratus, readBuiltinDecks } from '../../electron/core/open';
import { Study } from '../../electron/core/study';
import type { Rating } from '../../electron/shared/contract';

const [file, startText, seedText] = process.argv.slice(2);
if (!file || !startText) {
  process.stderr.write('usage: answer-loop.ts DB_FILE START_MS [SEED]\n');
  process.exit(2);
}

const DAY = 86_400_000;
const STEP = 61_000;
// Safety net: never outlive a parent that failed to kill us.
const deadline = Date.now() + 20_000;

let seed = Number(seedText ?? 1) >>> 0 || 1;
const random = (): number => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pickRating = (): Rating => {
  const r = random();
  return r < 0.15 ? 'again' : r < 0.25 ? 'hard' : r < 0.9 ? 'good' : 'easy';
};

let clock = Number(startText);
const db = openStratus(file, readBuiltinDecks(resolve(__dirname, '../../decks')), clock);
const newest = (db.prepare('SELECT max(reviewed_at) AS t FROM review').get() as { t: number | null }).t;
if (newest !== null) clock = Math.max(clock, newest + STEP);

const study = new Study(db, () => clock);
const deck = study.listDecks()[0];
if (!deck) throw new Error('no deck to study');

writeSync(1, 'ready\n');
while (Date.now() < deadline) {
  const { card } = study.nextCard(deck.id);
  if (!card) {
    clock += DAY;
    continue;
  }
  const rating = pickRating();
  const reviewedAt = clock;
  study.answer({ cardId: card.id, rating, durationMs: 1000 + Math.floor(random() * 9000) });
  // Synchronous write: once this line is out, the answer is acknowledged.
  writeSync(1, `ack ${card.id} ${reviewedAt} ${rating}\n`);
  clock += STEP;
}
db.close();
