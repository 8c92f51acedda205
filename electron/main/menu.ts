// The native application menu, as a pure template: index.ts builds it with Electron's Menu, the
// unit tests read it as data. Every item of ours sends one Command to the window (see
// electron/shared/contract.ts); the renderer decides what it means on the screen it shows.
//
// Accelerators follow Anki where Anki has one: Import Ctrl+Shift+I, Export Ctrl+E, Undo Ctrl+Z,
// Quit Ctrl+Q, and the main screens on plain D (decks), B (browse), T (stats). Plain letters must
// not be registered with the system (they would eat those letters in every text field), so on
// Windows and Linux they are only displayed (registerAccelerator: false) and the renderer handles
// the keys itself outside text fields; macOS cannot display an unregistered one, so there the
// renderer's keys are listed in the shortcut sheet only.
import type { MenuItemConstructorOptions } from 'electron';
import { UI_LANGUAGES, type Command, type UiLanguage } from '../shared/contract';

/** Every label of the menu; `{app}` stands for the app's name. */
export interface MenuLabels {
  file: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  import: string;
  export: string;
  backup: string;
  quit: string;
  undo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  decks: string;
  browse: string;
  stats: string;
  exam: string;
  shortcuts: string;
  about: string;
  // macOS only: the app menu, the window menu and File → Close Window.
  services: string;
  hide: string;
  hideOthers: string;
  showAll: string;
  quitApp: string;
  close: string;
  minimize: string;
  zoom: string;
  front: string;
}

/** The menu's own catalogue (main has no i18next); the type makes both languages complete. */
export const MENU_LABELS: Record<UiLanguage, MenuLabels> = {
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    import: 'Import…',
    export: 'Export…',
    backup: 'Back Up Now',
    quit: 'Quit',
    undo: 'Undo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    decks: 'Decks',
    browse: 'Browse',
    stats: 'Statistics',
    exam: 'Exam',
    shortcuts: 'Keyboard Shortcuts',
    about: 'About {app}',
    services: 'Services',
    hide: 'Hide {app}',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    quitApp: 'Quit {app}',
    close: 'Close Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
  },
  nl: {
    file: 'Bestand',
    edit: 'Bewerken',
    view: 'Beeld',
    window: 'Venster',
    help: 'Help',
    import: 'Importeren…',
    export: 'Exporteren…',
    backup: 'Nu een back-up maken',
    quit: 'Afsluiten',
    undo: 'Ongedaan maken',
    cut: 'Knippen',
    copy: 'Kopiëren',
    paste: 'Plakken',
    selectAll: 'Alles selecteren',
    decks: 'Decks',
    browse: 'Bladeren',
    stats: 'Statistieken',
    exam: 'Examen',
    shortcuts: 'Sneltoetsen',
    about: 'Over {app}',
    services: 'Diensten',
    hide: 'Verberg {app}',
    hideOthers: 'Verberg andere',
    showAll: 'Toon alles',
    quitApp: 'Stop {app}',
    close: 'Venster sluiten',
    minimize: 'Minimaliseren',
    zoom: 'Zoomen',
    front: 'Alles naar voorgrond',
  },
};

/**
 * The menu's accelerator for each command that has one. `key: true` marks a plain key the
 * renderer handles (displayed only, see the top of this file); the renderer's shortcut list
 * (renderer/src/lib/shortcuts.ts) must agree, which tests/unit/menu.test.ts checks.
 */
export const COMMAND_ACCELERATORS: Partial<Record<Command, { accelerator: string; plainKey?: true }>> = {
  'file:import': { accelerator: 'CmdOrCtrl+Shift+I' },
  'file:export': { accelerator: 'CmdOrCtrl+E' },
  'edit:undo': { accelerator: 'CmdOrCtrl+Z' },
  'view:decks': { accelerator: 'D', plainKey: true },
  'view:browse': { accelerator: 'B', plainKey: true },
  'view:stats': { accelerator: 'T', plainKey: true },
  'view:exam': { accelerator: 'X', plainKey: true },
  'help:shortcuts': { accelerator: 'CmdOrCtrl+/' },
};

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  lang: UiLanguage;
  /** Delivers a command to the window (menu clicks). */
  send: (command: Command) => void;
}

/** The first of the system's preferred languages the menu speaks; English otherwise (as the renderer decides). */
export function menuLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if ((UI_LANGUAGES as readonly string[]).includes(base ?? '')) return base as UiLanguage;
  }
  return 'en';
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

export function menuTemplate({ platform, appName, lang, send }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const L = MENU_LABELS[lang];
  const named = (label: string) => label.replaceAll('{app}', appName);
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const command = (id: Command, label: string): MenuItemConstructorOptions => {
    const item: MenuItemConstructorOptions = { id, label, click: () => send(id) };
    const shortcut = COMMAND_ACCELERATORS[id];
    if (shortcut?.plainKey) {
      if (!mac) Object.assign(item, { accelerator: shortcut.accelerator, registerAccelerator: false });
    } else if (shortcut) {
      item.accelerator = shortcut.accelerator;
    }
    return item;
  };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: named(L.about) },
      separator,
      { role: 'services', label: L.services },
      separator,
      { role: 'hide', label: named(L.hide) },
      { role: 'hideOthers', label: L.hideOthers },
      { role: 'unhide', label: L.showAll },
      separator,
      { role: 'quit', label: named(L.quitApp) },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: L.file,
    submenu: [
      command('file:import', L.import),
      command('file:export', L.export),
      separator,
      command('file:backup', L.backup),
      separator,
      mac ? { role: 'close', label: L.close } : { role: 'quit', label: L.quit, accelerator: 'CmdOrCtrl+Q' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: L.edit,
    submenu: [
      // Not the `undo` role: Undo takes back the last answer or action in the collection (as in
      // Anki). In a text field the renderer turns it into the field's own undo.
      command('edit:undo', L.undo),
      separator,
      { role: 'cut', label: L.cut },
      { role: 'copy', label: L.copy },
      { role: 'paste', label: L.paste },
      { role: 'selectAll', label: L.selectAll },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: L.view,
    submenu: [
      command('view:decks', L.decks),
      command('view:browse', L.browse),
      command('view:stats', L.stats),
      command('view:exam', L.exam),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    role: 'window',
    label: L.window,
    submenu: [{ role: 'minimize', label: L.minimize }, { role: 'zoom', label: L.zoom }, separator, { role: 'front', label: L.front }],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: L.help,
    submenu: mac
      ? [command('help:shortcuts', L.shortcuts)] // About lives in the app menu on macOS
      : [command('help:shortcuts', L.shortcuts), separator, { role: 'about', label: named(L.about) }],
  };

  return mac ? [appMenu, file, edit, view, windowMenu, help] : [file, edit, view, help];
}
