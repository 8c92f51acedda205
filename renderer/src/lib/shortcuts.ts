// Every keyboard shortcut of the app, in one list: the shortcut sheet (`?`) shows it, the app-level
// key handler takes its plain keys from it, tests/unit/menu.test.ts checks the native menu's
// accelerators against it, and tests/component/shortcuts.test.ts checks that the study screen's
// key handling (StudySession.handleKey) does what its "study" section says.
// A screen that adds keys adds them here, with a label under `shortcuts.action` in both catalogues.
import type { Command } from '../../../electron/shared/contract';

/**
 * One key of a combination: a single character as printed on the key ('?', 'D', '1'), or one of
 * these names. 'Mod' is Ctrl, or ⌘ on a Mac (Electron's CmdOrCtrl).
 */
export type Key = 'Mod' | 'Shift' | 'Space' | 'Enter' | 'Esc' | 'Tab' | (string & {});
/** Keys pressed together, e.g. ['Mod', 'Z']. */
export type Combo = readonly Key[];

export interface Shortcut {
  /** What it does: the label is `shortcuts.action.<action>`. */
  action: string;
  /** Values for the label's placeholders. */
  params?: Readonly<Record<string, string>>;
  /** Alternatives: any one of these combinations does it. */
  keys: readonly Combo[];
  /** The menu command it stands for; a global shortcut is listed only when the app handles its command. */
  command?: Command;
}

export type SectionId = 'global' | 'decks' | 'study' | 'browse';

export interface ShortcutSection {
  id: SectionId;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutSection[] = [
  {
    id: 'global',
    shortcuts: [
      { action: 'help', keys: [['?'], ['Mod', '/']], command: 'help:shortcuts' },
      // Anki's main-window keys: D decks, B browse, T stats.
      { action: 'decks', keys: [['D']], command: 'view:decks' },
      { action: 'browse', keys: [['B']], command: 'view:browse' },
      { action: 'stats', keys: [['T']], command: 'view:stats' },
      { action: 'exam', keys: [['X']], command: 'view:exam' },
      { action: 'import', keys: [['Mod', 'Shift', 'I']], command: 'file:import' },
      { action: 'export', keys: [['Mod', 'E']], command: 'file:export' },
    ],
  },
  {
    id: 'decks',
    shortcuts: [
      { action: 'moveBetween', keys: [['Tab'], ['Shift', 'Tab']] },
      { action: 'studyDeck', keys: [['Enter'], ['Space']] },
    ],
  },
  {
    id: 'study',
    shortcuts: [
      { action: 'showAnswer', keys: [['Space'], ['Enter']] },
      { action: 'rate', params: { rating: 'again' }, keys: [['1']] },
      { action: 'rate', params: { rating: 'hard' }, keys: [['2']] },
      { action: 'rate', params: { rating: 'good' }, keys: [['3']] },
      { action: 'rate', params: { rating: 'easy' }, keys: [['4']] },
      // Focus sits on Good once the answer shows, so Space/Enter press it (as in Anki).
      { action: 'rateGoodDefault', keys: [['Space'], ['Enter']] },
      { action: 'undo', keys: [['U'], ['Mod', 'Z']], command: 'edit:undo' },
      { action: 'back', keys: [['Esc']] },
      { action: 'finish', keys: [['Enter']] },
      // Anki's review extras.
      { action: 'editCard', keys: [['E']] },
      { action: 'flagCard', keys: ['1', '2', '3', '4', '5', '6', '7'].map((n) => ['Mod', n]) },
      { action: 'buryCard', keys: [['-']] },
      { action: 'suspendCard', keys: [['@']] },
      { action: 'markCard', keys: [['*']] },
    ],
  },
  {
    // The card browser's table and actions (Anki's browser keys).
    id: 'browse',
    shortcuts: [
      { action: 'browseSearch', keys: [['Mod', 'F']] },
      { action: 'browseRows', keys: [['↑'], ['↓']] },
      { action: 'browseExtend', keys: [['Shift', '↑'], ['Shift', '↓']] },
      { action: 'browseToggle', keys: [['Mod', 'Space']] },
      { action: 'browseSelectAll', keys: [['Mod', 'A']] },
      { action: 'browseEdit', keys: [['Enter']] },
      { action: 'browseInfo', keys: [['Mod', 'I']] },
      { action: 'browseSuspend', keys: [['Mod', 'J']] },
      { action: 'browseMove', keys: [['Mod', 'D']] },
      { action: 'browseTags', keys: [['Mod', 'Shift', 'A']] },
      { action: 'browseDue', keys: [['Mod', 'Shift', 'D']] },
      { action: 'browseForget', keys: [['Mod', 'Alt', 'N']] },
      { action: 'browseFlag', keys: [['Mod', '1–7']] },
      { action: 'browseMark', keys: [['Mod', 'K']] },
      { action: 'browseDelete', keys: [['Delete']] },
      { action: 'browseUndo', keys: [['Mod', 'Z']] },
    ],
  },
];

/** The part of a KeyboardEvent the matcher looks at. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

const isPlainKey = (combo: Combo): boolean => combo.length === 1 && [...combo[0]!].length === 1;
const isLetter = (key: string): boolean => key.toLowerCase() !== key.toUpperCase();

/**
 * The command of a global single-key shortcut (`?`, D, B, T, X) this key press means, or null.
 * These keys are the renderer's own: the menu only displays them, because a plain key registered
 * with the system would be taken from every text field. The caller skips presses in text fields.
 */
export function commandForKey(event: KeyPress): Command | null {
  if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return null;
  for (const shortcut of SHORTCUTS[0]!.shortcuts) {
    if (!shortcut.command) continue;
    for (const combo of shortcut.keys) {
      if (!isPlainKey(combo)) continue;
      const key = combo[0]!;
      // Letters without Shift (Shift+D is not D); '?' needs Shift on most layouts, so Shift is fine there.
      if (isLetter(key) ? !event.shiftKey && event.key.toLowerCase() === key.toLowerCase() : event.key === key) return shortcut.command;
    }
  }
  return null;
}

/** Global shortcuts whose command the app handles, and every screen shortcut. */
export function availableShortcuts(handles: (command: Command) => boolean): ShortcutSection[] {
  return SHORTCUTS.map((section) => ({
    ...section,
    shortcuts: section.shortcuts.filter((s) => section.id !== 'global' || !s.command || handles(s.command)),
  })).filter((section) => section.shortcuts.length > 0);
}

/** Whether the user is on a Mac, where 'Mod' is ⌘. */
export function isMac(platform: string = globalThis.navigator?.userAgent ?? ''): boolean {
  return /Mac|iPhone|iPad/.test(platform);
}

/** The value of aria-keyshortcuts for a shortcut (ARIA's key names, alternatives space-separated). */
export function ariaKeyshortcuts(shortcut: Shortcut, mac = isMac()): string {
  const aria: Record<string, string> = { Mod: mac ? 'Meta' : 'Control', Esc: 'Escape' };
  return shortcut.keys.map((combo) => combo.map((key) => aria[key] ?? key).join('+')).join(' ');
}
