// The main window's size and position, remembered between runs in a small JSON file in the app's
// userData folder (a per-machine preference, so never in the collection, which may be copied to
// another machine). Reading it is forgiving: a missing, damaged or foreign file, or a position on
// a monitor that is gone, falls back to a centred window of the default size.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WINDOW_STATE_FILE = 'window-state.json';
const VERSION = 1;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** What is saved: the window's normal (un-maximized) bounds, and whether it was maximized. */
export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Where to open the window: no x/y means "let the system centre it". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The part of Electron's Display that matters here: the area not taken by task bars and docks. */
export interface DisplayLike {
  workArea: Rect;
}

export const DEFAULT_SIZE: Size = { width: 1024, height: 768 };
export const MIN_SIZE: Size = { width: 480, height: 480 };

/** How much of a saved window must still be on some display for its position to be kept. */
const MIN_VISIBLE: Size = { width: 160, height: 80 };
/** Far beyond any real desktop; anything outside is a damaged file, not a position. */
const LIMIT = 1_000_000;

export function windowStateFile(userDataFolder: string): string {
  return join(userDataFolder, WINDOW_STATE_FILE);
}

const isCoordinate = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= LIMIT;
const isLength = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= LIMIT;

/** The saved state in `text`, or null when it is not one (the caller then uses the defaults). */
export function parseWindowState(text: string): SavedWindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { version, bounds, maximized } = value as Record<string, unknown>;
  if (version !== VERSION || typeof maximized !== 'boolean' || typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isLength(width) || !isLength(height)) return null;
  return { bounds: { x, y, width, height }, maximized };
}

export function serializeWindowState(state: SavedWindowState): string {
  const { x, y, width, height } = state.bounds;
  const round = Math.round;
  return `${JSON.stringify({ version: VERSION, bounds: { x: round(x), y: round(y), width: round(width), height: round(height) }, maximized: state.maximized }, null, 2)}\n`;
}

function overlap(a: Rect, b: Rect): Size {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function fitSize(size: Size, area: Rect): Size {
  return {
    width: Math.max(MIN_SIZE.width, Math.min(size.width, area.width)),
    height: Math.max(MIN_SIZE.height, Math.min(size.height, area.height)),
  };
}

/**
 * Where the window opens, given what was saved and the displays there are now. A saved window
 * that is still visible enough on a display goes back there, moved and shrunk as little as needed
 * to lie wholly inside that display's work area; otherwise it is centred on the primary display
 * (the first one) at its saved size, or the default size, shrunk to fit.
 */
export function placeWindow(saved: SavedWindowState | null, displays: readonly DisplayLike[]): WindowPlacement {
  const primary = displays[0]?.workArea;
  const maximized = saved?.maximized ?? false;
  if (saved) {
    let best: { area: Rect; shown: number } | null = null;
    for (const { workArea } of displays) {
      const seen = overlap(saved.bounds, workArea);
      if (seen.width < Math.min(MIN_VISIBLE.width, saved.bounds.width) || seen.height < Math.min(MIN_VISIBLE.height, saved.bounds.height)) continue;
      const shown = seen.width * seen.height;
      if (!best || shown > best.shown) best = { area: workArea, shown };
    }
    if (best) {
      const { area } = best;
      const size = fitSize(saved.bounds, area);
      const x = Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - size.width);
      const y = Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - size.height);
      return { x, y, ...size, maximized };
    }
  }
  const wanted = saved ? { width: saved.bounds.width, height: saved.bounds.height } : DEFAULT_SIZE;
  return { ...(primary ? fitSize(wanted, primary) : { width: Math.max(MIN_SIZE.width, wanted.width), height: Math.max(MIN_SIZE.height, wanted.height) }), maximized };
}

/** The saved state, or null when there is none or it cannot be read (a first run, a damaged file). */
export function readWindowState(file: string): SavedWindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return parseWindowState(text);
}

/** Saves the state; written to a temporary file and renamed, so a crash never leaves half a file. */
export function writeWindowState(file: string, state: SavedWindowState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, serializeWindowState(state));
  renameSync(temporary, file);
}
