// Collection settings, stored as JSON values in the `setting` table; absent keys take defaults.
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from './errors';
import { checkSteps, DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler';

export interface Settings extends SchedulerOptions {
  newPerDay: number;
  reviewsPerDay: number;
  /** Local hour (0–23) at which a new study day begins. */
  dayStartHour: number;
  /** Bury a card's siblings (cards of the same note) until the next day once it is answered. */
  burySiblings: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  ...DEFAULT_SCHEDULER_OPTIONS,
  newPerDay: 20,
  reviewsPerDay: 200,
  dayStartHour: 4,
  burySiblings: true,
};

type Check = (value: unknown) => string | null;
const int = (min: number, max: number): Check => (v) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be a whole number from ${min} to ${max}`;

const CHECKS: Record<keyof Settings, Check> = {
  desiredRetention: (v) => (typeof v === 'number' && v >= 0.7 && v <= 0.99 ? null : 'must be a number from 0.70 to 0.99'),
  maximumInterval: int(1, 36500),
  learningSteps: checkSteps,
  relearningSteps: checkSteps,
  weights: (v) =>
    v === null || (Array.isArray(v) && v.length === 21 && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      ? null
      : 'must be null or a list of 21 numbers (FSRS-6)',
  enableFuzz: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  newPerDay: int(0, 9999),
  reviewsPerDay: int(0, 99999),
  dayStartHour: int(0, 23),
  burySiblings: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
};

export function getSettings(db: Database): Settings {
  const rows = db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[];
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const { key, value } of rows) {
    if (!(key in CHECKS)) continue;
    const parsed: unknown = JSON.parse(value);
    // A stored value that no longer validates falls back to the default instead of breaking review.
    if (CHECKS[key as keyof Settings](parsed) === null) (settings as unknown as Record<string, unknown>)[key] = parsed;
  }
  return settings;
}

export function updateSettings(db: Database, patch: Partial<Record<string, unknown>>): Settings {
  for (const [key, value] of Object.entries(patch)) {
    const check = CHECKS[key as keyof Settings];
    if (!check) throw new InvalidArgumentError(`"${key}" is not a setting.`);
    const problem = check(value);
    if (problem) throw new InvalidArgumentError(`The setting "${key}" ${problem}.`);
  }
  const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) put.run(key, JSON.stringify(value));
  })();
  return getSettings(db);
}
