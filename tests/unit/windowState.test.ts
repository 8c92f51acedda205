// Remembering the window: what a saved file may contain, and where the window opens again when
// the monitors have changed since (unplugged, rearranged, a smaller screen).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  parseWindowState,
  placeWindow,
  readWindowState,
  serializeWindowState,
  windowStateFile,
  writeWindowState,
  type DisplayLike,
  type Rect,
  type SavedWindowState,
} from '../../electron/main/windowState';

const laptop: DisplayLike = { workArea: { x: 0, y: 0, width: 1440, height: 860 } };
const rightMonitor: DisplayLike = { workArea: { x: 1440, y: -200, width: 2560, height: 1400 } };
const saved = (bounds: Rect, maximized = false): SavedWindowState => ({ bounds, maximized });

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('window state file', () => {
  it('round-trips through its JSON form', () => {
    const state = saved({ x: -1200, y: 40, width: 1100, height: 800 }, true);
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
  });

  it('rejects anything that is not a state it wrote, so the defaults apply', () => {
    const ok = { version: 1, bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false };
    const bad: unknown[] = [
      'not json',
      '',
      'null',
      '[]',
      JSON.stringify({ ...ok, version: 2 }),
      JSON.stringify({ ...ok, maximized: 'yes' }),
      JSON.stringify({ ...ok, bounds: null }),
      JSON.stringify({ ...ok, bounds: { ...ok.bounds, width: 0 } }),
      JSON.stringify({ ...ok, bounds: { ...ok.bounds, height: -5 } }),
      JSON.stringify({ ...ok, bounds: { ...ok.bounds, x: 1.5 } }),
      JSON.stringify({ ...ok, bounds: { ...ok.bounds, y: '10' } }),
      JSON.stringify({ ...ok, bounds: { ...ok.bounds, x: 1e12 } }),
      JSON.stringify({ ...ok, bounds: { x: 0, y: 0, width: 800 } }),
    ];
    for (const text of bad) expect(parseWindowState(text as string), String(text)).toBeNull();
    expect(parseWindowState(JSON.stringify(ok))).toEqual({ bounds: ok.bounds, maximized: false });
  });

  it('is written whole (through a temporary file) and read back; a missing or broken file reads as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratus-window-'));
    dirs.push(dir);
    const file = windowStateFile(dir);
    expect(file).toBe(join(dir, 'window-state.json'));
    expect(readWindowState(file)).toBeNull();
    const state = saved({ x: 100, y: 50, width: 900, height: 700 });
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    writeFileSync(file, '{"version":1,"bounds":');
    expect(readWindowState(file)).toBeNull();
    expect(existsSync(file)).toBe(true);
  });
});

describe('placing the window', () => {
  it('opens a first-run window centred at the default size', () => {
    expect(placeWindow(null, [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('shrinks the default size to a small screen, never below the minimum', () => {
    expect(placeWindow(null, [{ workArea: { x: 0, y: 0, width: 900, height: 600 } }])).toEqual({ width: 900, height: 600, maximized: false });
    expect(placeWindow(null, [{ workArea: { x: 0, y: 0, width: 300, height: 200 } }])).toEqual({ ...MIN_SIZE, maximized: false });
  });

  it('puts a window back where it was, on whichever monitor that is', () => {
    expect(placeWindow(saved({ x: 120, y: 80, width: 1000, height: 700 }), [laptop, rightMonitor])).toEqual({
      x: 120,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(placeWindow(saved({ x: 2000, y: -100, width: 1600, height: 1000 }, true), [laptop, rightMonitor])).toEqual({
      x: 2000,
      y: -100,
      width: 1600,
      height: 1000,
      maximized: true,
    });
  });

  it('centres a window whose monitor is gone on the primary one, at its size if that fits', () => {
    expect(placeWindow(saved({ x: 2000, y: -100, width: 1200, height: 1000 }), [laptop])).toEqual({ width: 1200, height: 860, maximized: false });
    expect(placeWindow(saved({ x: 2000, y: -100, width: 800, height: 600 }, true), [laptop])).toEqual({ width: 800, height: 600, maximized: true });
  });

  it('treats a window with only a sliver on screen as gone', () => {
    // 40 px of it are on the laptop: not enough to grab it.
    expect(placeWindow(saved({ x: 1400, y: 100, width: 900, height: 700 }), [laptop]).x).toBeUndefined();
  });

  it('moves a window that hangs over an edge back inside, and shrinks one larger than its monitor', () => {
    expect(placeWindow(saved({ x: 1000, y: 500, width: 900, height: 700 }), [laptop])).toEqual({ x: 540, y: 160, width: 900, height: 700, maximized: false });
    expect(placeWindow(saved({ x: -50, y: -30, width: 2000, height: 1200 }), [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 860, maximized: false });
  });

  it('always gives a window at least the minimum size that lies inside a display when it has a position', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1, max: 5000 }),
      height: fc.integer({ min: 1, max: 5000 }),
    });
    const display = fc
      .record({ x: fc.integer({ min: -4000, max: 4000 }), y: fc.integer({ min: -4000, max: 4000 }), width: fc.integer({ min: 480, max: 4000 }), height: fc.integer({ min: 480, max: 3000 }) })
      .map((workArea) => ({ workArea }));
    fc.assert(
      fc.property(fc.option(rect, { nil: null }), fc.boolean(), fc.array(display, { minLength: 1, maxLength: 3 }), (bounds, maximized, displays) => {
        const placement = placeWindow(bounds ? saved(bounds, maximized) : null, displays);
        expect(placement.width).toBeGreaterThanOrEqual(MIN_SIZE.width);
        expect(placement.height).toBeGreaterThanOrEqual(MIN_SIZE.height);
        expect(placement.maximized).toBe(bounds ? maximized : false);
        if (placement.x === undefined || placement.y === undefined) return;
        const inside = displays.some(
          ({ workArea: a }) =>
            placement.x! >= a.x && placement.y! >= a.y && placement.x! + placement.width <= a.x + a.width && placement.y! + placement.height <= a.y + a.height,
        );
        expect(inside).toBe(true);
      }),
    );
  });
});
