import { describe, expect, it } from 'vitest';
import { errorMessage, formatDue, formatDuration, formatRetention } from '../../renderer/src/lib/format';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
    [3_600_000, '1 h'],
    [4_320_000, '1 h 12 min'],
  ])('%i ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatRetention', () => {
  it('prints a percentage, or a dash when nothing was reviewed', () => {
    expect(formatRetention(2 / 3)).toBe('67%');
    expect(formatRetention(1)).toBe('100%');
    expect(formatRetention(0)).toBe('0%');
    expect(formatRetention(null)).toBe('—');
  });
});

describe('formatDue', () => {
  // Local noon, so calendar-day arithmetic is stable in any time zone.
  const now = new Date(2030, 0, 15, 12, 0, 0).getTime();
  const at = (ms: number) => new Date(now + ms).toISOString();
  const MIN = 60_000;

  it.each([
    [-5 * MIN, 'now'],
    [10_000, 'now'],
    [MIN, 'in 1 minute'],
    [10 * MIN, 'in 10 minutes'],
    [3 * 60 * MIN, 'in 3 hours'],
    [24 * 60 * MIN, 'tomorrow'],
    [3 * 24 * 60 * MIN, 'in 3 days'],
    [90 * 24 * 60 * MIN, 'in 3 months'],
  ])('%i ms ahead → %s', (ms, text) => expect(formatDue(at(ms), now)).toBe(text));

  it('uses calendar days after midnight', () => {
    const late = new Date(2030, 0, 15, 23, 0, 0).getTime();
    expect(formatDue(new Date(2030, 0, 16, 7, 0, 0).toISOString(), late)).toBe('tomorrow');
  });

  it('prints a dash for an invalid date', () => {
    expect(formatDue('not a date', now)).toBe('—');
  });
});

describe('errorMessage', () => {
  it('keeps a plain sentence and strips the IPC prefix', () => {
    expect(errorMessage(new Error('The deck is empty.'))).toBe('The deck is empty.');
    expect(errorMessage(new Error("Error invoking remote method 'stratus:answer': Error: Card 3 does not exist."))).toBe(
      'Card 3 does not exist.',
    );
    expect(errorMessage(undefined)).toBe('Something went wrong.');
  });
});
