// The application menu as data: what is in it on each platform, in each language, what its items
// send, and that its accelerators are valid, Anki's, and the same as the renderer's shortcut list.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type Command } from '../../electron/shared/contract';
import { COMMAND_ACCELERATORS, MENU_LABELS, menuLanguage, menuTemplate, type MenuOptions } from '../../electron/main/menu';
import { SHORTCUTS } from '../../renderer/src/lib/shortcuts';
import { acceleratorProblem } from '../e2e/electron-standin/shell';

type Item = MenuItemConstructorOptions;

function build(platform: NodeJS.Platform, lang: MenuOptions['lang'] = 'en') {
  const sent: Command[] = [];
  const template = menuTemplate({ platform, appName: 'Stratus', lang, send: (c) => sent.push(c) });
  return { template, sent };
}

const submenu = (item: Item): Item[] => item.submenu as Item[];
const labels = (items: Item[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
const byLabel = (items: Item[], ...path: string[]): Item => {
  let item: Item | undefined;
  let level = items;
  for (const label of path) {
    item = level.find((i) => i.label === label);
    if (!item) throw new Error(`no "${label}" in ${labels(level).join(', ')}`);
    level = Array.isArray(item.submenu) ? item.submenu : [];
  }
  return item!;
};
const click = (item: Item) => (item.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View and Help on Windows and Linux, with the items Anki users look for', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform);
      expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Help']);
      expect(labels(submenu(template[0]!))).toEqual(['Import…', 'Export…', 'Back Up Now', 'Quit']);
      expect(labels(submenu(template[1]!))).toEqual(['Undo', 'Cut', 'Copy', 'Paste', 'Select All']);
      expect(labels(submenu(template[2]!))).toEqual(['Decks', 'Browse', 'Statistics', 'Exam']);
      expect(labels(submenu(template[3]!))).toEqual(['Keyboard Shortcuts', 'About Stratus']);
      expect(byLabel(template, 'File', 'Quit')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
      expect(byLabel(template, 'Help', 'About Stratus')).toMatchObject({ role: 'about' });
    }
  });

  it('has the app menu (About, Services, Hide, Quit) and a Window menu on macOS', () => {
    const { template } = build('darwin');
    expect(labels(template)).toEqual(['Stratus', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(submenu(template[0]!).map((i) => i.role ?? i.type)).toEqual(['about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(byLabel(template, 'Stratus', 'Quit Stratus').role).toBe('quit');
    // No Quit in File and no About in Help: they live in the app menu on a Mac.
    expect(labels(submenu(template[1]!))).toEqual(['Import…', 'Export…', 'Back Up Now', 'Close Window']);
    expect(labels(submenu(template[5]!))).toEqual(['Keyboard Shortcuts']);
    expect(template[4]!.role).toBe('window');
    expect(template[5]!.role).toBe('help');
  });

  it('sends each command once when its item is clicked, and every command has an item', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { template, sent } = build(platform);
      const ours = all(template).filter((i) => typeof i.id === 'string');
      expect(ours.map((i) => i.id).sort()).toEqual([...COMMANDS].sort());
      for (const item of ours) {
        sent.length = 0;
        click(item);
        expect(sent).toEqual([item.id]);
      }
    }
  });

  it('uses roles (not our commands) only for what Electron does natively, and Undo is ours', () => {
    const { template } = build('linux');
    const undo = byLabel(template, 'Edit', 'Undo');
    expect(undo.role).toBeUndefined();
    expect(undo).toMatchObject({ id: 'edit:undo', accelerator: 'CmdOrCtrl+Z' });
    for (const item of all(template)) expect(item.id === undefined || item.role === undefined).toBe(true);
  });

  it("uses Anki's accelerators: Ctrl+Shift+I import, Ctrl+E export, Ctrl+Z undo, D / B / T screens", () => {
    const { template } = build('linux');
    expect(byLabel(template, 'File', 'Import…').accelerator).toBe('CmdOrCtrl+Shift+I');
    expect(byLabel(template, 'File', 'Export…').accelerator).toBe('CmdOrCtrl+E');
    expect(byLabel(template, 'View', 'Decks')).toMatchObject({ accelerator: 'D', registerAccelerator: false });
    expect(byLabel(template, 'View', 'Browse')).toMatchObject({ accelerator: 'B', registerAccelerator: false });
    expect(byLabel(template, 'View', 'Statistics')).toMatchObject({ accelerator: 'T', registerAccelerator: false });
    expect(byLabel(template, 'Help', 'Keyboard Shortcuts').accelerator).toBe('CmdOrCtrl+/');
  });

  it('never registers a plain key with the system (it would be taken from text fields)', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const item of all(build(platform).template)) {
        if (!item.accelerator) continue;
        const plain = !item.accelerator.includes('+');
        if (plain) expect(item.registerAccelerator, `${platform} ${item.label}`).toBe(false);
        // macOS cannot show an accelerator without registering it: no plain keys there at all.
        if (plain) expect(platform).not.toBe('darwin');
      }
    }
  });

  it('has accelerators Electron accepts, no two alike', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = all(build(platform).template).flatMap((i) => (i.accelerator ? [i.accelerator] : []));
      for (const a of accelerators) expect(acceleratorProblem(a), a).toBeNull();
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
    expect(acceleratorProblem('CmdOrCtrl+')).not.toBeNull();
    expect(acceleratorProblem('Hyper+D')).not.toBeNull();
  });

  it("agrees with the renderer's shortcut list, which the shortcut sheet shows", () => {
    const renderer = SHORTCUTS.flatMap((section) => section.shortcuts);
    for (const [command, { accelerator, plainKey }] of Object.entries(COMMAND_ACCELERATORS)) {
      const combo = accelerator.split('+').map((key) => (key === 'CmdOrCtrl' ? 'Mod' : key));
      const listed = renderer.filter((s) => s.command === command).flatMap((s) => s.keys.map((k) => k.join('+')));
      expect(listed, command).toContain(combo.join('+'));
      // The renderer handles exactly the plain keys itself: they are in its global section.
      if (plainKey) expect(SHORTCUTS[0]!.shortcuts.some((s) => s.command === command && s.keys.some((k) => k.join('+') === accelerator))).toBe(true);
    }
  });

  it('speaks Dutch when asked, with every label translated', () => {
    const { template } = build('win32', 'nl');
    expect(labels(template)).toEqual(['Bestand', 'Bewerken', 'Beeld', 'Help']);
    expect(labels(submenu(template[0]!))).toEqual(['Importeren…', 'Exporteren…', 'Nu een back-up maken', 'Afsluiten']);
    expect(labels(submenu(template[2]!))).toEqual(['Decks', 'Bladeren', 'Statistieken', 'Examen']);
    expect(labels(submenu(template[3]!))).toEqual(['Sneltoetsen', 'Over Stratus']);
    expect(byLabel(build('darwin', 'nl').template, 'Stratus', 'Stop Stratus').role).toBe('quit');
    // Same keys, nothing empty, and Dutch differs from English where the words differ.
    expect(Object.keys(MENU_LABELS.nl).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
    for (const lang of ['en', 'nl'] as const) for (const text of Object.values(MENU_LABELS[lang])) expect(text.trim()).not.toBe('');
    expect(MENU_LABELS.nl.file).not.toBe(MENU_LABELS.en.file);
  });

  it('follows the first system language it knows, else English', () => {
    expect(menuLanguage(['nl-NL', 'en-US'])).toBe('nl');
    expect(menuLanguage(['nl_BE'])).toBe('nl');
    expect(menuLanguage(['de-DE', 'nl-NL'])).toBe('nl');
    expect(menuLanguage(['de-DE', 'fr-FR'])).toBe('en');
    expect(menuLanguage([])).toBe('en');
  });
});
