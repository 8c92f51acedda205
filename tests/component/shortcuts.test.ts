// The shortcut list (renderer/src/lib/shortcuts.ts) documents the study screen's key handling
// exactly: every listed study key does what its line says, and no key the study screen reacts to
// is missing from the list. Also the app-wide single keys (`?`, D, B, T, X) and what the sheet shows.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../electron/shared/contract';
import { StudySession, type KeyInput } from '../../renderer/src/lib/session.svelte';
import { SHORTCUTS, ariaKeyshortcuts, availableShortcuts, commandForKey, type Combo, type Shortcut } from '../../renderer/src/lib/shortcuts';
import { DECK_ID, FakeApi } from './fakeApi';
import { settle } from './helpers';

const study = SHORTCUTS.find((s) => s.id === 'study')!.shortcuts;

/** The key events a combination stands for (Mod is Ctrl, or ⌘ on a Mac: both are tried). */
function events(combo: Combo): KeyInput[] {
  const NAMES: Record<string, string> = { Space: ' ', Enter: 'Enter', Esc: 'Escape', Tab: 'Tab' };
  const key = combo.at(-1)!;
  const base: KeyInput = { key: NAMES[key] ?? key.toLowerCase(), shiftKey: combo.includes('Shift') };
  return combo.includes('Mod') ? [{ ...base, ctrlKey: true }, { ...base, metaKey: true }] : [base];
}

async function sessionAt(phase: 'question' | 'answer' | 'answered' | 'summary') {
  const api = new FakeApi();
  const session = new StudySession(api, { id: DECK_ID, name: 'AWS' }, { now: () => 1_000 });
  await session.start();
  if (phase === 'answer' || phase === 'answered') session.showAnswer();
  if (phase === 'answered') {
    await session.answer('good');
    await settle();
  }
  while (phase === 'summary' && session.phase === 'question') {
    session.showAnswer();
    await session.answer('easy');
    await settle();
  }
  if (phase === 'summary') expect(session.phase).toBe('summary');
  return { api, session };
}

describe('the study section of the shortcut list', () => {
  it('lists keys that each do what their line says', async () => {
    const byAction = (action: string, rating?: string): Shortcut =>
      study.find((s) => s.action === action && (rating === undefined || s.params?.rating === rating))!;

    for (const combo of byAction('showAnswer').keys) {
      for (const event of events(combo)) {
        const { session } = await sessionAt('question');
        expect(session.handleKey(event), combo.join('+')).toBe('handled');
        expect(session.phase).toBe('answer');
      }
    }
    for (const rating of ['again', 'hard', 'good', 'easy'] as const) {
      for (const combo of byAction('rate', rating).keys) {
        const { session, api } = await sessionAt('answer');
        expect(session.handleKey(events(combo)[0]!)).toBe('handled');
        await settle();
        expect(api.answers.map((a) => a.rating)).toEqual([rating]);
      }
    }
    for (const combo of byAction('undo').keys) {
      for (const event of events(combo)) {
        const { session, api } = await sessionAt('answered');
        expect(session.handleKey(event), combo.join('+')).toBe('handled');
        await settle();
        expect(api.count('undo')).toBe(1);
        expect(api.answers).toEqual([]);
      }
    }
    for (const phase of ['question', 'answer', 'summary'] as const) {
      const { session } = await sessionAt(phase);
      for (const combo of byAction('back').keys) expect(session.handleKey(events(combo)[0]!)).toBe('exit');
    }
    const { session } = await sessionAt('summary');
    for (const combo of byAction('finish').keys) expect(session.handleKey(events(combo)[0]!)).toBe('exit');
  });

  it('misses no key the study screen reacts to', async () => {
    const listed = new Set(study.flatMap((s) => s.keys.flatMap((combo) => events(combo).map((e) => JSON.stringify(e)))));
    const candidates: KeyInput[] = [];
    const keys = [...'abcdefghijklmnopqrstuvwxyz0123456789`-=[]\\;\',./?!@#$%^&*()_+{}|:"<>~', ' ', 'Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'F1'];
    for (const key of keys) {
      candidates.push({ key, shiftKey: false });
      candidates.push({ key, shiftKey: false, ctrlKey: true }, { key, shiftKey: false, metaKey: true });
    }
    let reacted = 0;
    for (const phase of ['question', 'answer', 'answered', 'summary'] as const) {
      let { session } = await sessionAt(phase);
      for (const event of candidates) {
        const action = session.handleKey(event);
        if (action === 'ignored') continue; // nothing changed: the same session tries the next key
        reacted += 1;
        expect(listed.has(JSON.stringify(event)), `${phase}: ${JSON.stringify(event)} → ${action}`).toBe(true);
        ({ session } = await sessionAt(phase));
      }
    }
    expect(reacted).toBeGreaterThan(10);
  });
});

describe('app-wide single keys', () => {
  it("are `?`, and Anki's D / B / T for the main screens, outside modifier combinations", () => {
    expect(commandForKey({ key: '?', shiftKey: true })).toBe('help:shortcuts');
    expect(commandForKey({ key: 'd' })).toBe('view:decks');
    expect(commandForKey({ key: 'D' })).toBe('view:decks'); // Caps Lock
    expect(commandForKey({ key: 'b' })).toBe('view:browse');
    expect(commandForKey({ key: 't' })).toBe('view:stats');
    expect(commandForKey({ key: 'x' })).toBe('view:exam');
    for (const event of [{ key: 'd', ctrlKey: true }, { key: 'd', metaKey: true }, { key: 'd', altKey: true }, { key: 'D', shiftKey: true }, { key: '?', ctrlKey: true }, { key: 'd', isComposing: true }]) {
      expect(commandForKey(event), JSON.stringify(event)).toBeNull();
    }
    // Keys of the study screen are not app-wide commands.
    for (const key of [' ', 'Enter', '1', 'u', 'Escape', 'e']) expect(commandForKey({ key })).toBeNull();
  });

  it('are listed only for commands the app handles; screen keys always', () => {
    const handles = (c: Command) => c === 'help:shortcuts' || c === 'view:decks' || c === 'edit:undo';
    const sections = availableShortcuts(handles);
    expect(sections.map((s) => s.id)).toEqual(['global', 'decks', 'study', 'browse']);
    expect(sections[0]!.shortcuts.map((s) => s.command)).toEqual(['help:shortcuts', 'view:decks']);
    expect(sections[2]!.shortcuts).toEqual(study); // the study screen's undo stays, whatever the app handles
  });

  it('give ARIA key names for aria-keyshortcuts', () => {
    const undo = study.find((s) => s.action === 'undo')!;
    expect(ariaKeyshortcuts(undo, false)).toBe('U Control+Z');
    expect(ariaKeyshortcuts(undo, true)).toBe('U Meta+Z');
    expect(ariaKeyshortcuts(study.find((s) => s.action === 'back')!, false)).toBe('Escape');
  });
});
