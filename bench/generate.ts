// A large, realistic collection for the benchmarks, generated deterministically (seeded PRNG) and
// fast: the schema comes from openCollection, the rows from raw better-sqlite3 inserts in one big
// transaction with the journal off.
//
// One deck of 100,000 cards (80,000 one-card notes + 10,000 two-card notes, so burying siblings
// has work to do), 1,000,000 logged reviews. At `now`: 40,000 new cards, 59,700 in review with
// intervals from 20 to 1000 days and due dates spread around now (about 1,300 due today, half of
// them overdue), 300 learning/relearning cards mostly overdue, 1% suspended, and part of today's
// session already done (15 new cards started, about 100 reviews), as if the user were mid-session.
import Database from 'better-sqlite3';
import { openCollection } from '../electron/core/db/collection';
import { studyDay } from '../electron/core/time';

export interface GenerateOptions {
  file: string;
  now: number;
  seed?: number;
  cards?: number;
  reviews?: number;
  /** Notes with two cards (the rest have one). */
  twoCardNotes?: number;
  learning?: number;
  newCards?: number;
}

export interface Generated {
  deckId: number;
  notes: number;
  cards: number;
  reviews: number;
  byState: Record<'new' | 'learning' | 'review' | 'relearning', number>;
  dueReviewsToday: number;
  dueLearningNow: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['Amazon S3', 'Amazon EC2', 'AWS Lambda', 'Amazon RDS', 'Amazon DynamoDB', 'Amazon VPC', 'AWS IAM', 'Amazon CloudFront', 'Amazon Route 53', 'AWS KMS', 'Amazon SQS', 'Amazon SNS', 'AWS Organizations', 'Amazon EFS', 'Amazon Aurora', 'AWS Config', 'Amazon GuardDuty', 'AWS CloudTrail', 'Elastic Load Balancing', 'Amazon ECS'];
const VERBS = ['replicate', 'encrypt', 'audit', 'isolate', 'cache', 'throttle', 'rotate', 'archive', 'monitor', 'fail over'];
const OBJECTS = ['objects', 'snapshots', 'access keys', 'log files', 'database instances', 'messages', 'network traffic', 'API calls', 'certificates', 'container images'];
const SCOPES = ['Regions', 'Availability Zones', 'accounts', 'VPCs', 'edge locations', 'organizational units'];
const FEATURES = ['Cross-Region Replication', 'a customer managed key', 'a VPC endpoint', 'Multi-AZ deployment', 'a lifecycle rule', 'a service control policy', 'an Auto Scaling group', 'a dead-letter queue', 'point-in-time recovery', 'a permission boundary'];

function cardText(rand: () => number, n: number, ord: number): { front: string; back: string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const service = pick(SERVICES);
  const feature = pick(FEATURES);
  const front =
    ord === 0
      ? `Which ${service} feature lets you ${pick(VERBS)} ${pick(OBJECTS)} across ${pick(SCOPES)}? (#${n})`
      : `What does **${feature}** do in ${service}? (#${n})`;
  const back =
    rand() < 0.3
      ? `**${feature}**:\n- ${pick(VERBS)} ${pick(OBJECTS)} automatically\n- scoped to ${pick(SCOPES).toLowerCase()}\n- configure it with \`${service.replace(/\W+/g, '')}:Put${n % 97}\``
      : `**${feature}**. It lets you ${pick(VERBS)} ${pick(OBJECTS)} in other ${pick(SCOPES).toLowerCase()} without managing servers; see \`${service.replace(/\W+/g, '')}:${pick(VERBS).replace(' ', '')}\`.`;
  return { front, back };
}

/** Current memory state of one card at `now`, and how many reviews led to it. */
interface CardPlan {
  state: 0 | 1 | 2 | 3;
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  suspended: 0 | 1;
}

export function generateCollection(o: GenerateOptions): Generated {
  const rand = mulberry32(o.seed ?? 20261123);
  const now = o.now;
  const day = studyDay(now, 4);
  const nCards = o.cards ?? 100_000;
  const nReviews = o.reviews ?? 1_000_000;
  const twoCardNotes = o.twoCardNotes ?? 10_000;
  const nLearning = o.learning ?? 300;
  const nNew = o.newCards ?? 40_000;
  const created = now - 3 * 365 * DAY;

  // Schema and pragmas exactly as the app creates them; then bulk-load over a raw connection.
  openCollection(o.file).close();
  const db = new Database(o.file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('foreign_keys = OFF');

  // --- cards: choose each card's current state -------------------------------------------------
  // Card i belongs to note noteOf[i]; the two cards of a two-card note are adjacent.
  const nNotes = nCards - twoCardNotes;
  const plans: CardPlan[] = new Array(nCards);
  const kind = new Uint8Array(nCards); // 0 new, 1 learning, 2 review, 3 relearning
  // Shuffle a list of kinds so that states are spread over the deck.
  const order = Array.from({ length: nCards }, (_, i) => i);
  for (let i = nCards - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nLearn1 = Math.round(nLearning * 0.6);
  order.forEach((card, rank) => {
    kind[card] = rank < nNew ? 0 : rank < nNew + nLearn1 ? 1 : rank < nNew + nLearning ? 3 : 2;
  });
  // New cards are studied in position order; positions follow card order (as an import would).

  // Reviews per non-new card: k, adding up to exactly nReviews.
  const k = new Int32Array(nCards);
  let total = 0;
  let learningToday = 0;
  for (let i = 0; i < nCards; i++) {
    if (kind[i] === 0) continue;
    if (kind[i] === 1) k[i] = 1 + (rand() < 0.4 ? 1 : 0);
    else if (kind[i] === 3) k[i] = 3 + Math.floor(rand() * rand() * 40);
    else k[i] = 2 + Math.floor(rand() * rand() * 44);
    total += k[i]!;
  }
  const adjustable = Array.from({ length: nCards }, (_, i) => i).filter((i) => kind[i] === 2);
  while (total !== nReviews) {
    const i = adjustable[Math.floor(rand() * adjustable.length)]!;
    if (total < nReviews) {
      k[i]!++;
      total++;
    } else if (k[i]! > 2) {
      k[i]!--;
      total--;
    }
  }

  let reviewedToday = 0;
  for (let i = 0; i < nCards; i++) {
    const suspended: 0 | 1 = rand() < 0.01 ? 1 : 0;
    const difficulty = Math.min(10, Math.max(1, 5 + (rand() + rand() + rand() - 1.5) * 4));
    if (kind[i] === 0) {
      plans[i] = { state: 0, due: created, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null, suspended };
    } else if (kind[i] === 1) {
      // Learning: left over from earlier sessions (due since up to two days), or started today.
      const today = learningToday < 15 && k[i] === 1;
      if (today) learningToday++;
      const step = k[i] === 1 ? 1 * MINUTE : 10 * MINUTE;
      const lastReview = today ? now - Math.floor(rand() * 5 * 60 * MINUTE) : now - Math.floor((0.3 + rand() * 2) * DAY);
      plans[i] = { state: 1, due: lastReview + step, stability: 0.2 + rand() * 3, difficulty, scheduledDays: 0, learningSteps: k[i] === 1 ? 1 : 2, reps: k[i]!, lapses: 0, lastReview, suspended };
    } else {
      // Log-uniform from 20 to 1000 days: a mature collection, ~750 reviews due a day.
      const interval = Math.round(20 * Math.exp(rand() * Math.log(50)));
      const stability = interval * (0.85 + rand() * 0.3);
      if (kind[i] === 3) {
        // Relearning after a lapse: a 10-minute step, due around now.
        const lastReview = now - Math.floor((rand() * 1.5 + 0.05) * DAY);
        plans[i] = { state: 3, due: lastReview + 10 * MINUTE, stability: Math.max(0.3, stability / 8), difficulty, scheduledDays: 0, learningSteps: 0, reps: k[i]!, lapses: 1 + Math.floor(rand() * 3), lastReview, suspended };
      } else {
        // Review: somewhere in its interval, 1% overdue; 80 were reviewed earlier today (so today's
        // limits are partly used), the others last before today.
        const today = reviewedToday < 80 && rand() < 0.01;
        if (today) reviewedToday++;
        const uMin = (now - day.start + MINUTE) / (interval * DAY);
        const u = today ? (rand() * (now - day.start)) / (interval * DAY) : uMin + rand() * (1.01 - uMin);
        const lastReview = Math.floor(now - u * interval * DAY);
        plans[i] = { state: 2, due: lastReview + interval * DAY, stability, difficulty, scheduledDays: interval, learningSteps: 0, reps: k[i]!, lapses: rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 0, lastReview, suspended };
      }
    }
  }

  // --- notes and cards ---------------------------------------------------------------------------
  const deckId = Number(db.prepare('INSERT INTO deck (name, source, created_at) VALUES (?, NULL, ?)').run('Bench: AWS Solutions Architect', created).lastInsertRowid);
  const insertNote = db.prepare('INSERT INTO note (id, deck_id, guid, tags, source_line, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)');
  const insertCard = db.prepare(`INSERT INTO card (id, note_id, deck_id, ord, front, back, position, state, due, stability, difficulty,
    scheduled_days, learning_steps, reps, lapses, last_review, buried_until, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`);
  db.transaction(() => {
    let card = 0;
    for (let n = 1; n <= nNotes; n++) {
      insertNote.run(n, deckId, `bench-${n}`, 'aws bench', created, created);
      const ords = n <= twoCardNotes ? 2 : 1;
      for (let ord = 0; ord < ords; ord++) {
        const p = plans[card]!;
        const { front, back } = cardText(rand, n, ord);
        card++;
        insertCard.run(card, n, deckId, ord, front, back, card, p.state, p.due, p.stability, p.difficulty, p.scheduledDays, p.learningSteps, p.reps, p.lapses, p.lastReview, p.suspended);
      }
    }
  })();

  // --- review log: each card's history, ending in its current state --------------------------------
  const R = nReviews;
  const cardOf = new Int32Array(R);
  const at = new Float64Array(R);
  const rating = new Uint8Array(R);
  const sBefore = new Uint8Array(R);
  const sAfter = new Uint8Array(R);
  const due = new Float64Array(R);
  const stab = new Float64Array(R);
  const diff = new Float64Array(R);
  const elapsed = new Float64Array(R);
  const sched = new Int32Array(R);
  const steps = new Uint8Array(R);
  const lapsesAfter = new Int32Array(R);
  const repsBefore = new Int32Array(R);
  let r = 0;
  const gaps: number[] = [];
  for (let i = 0; i < nCards; i++) {
    const p = plans[i]!;
    const n = k[i]!;
    if (n === 0) continue;
    // Forward: states and gaps (ms to the next review); then shift so the last is at lastReview.
    let state = 0;
    let lapses = 0;
    let gapDays = 1 + rand() * 2;
    gaps.length = 0;
    for (let j = 0; j < n; j++) {
      const last = j === n - 1;
      const idx = r + j;
      cardOf[idx] = i + 1;
      repsBefore[idx] = j;
      sBefore[idx] = state;
      let rt: number;
      let next: number;
      if (last) {
        next = p.state;
        rt = p.state === 3 ? 1 : p.state === 1 ? 3 : state === 0 ? 3 : rand() < 0.1 ? 2 : rand() < 0.1 ? 4 : 3;
        if (p.state === 3 && state !== 2) sBefore[idx] = 2;
      } else if (state === 0) {
        rt = rand() < 0.15 ? 1 : 3;
        next = 1;
      } else if (state === 1 || state === 3) {
        rt = 3;
        next = 2;
      } else {
        // A lapse now and then, never right before the last review (it must start from review).
        const lapse = j < n - 2 && rand() < 0.08;
        rt = lapse ? 1 : rand() < 0.1 ? 2 : rand() < 0.08 ? 4 : 3;
        next = lapse ? 3 : 2;
      }
      if (rt === 1 && sBefore[idx] === 2) lapses++;
      rating[idx] = rt;
      sAfter[idx] = next;
      state = next;
      if (!last) {
        let gap: number;
        if (next === 1) gap = (rt === 1 ? 1 : 10) * MINUTE;
        else if (next === 3) gap = 10 * MINUTE;
        else {
          gapDays = Math.min(gapDays * (1.6 + rand() * 1.4), Math.max(p.scheduledDays, 2));
          gap = gapDays * DAY;
        }
        gaps.push(gap + Math.floor(rand() * 0.1 * gap));
      }
    }
    // Histories span at most three years.
    let span = gaps.reduce((a, b) => a + b, 0);
    const scale = span > 3 * 365 * DAY ? (3 * 365 * DAY) / span : 1;
    if (scale < 1) span *= scale;
    let t = p.lastReview! - span;
    for (let j = 0; j < n; j++) {
      const idx = r + j;
      const gap = j < n - 1 ? Math.max(MINUTE, Math.floor(gaps[j]! * scale)) : 0;
      at[idx] = Math.floor(t);
      elapsed[idx] = j === 0 ? 0 : Math.floor((at[idx]! - at[idx - 1]!) / DAY);
      if (j === n - 1) {
        due[idx] = p.due;
        stab[idx] = p.stability;
        diff[idx] = p.difficulty;
        sched[idx] = p.scheduledDays;
        steps[idx] = p.learningSteps;
      } else {
        due[idx] = Math.floor(t + gap * (0.9 + rand() * 0.1));
        stab[idx] = sAfter[idx] === 2 ? Math.max(0.5, gap / DAY) : 0.3 + rand() * 2;
        diff[idx] = Math.min(10, Math.max(1, p.difficulty + (rand() - 0.5) * (n - j) * 0.1));
        sched[idx] = sAfter[idx] === 2 ? Math.max(1, Math.round(gap / DAY)) : 0;
        steps[idx] = sAfter[idx] === 1 ? 1 : 0;
      }
      t += gap;
      lapsesAfter[idx] = j === n - 1 ? p.lapses : Math.min(p.lapses, lapses);
    }
    r += n;
  }
  if (r !== R) throw new Error(`generated ${r} reviews, expected ${R}`);

  // Insert in time order, as the app logs them; undo records chain each card's history.
  const byTime = new Uint32Array(R);
  for (let i = 0; i < R; i++) byTime[i] = i;
  byTime.sort((a, b) => at[a]! - at[b]! || a - b);
  const insertReview = db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
    difficulty, elapsed_days, scheduled_days, duration_ms, undo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const idx of byTime) {
      const card = cardOf[idx]!;
      const firstOfCard = idx === 0 || cardOf[idx - 1] !== card;
      const p = idx - 1;
      const before = firstOfCard
        ? { state: 0, due: created, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null, buriedUntil: null }
        : {
            state: sAfter[p]!, due: due[p]!, stability: stab[p]!, difficulty: diff[p]!, scheduledDays: sched[p]!, learningSteps: steps[p]!,
            reps: repsBefore[idx]!, lapses: lapsesAfter[p]!, lastReview: at[p]!, buriedUntil: null,
          };
      insertReview.run(
        card, at[idx]!, rating[idx]!, sBefore[idx]!, sAfter[idx]!, due[idx]!, stab[idx]!, diff[idx]!, elapsed[idx]!, sched[idx]!,
        2000 + Math.floor(rand() * 12_000), JSON.stringify({ card: before, buried: [] }),
      );
    }
  })();

  db.pragma('journal_mode = WAL');
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  const result: Generated = {
    deckId,
    notes: count('SELECT count(*) AS n FROM note'),
    cards: count('SELECT count(*) AS n FROM card'),
    reviews: count('SELECT count(*) AS n FROM review'),
    byState: {
      new: count('SELECT count(*) AS n FROM card WHERE state = 0'),
      learning: count('SELECT count(*) AS n FROM card WHERE state = 1'),
      review: count('SELECT count(*) AS n FROM card WHERE state = 2'),
      relearning: count('SELECT count(*) AS n FROM card WHERE state = 3'),
    },
    dueReviewsToday: count('SELECT count(*) AS n FROM card WHERE state = 2 AND suspended = 0 AND due < ?', day.end),
    dueLearningNow: count('SELECT count(*) AS n FROM card WHERE state IN (1, 3) AND suspended = 0 AND due <= ?', now),
  };
  db.close();
  return result;
}
