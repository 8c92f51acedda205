// Helpers of the statistics and exam end-to-end tests: waiting for charts to be drawn in a theme,
// full-page screenshots in both themes, and a collection with two months of review history, made
// through the core itself (the review engine with a moving clock): the built-in Shared
// Responsibility deck plus a small "Cloud Concepts" deck mapped to that exam domain, and an exam
// date four weeks ahead. Answers are drawn from a seeded generator, so every run is the same.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createDeck } from '../../electron/core/deckAdmin';
import { addNote } from '../../electron/core/edit';
import { ensureActiveExam, mapDeckToDomain, setExamDate } from '../../electron/core/exam/profile';
import { openStratus, readBuiltinDecks } from '../../electron/core/open';
import { updateSettings } from '../../electron/core/settings';
import { Study } from '../../electron/core/study';
import type { Rating } from '../../electron/shared/contract';
import { REPO_ROOT } from './electron-standin';
import { SCREENSHOTS, tempDir } from './helpers';

const DAY = 86_400_000;

const CLOUD_CONCEPTS: [string, string][] = [
  ['What does elasticity mean in the cloud?', 'Scaling resources up and down automatically with demand'],
  ['Name the six advantages of cloud computing.', 'Trade fixed for variable expense, economies of scale, stop guessing capacity, speed and agility, no data centers to run, go global in minutes'],
  ['What is an Availability Zone?', 'One or more discrete data centers with redundant power and networking in a Region'],
  ['Which pillar of the Well-Architected Framework covers recovering from failures?', 'Reliability'],
  ['What is the AWS Cloud Adoption Framework (CAF) for?', 'Guidance to plan a move to the cloud, in six perspectives'],
  ['What does "pay-as-you-go" mean?', 'You pay only for what you use, with no long-term contracts'],
  ['Which deployment model mixes on-premises and cloud?', 'Hybrid'],
  ['What is high availability?', 'A system that keeps working when a component fails'],
  ['What are edge locations used for?', 'Caching content close to users (Amazon CloudFront)'],
  ['Which pillar covers using resources efficiently?', 'Performance efficiency'],
  ['What does "go global in minutes" rely on?', 'AWS Regions around the world'],
  ['What is the benefit of economies of scale?', 'Lower variable costs, because AWS buys at huge scale'],
];

/** Added on the last day, so today has new cards to learn too. */
const ADDED_TODAY: [string, string][] = [
  ['What is a Region?', 'A physical location in the world with several Availability Zones'],
  ['What does "stop guessing capacity" mean?', 'Scale to real demand instead of buying for a forecast'],
  ['Which pillar covers keeping costs down?', 'Cost optimization'],
];

/** A small seeded generator (mulberry32), so the history is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface SeededCollection {
  examDate: string;
  cloudDeckId: number;
  builtinDeckId: number;
  reviews: number;
}

/**
 * Creates the collection at `file` with `days` days of history up to about half an hour ago. A few
 * days are skipped, as real students do, so the calendar and streak have gaps.
 */
