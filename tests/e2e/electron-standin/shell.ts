// Stand-ins for Electron's desktop-shell modules: Menu / MenuItem (the application menu, kept as
// data so a test can "click" an item by its labels) and screen (a configurable set of displays).
// See ./standin.ts for how they are wired into `require('electron')`, and for the limits.

/** Electron's Rectangle. */
export interface StandinRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of Electron's Display the stand-in gives (one per monitor). */
export interface StandinDisplay {
  id: number;
  label: string;
  bounds: StandinRect;
  workArea: StandinRect;
  size: { width: number; height: number };
  workAreaSize: { width: number; height: number };
  scaleFactor: number;
  rotation: number;
  internal: boolean;
}

/** A monitor as a test describes it: where it is, and its work area (without task bars). */
export interface DisplaySpec {
  bounds: StandinRect;
  workArea?: StandinRect;
}

/** One 1920×1080 monitor with a 40 px task bar at the bottom. */
export const DEFAULT_DISPLAYS: readonly DisplaySpec[] = [
  { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
];

export function makeDisplays(specs: readonly DisplaySpec[]): StandinDisplay[] {
  return specs.map((spec, index) => {
    const workArea = spec.workArea ?? spec.bounds;
    return {
      id: index + 1,
      label: `Display ${index + 1}`,
      bounds: { ...spec.bounds },
      workArea: { ...workArea },
      size: { width: spec.bounds.width, height: spec.bounds.height },
      workAreaSize: { width: workArea.width, height: workArea.height },
      scaleFactor: 1,
      rotation: 0,
      internal: index === 0,
    };
  });
}

export class ScreenStandin {
  readonly #displays: StandinDisplay[];

  constructor(
    specs: readonly DisplaySpec[],
    private readonly isReady: () => boolean,
  ) {
    if (specs.length === 0) throw new Error('electron stand-in: at least one display is needed');
    this.#displays = makeDisplays(specs);
  }

  #check(): void {
    // Electron: the screen module cannot be used before the app's ready event.
    if (!this.isReady()) throw new Error("The 'screen' module can't be used before the app 'ready' event");
  }

  getAllDisplays(): StandinDisplay[] {
    this.#check();
    return structuredClone(this.#displays);
  }

  getPrimaryDisplay(): StandinDisplay {
    this.#check();
    return structuredClone(this.#displays[0]!);
  }
}

// --- Menu ------------------------------------------------------------------------------------

type ClickHandler = (item: StandinMenuItem, window: unknown, event: Record<string, unknown>) => void;

export interface MenuItemOptions {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  click?: ClickHandler;
  submenu?: MenuItemOptions[] | StandinMenu;
  [key: string]: unknown;
}

/** Electron's default labels for the roles Stratus uses (used when an item gives none). */
const ROLE_LABELS: Record<string, string> = {
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  delete: 'Delete',
  quit: 'Quit',
  close: 'Close Window',
  minimize: 'Minimize',
  zoom: 'Zoom',
  front: 'Bring All to Front',
  about: 'About',
  services: 'Services',
  hide: 'Hide',
  hideOthers: 'Hide Others',
  unhide: 'Show All',
  window: 'Window',
  help: 'Help',
  reload: 'Reload',
  toggleDevTools: 'Toggle Developer Tools',
};

const TYPES = ['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette'];

// Electron's accelerator grammar (docs/api/accelerator.md): modifiers, then exactly one key code.
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'volumeup', 'volumedown',
  'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const PUNCTUATION = ')!@#$%^&*(:;+=<,_->.?/~`{][|\\}"\'';

/** Why Electron would reject this accelerator, or null when it is valid. */
export function acceleratorProblem(accelerator: string): string | null {
  const parts = accelerator.split('+');
  // "Plus" is the key name for '+', so a literal '+' never appears as a part; empty parts are errors.
  if (parts.some((p) => p === '')) return `"${accelerator}" has an empty part`;
  const key = parts.at(-1)!;
  for (const modifier of parts.slice(0, -1)) if (!MODIFIERS.has(modifier.toLowerCase())) return `"${modifier}" is not a modifier`;
  const k = key.toLowerCase();
  const valid = /^[a-z0-9]$/.test(k) || /^f([1-9]|1\d|2[0-4])$/.test(k) || NAMED_KEYS.has(k) || (key.length === 1 && PUNCTUATION.includes(key));
  return valid ? null : `"${key}" is not a key code`;
}

export class StandinMenuItem {
  readonly id: string | undefined;
  readonly label: string;
  readonly role: string | undefined;
  readonly type: string;
  readonly accelerator: string | undefined;
  readonly registerAccelerator: boolean;
  enabled: boolean;
  visible: boolean;
  readonly submenu: StandinMenu | null;
  readonly click: (window?: unknown) => void;

  constructor(options: MenuItemOptions, private readonly shell: MenuShell) {
    if (options.type !== undefined && !TYPES.includes(options.type)) throw new TypeError(`Invalid menu item type: ${options.type}`);
    if (options.role !== undefined && !(options.role in ROLE_LABELS)) throw new TypeError(`Invalid role: ${options.role}`);
    const submenu = options.submenu;
    this.submenu = submenu instanceof StandinMenu ? submenu : submenu ? StandinMenu.build(submenu, shell) : null;
    this.type = options.type ?? (this.submenu ? 'submenu' : 'normal');
    if (this.type !== 'separator' && options.label === undefined && options.role === undefined) {
      throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    }
    this.id = options.id;
    this.role = options.role;
    this.label = options.label ?? (options.role ? ROLE_LABELS[options.role]! : '');
    this.accelerator = options.accelerator;
    this.registerAccelerator = options.registerAccelerator ?? true;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    if (this.accelerator !== undefined) {
      const problem = acceleratorProblem(this.accelerator);
      if (problem) shell.warn(`menu item "${this.label}": invalid accelerator ${problem}`);
    }
    const handler = options.click;
    this.click = (window?: unknown) => {
      if (handler) handler(this, window ?? shell.focusedWindow(), { triggeredByAccelerator: false });
      else if (this.role) shell.performRole(this.role);
    };
  }
}

/** What menu items need from the rest of the stand-in. */
export interface MenuShell {
  focusedWindow(): unknown;
  performRole(role: string): void;
  warn(message: string): void;
}

export class StandinMenu {
  readonly items: StandinMenuItem[] = [];

  static build(template: MenuItemOptions[], shell: MenuShell): StandinMenu {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    const menu = new StandinMenu();
    for (const options of template) menu.items.push(new StandinMenuItem(options, shell));
    return menu;
  }

  /** The visible, non-separator item with this label (exactly as shown). */
  find(label: string): StandinMenuItem | undefined {
    return this.items.find((item) => item.visible && item.type !== 'separator' && item.label === label);
  }

  /** The menu as plain data: labels, ids, roles and accelerators, nested. */
  describe(): MenuDescription[] {
    return this.items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      type: item.type,
      label: item.label,
      ...(item.role ? { role: item.role } : {}),
      ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: item.registerAccelerator } : {}),
      ...(item.submenu ? { submenu: item.submenu.describe() } : {}),
    }));
  }
}

export interface MenuDescription {
  id?: string;
  type: string;
  label: string;
  role?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  submenu?: MenuDescription[];
}
