// Days in Stratus start at a configurable local hour (default 4 a.m., as in Anki), so a late
// evening session still counts as the same day.

export interface DayWindow {
  start: number;
  end: number;
}

/** The study day that contains `now`: [start, end) in ms, DST-safe (calendar arithmetic). */
export function studyDay(now: number, dayStartHour: number): DayWindow {
  const start = new Date(now);
  start.setHours(dayStartHour, 0, 0, 0);
  if (start.getTime() > now) start.setDate(start.getDate() - 1);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { start: start.getTime(), end: end.getTime() };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Anki's interval labels: "1m", "10m", "3h", "4d", "1.5mo", "2.1y". */
export function intervalLabel(fromMs: number, toMs: number): string {
  const ms = Math.max(0, toMs - fromMs);
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))}m`;
  if (ms < DAY) return `${Math.round(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${trim(days / 30)}mo`;
  return `${trim(days / 365)}y`;
}

function trim(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}
