// Study days for aggregation: their starts (calendar arithmetic, DST-safe) and a SQL expression
// that maps a time column to its study day's index, so SQLite groups by study day itself and only
// one row per day (not per review or card) reaches JavaScript.
import { studyDay } from '../time';

/**
 * `count + 1` study-day starts: the start of the study day `offset` days from `now`'s, then the
 * following ones; the last entry is the end of the last day.
 */
export function dayStarts(now: number, dayStartHour: number, offset: number, count: number): number[] {
  const today = new Date(studyDay(now, dayStartHour).start);
  return Array.from({ length: count + 1 }, (_, i) => {
    const d = new Date(today);
    d.setDate(d.getDate() + offset + i);
    d.setHours(dayStartHour, 0, 0, 0);
    return d.getTime();
  });
}

const DAY = 86_400_000;

/**
 * A SQL expression giving the index (0 …) of the study day that contains `column`, for times in
 * [starts[0], starts[last]); earlier times give a negative or wrong index, so filter them first.
 * Runs of 24-hour days are one linear piece each ((t − start) / 86400000 in integer arithmetic);
 * a day of another length (a DST change) is its own constant piece. Only integers are inlined.
 */
export function dayIndexSql(starts: readonly number[], column: string): string {
  const pieces: string[] = [];
  const days = starts.length - 1;
  let i = 0;
  while (i < days) {
    if (starts[i + 1]! - starts[i]! !== DAY) {
      pieces.push(`WHEN ${column} < ${starts[i + 1]} THEN ${i}`);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < days && starts[j + 2]! - starts[j + 1]! === DAY) j++;
    pieces.push(`WHEN ${column} < ${starts[j + 1]} THEN ${i} + (${column} - ${starts[i]}) / ${DAY}`);
    i = j + 1;
  }
  return `(CASE ${pieces.join(' ')} ELSE ${days} END)`;
}

/** YYYY-MM-DD of a local time. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