export function seedHistory(file: string, now = Date.now(), days = 60): SeededCollection {
  const start = now - days * DAY;
  const db = openStratus(file, readBuiltinDecks(join(REPO_ROOT, 'decks')), start);
  try {
    // Days start at a fixed hour far from the seeding times, so each simulated session is one day.
    updateSettings(db, { newPerDay: 4, dayStartHour: 4 });
    const cloud = createDeck(db, 'Cloud Concepts', start);
    for (const [front, back] of CLOUD_CONCEPTS) addNote(db, { deckId: cloud.id, kind: 'basic', fields: [front, back], tags: ['clf-c02'] }, start);
    const exam = ensureActiveExam(db, start);
    const concepts = exam.domains.find((d) => d.name === 'Cloud Concepts')!;
    mapDeckToDomain(db, cloud.id, concepts.id);
    const examDate = localDate(now + 28 * DAY);
    setExamDate(db, exam.id, examDate);
    const builtin = db.prepare("SELECT id FROM deck WHERE id != ? ORDER BY id LIMIT 1").pluck().get(cloud.id) as number;

    const rand = random(20260318);
    let clock = start;
    const study = new Study(db, () => clock);
    const ratingFor = (state: string): Rating => {
      const x = rand();
      if (state === 'new' || state === 'learning' || state === 'relearning') return x < 0.12 ? 'again' : x < 0.22 ? 'hard' : x < 0.92 ? 'good' : 'easy';
      return x < 0.1 ? 'again' : x < 0.2 ? 'hard' : x < 0.85 ? 'good' : 'easy';
    };
    for (let day = 0; day <= days; day++) {
      if (day > 0 && day < days && rand() < 0.18) continue; // a day off
      // An evening session (~18:00 local), or half an hour ago on the last day (today).
      const base = new Date(start + day * DAY);
      base.setHours(18, 0, 0, 0);
      const latest = now - 30 * 60_000;
      clock = day === days ? latest : Math.min(Math.max(start, base.getTime()), latest);
      if (day === days) {
        for (const [front, back] of ADDED_TODAY) addNote(db, { deckId: cloud.id, kind: 'basic', fields: [front, back], tags: ['clf-c02'] }, clock);
        study.reloadSettings(); // the engine picks up the new cards
      }
      for (const deckId of [builtin, cloud.id]) {
        for (let i = 0; i < 200; i++) {
          const { card } = study.nextCard(deckId);
          if (!card) break;
          const durationMs = Math.round(3000 + rand() * 9000);
          clock += durationMs;
          study.answer({ cardId: card.id, rating: ratingFor(card.state), durationMs });
        }
      }
    }
    const reviews = db.prepare('SELECT count(*) FROM review').pluck().get() as number;
    return { examDate, cloudDeckId: cloud.id, builtinDeckId: builtin, reviews };
  } finally {
    db.close();
  }
}

/** Waits until every chart on the page has been drawn in `scheme` (charts redraw on a theme change). */
export async function chartsDrawn(page: Page, scheme: 'light' | 'dark', atLeast = 1): Promise<number> {
  const handle = await page.waitForFunction(
    ([s, n]) => {
      const canvases = [...document.querySelectorAll('canvas')];
      return canvases.length >= (n as number) && canvases.every((c) => c.dataset.scheme === s && c.width > 0) ? canvases.length : 0;
    },
    [scheme, atLeast] as const,
  );
  return (await handle.jsonValue()) as number;
}

/** Full-page `<name>-light.png` and `<name>-dark.png`, each once the charts are redrawn in that theme. */
export async function screenshotPage(page: Page, name: string, charts: number): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (charts > 0) await chartsDrawn(page, colorScheme, charts);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * With STRATUS_PANEL_SHOTS=<folder>, also saves each panel of the page on its own in both themes
 * (full-page screenshots are scaled down by image viewers; a panel shows its details).
 */
export async function panelShots(page: Page, name: string, charts: number): Promise<void> {
  const folder = process.env.STRATUS_PANEL_SHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (charts > 0) await chartsDrawn(page, colorScheme, charts);
    const panels = page.locator('main section');
    for (let i = 0; i < (await panels.count()); i++) await panels.nth(i).screenshot({ path: join(folder, `${name}-${colorScheme}-${i}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * One seeded collection for a whole test file: made before its tests (then `prepare` may change
 * it), `closeApp` after each test, the folder removed at the end. Read `dbPath` and `seeded` inside
 * tests (they are set in beforeAll).
 */
export function seededCollectionForFile(closeApp: () => Promise<void>, prepare?: (file: string) => void): { dbPath: string; seeded: SeededCollection } {
  let dir = '';
  const collection = { dbPath: '', seeded: undefined as unknown as SeededCollection };
  beforeAll(() => {
    dir = tempDir();
    collection.dbPath = join(dir, 'collection.stratus');
    collection.seeded = seedHistory(collection.dbPath);
    prepare?.(collection.dbPath);
  });
  afterEach(closeApp);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return collection;
}
