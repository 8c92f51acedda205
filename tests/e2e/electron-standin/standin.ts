// A stand-in for the parts of Electron that Stratus uses, so the end-to-end tests can run the REAL
// built app (out/main/index.js, out/preload/index.js, out/renderer/) on a machine where Electron's
// binary cannot be downloaded. What is real and what is stood in:
//
//   main process   The real bundle out/main/index.js, loaded with Node's require inside the vitest
//                  worker (see ./launch.ts). `require('electron')` returns `standin.electron` from
//                  this file: app, BrowserWindow, ipcMain, protocol, session, dialog.
//   renderer       The real built renderer, in Debian's Chromium (headless) driven by playwright-core.
//                  One Chromium persistent context per BrowserWindow; its first page is the window.
//   app:// scheme  Chromium cannot load a scheme nobody registered, so every origin served by a
//                  handler from `protocol.handle(scheme, fn)` gets a small HTTP server on 127.0.0.1.
//                  Each HTTP request becomes a WHATWG Request for the app:// URL, goes through main's
//                  REAL handler, and its Response (status, headers — CSP included — and body) is
//                  written back. `loadURL('app://stratus/index.html')` navigates to
//                  http://127.0.0.1:<port>/index.html; every URL reported back to main (senderFrame.url,
//                  webContents.getURL(), will-navigate) is translated back to app://stratus/….
//   preload        The real out/preload/index.js is injected with page.addInitScript before any page
//                  script runs, wrapped in a function that gives it `require('electron')` →
//                  { contextBridge, ipcRenderer } stand-ins. contextBridge.exposeInMainWorld copies the
//                  api like Electron does (functions proxied, everything else copied and frozen) onto
//                  a non-writable, non-configurable window property. ipcRenderer.invoke structured-
//                  clones its arguments and calls a playwright binding, which calls the handler main
//                  registered with ipcMain.handle with an event { sender: webContents, senderFrame }
//                  (senderFrame: a WebFrameMain stand-in with url, origin, name, parent, top; the same
//                  object as webContents.mainFrame for the top frame) and returns its result (or
//                  Electron's "Error invoking remote method …").
//   security hooks will-navigate: every renderer-initiated navigation of the window's main frame is
//                  routed (context.route) through the webContents' 'will-navigate' listeners; if one
//                  calls preventDefault() the navigation is aborted (net::ERR_ABORTED, as Electron does).
//                  Sub-frame navigations go through 'will-frame-navigate'. New windows (window.open,
//                  target=_blank) go through the setWindowOpenHandler handler; unless it returns
//                  { action: 'allow' } the popup's navigation is aborted and the popup closed.
//                  Permissions: when a window loads, each permission below is asked of the session's
//                  permission check and request handlers (no handler means "granted", Electron's
//                  default) and granted in Chromium only if both allow; otherwise headless Chromium
//                  denies it. The stand-in is offline: any request that is not to an app origin is
//                  aborted and recorded in `records.blockedRequests`.
//   one-way IPC    webContents.send(channel, ...args) delivers to the preload's ipcRenderer.on
//                  listeners (through a page.evaluate of a hook the preload wrapper defines), in order;
//                  ipcRenderer.send(channel, ...args) goes through a second playwright binding to
//                  ipcMain.on listeners with the same { sender, senderFrame } event as invoke.
//   shell          Menu.buildFromTemplate / setApplicationMenu keep the menu as data (./shell.ts):
//                  `standin.clickMenu('View', 'Decks')` clicks an item by its labels (its click
//                  handler, or its role: quit, close, about are acted out, the rest recorded);
//                  invalid roles, types and accelerators are caught as Electron would.
//                  screen.getAllDisplays() gives the displays of the launch options.
//   files          dialog.showOpenDialog/showSaveDialog answer with paths the test queued, and a drag
//                  of files onto the window is acted out with webUtils.getPathForFile (./files.ts).
//                  app.requestSingleInstanceLock() is granted unless the launch says another
//                  instance holds it; `standin.app.startSecondInstance()` emits 'second-instance'.
//                  Windows keep bounds (x, y, width, height from the options, the viewport follows
//                  setBounds), maximize/minimize/restore/focus state, and emit resize/move/focus.
//                  app.getPath('userData') can be a folder the test keeps between launches, and
//                  the system language (app.getLocale(), navigator.languages) comes from `locale`.
//   lifecycle      app becomes ready right after main's top-level code ran, as in Electron, and the
//                  stand-in throws where Electron throws: BrowserWindow or session.defaultSession
//                  before ready, registerSchemesAsPrivileged/enableSandbox after it, a second
//                  ipcMain.handle for one channel. Closing the last window emits 'window-all-closed'.
//
// Usage: `launchStratus({ dbPath })` from ./launch.ts starts one app (one at a time per worker) and
// returns { standin, window, page, close }; `standin.records` holds what the app did.
//
// Limits (what this cannot prove, so other tests or a real Electron run must):
//   - The preload runs in the page's MAIN world, not an isolated world: context isolation itself is
//     not exercised (webPreferences.contextIsolation is only recorded and asserted). Page code could
//     in principle reach the preload's closures, and playwright's own binding plumbing
//     (window.__playwright__binding__) is visible to the page; in Electron neither is.
//   - The sandbox is Chromium's, not Electron's renderer sandbox; `sandbox: true` is only recorded.
//   - app:// is served from an http://127.0.0.1 origin: the origin the page sees (location.origin,
//     CSP 'self') is that one, not app://stratus. Scheme privileges are only recorded.
//   - window.open() returns a (then closed) Window object instead of null when denied.
//   - will-redirect is never emitted: the app's own origin never redirects and everything else is
//     offline. Permission decisions are taken once per load, not per request (playwright cannot
//     intercept Chromium's permission prompts).
//   - IPC values cross as playwright serialises them, close to but not exactly structured clone.
//   - The hook that delivers webContents.send messages is a (non-enumerable) window property, so
//     page code could call it; in Electron only main can send.
//   - Menu accelerators are not wired to the keyboard: a key press reaches the page only, as an
//     unhandled key would before Electron's menu sees it. Tests click menu items by label instead.
//   - Windows are not real OS windows: maximize() sets bounds to the work area of the primary
//     display, focus is a flag, and there is no window manager to move or resize them.
//   - Only what Stratus's main uses is implemented; anything else is simply absent.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DRAG_HOOK, FileDialogStandin } from './files';
import { DEFAULT_DISPLAYS, ScreenStandin, StandinMenu, StandinMenuItem, type DisplaySpec, type MenuItemOptions, type MenuShell, type StandinRect } from './shell';
import { chromium, type BrowserContext, type Frame, type Page, type Request as PwRequest, type Route } from 'playwright-core';

/** Debian's Chromium; override with STRATUS_E2E_CHROMIUM. */
export const CHROMIUM_PATH = process.env.STRATUS_E2E_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Name of the playwright binding that carries ipcRenderer.invoke; the preload wrapper removes it from window. */
const IPC_BINDING = '__stratusIpc';
/** The same for ipcRenderer.send (one-way, renderer → main). */
const IPC_SEND_BINDING = '__stratusIpcSend';
/** The hook the preload wrapper defines for webContents.send (main → renderer). */
const IPC_DELIVER = '__stratusIpcDeliver';

export type ColorScheme = 'light' | 'dark';

/** Electron's event objects: what listeners of will-navigate & co. get. */
export class StandinEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Electron's WebFrameMain, as far as IPC events carry it: one object per frame, URLs live. */
export class StandinWebFrameMain {
  constructor(
    private readonly standin: ElectronStandin,
    private readonly window: StandinBrowserWindow,
    private readonly frame: Frame,
  ) {}
  get url(): string {
    return this.standin.toAppUrl(this.frame.url());
  }
  get origin(): string {
    return originOf(this.url);
  }
  get name(): string {
    return this.frame.name();
  }
  get parent(): StandinWebFrameMain | null {
    const parent = this.frame.parentFrame();
    return parent ? this.window.frameFor(parent) : null;
  }
  get top(): StandinWebFrameMain {
    return this.parent?.top ?? this;
  }
  isDestroyed(): boolean {
    return this.frame.isDetached();
  }
}

export type IpcFrameLike = Pick<StandinWebFrameMain, 'url'> & Partial<StandinWebFrameMain>;

export interface IpcInvokeEvent {
  sender: StandinWebContents;
  senderFrame: IpcFrameLike | null;
  frameId: number;
  processId: number;
  type: 'frame';
}

export type IpcHandler = (event: IpcInvokeEvent, ...args: unknown[]) => unknown;
export type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export type PermissionRequestHandler = (
  webContents: StandinWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
export type PermissionCheckHandler = (
  webContents: StandinWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: Record<string, unknown>,
) => boolean;
export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
  referrer: { url: string; policy: string };
}
export type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

export interface PrivilegedScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

/** Electron permission name → playwright permission names it stands for. */
const PERMISSIONS: Record<string, string[]> = {
  geolocation: ['geolocation'],
  notifications: ['notifications'],
  'clipboard-read': ['clipboard-read'],
  'clipboard-sanitized-write': ['clipboard-write'],
  media: ['camera', 'microphone'],
  midi: ['midi'],
};

/** Everything the stand-in saw, for tests to assert on. */
export interface StandinRecords {
  errorBoxes: { title: string; content: string }[];
  navigations: { event: 'will-navigate' | 'will-frame-navigate'; url: string; prevented: boolean }[];
  windowOpens: { url: string; action: string }[];
  permissionDecisions: { permission: string; origin: string; granted: boolean }[];
  /** Requests to anything but an app origin: aborted, the stand-in is offline. */
  blockedRequests: string[];
  /** Requests served by a protocol handler (app:// URLs). */
  protocolRequests: { url: string; method: string; status: number }[];
  ipc: { channel: string; senderUrl: string }[];
  /** Messages main sent to a window with webContents.send, in order. */
  sent: { channel: string; args: unknown[] }[];
  /** Menu roles acted out or recorded by clickMenu (e.g. 'about', 'copy'). */
  menuRoles: string[];
  /** What Electron would warn about in the menu (e.g. an accelerator it cannot parse). */
  menuWarnings: string[];
  aboutPanelOptions: Record<string, unknown>[];
  console: { type: string; text: string }[];
  pageErrors: string[];
  /** Failures inside the stand-in itself (a bug here, not in the app). */
  internalErrors: string[];
}

export interface StandinOptions {
  /** What app.getAppPath() returns: the repository root. */
  appPath: string;
  colorScheme?: ColorScheme;
  /** The system's language (BCP 47): Chromium's locale and navigator.languages, app.getLocale(). Default en-US. */
  locale?: string;
  /** app.getPath('userData'); by default a fresh folder per launch. Pass one to keep it between launches. */
  userDataDir?: string;
  /** The monitors screen.getAllDisplays() reports, the first being the primary. Default: one 1920×1080. */
  displays?: readonly DisplaySpec[];
  /** Another instance already holds the single-instance lock: requestSingleInstanceLock() returns false. */
  singleInstanceLockHeld?: boolean;
}

// ---------------------------------------------------------------------------------------------

export class AppStandin extends EventEmitter {
  readonly isPackaged = false;
  sandboxEnabled = false;
  quitCount = 0;
  quitting = false;
  readonly quitted: Promise<void>;
  #ready = false;
  #markReady!: () => void;
  readonly #readyPromise: Promise<void>;
  #markQuitted!: () => void;
  readonly #paths = new Map<string, string>();

  constructor(private readonly standin: ElectronStandin) {
    super();
    this.#readyPromise = new Promise((resolve) => (this.#markReady = resolve));
    this.quitted = new Promise((resolve) => (this.#markQuitted = resolve));
  }

  /** Called by the launcher once main's top-level code has run, as Electron does. */
  becomeReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.emit('ready', new StandinEvent(), {});
    this.#markReady();
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  isReady(): boolean {
    return this.#ready;
  }

  enableSandbox(): void {
    if (this.#ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }

  getAppPath(): string {
    return this.standin.options.appPath;
  }

  /** Electron's app.name (the package's productName). */
  get name(): string {
    return 'Stratus';
  }

  getVersion(): string {
    return '0.0.0-standin';
  }

  getLocale(): string {
    return this.standin.options.locale ?? 'en-US';
  }

  getPreferredSystemLanguages(): string[] {
    return [this.getLocale()];
  }

  #hasLock = false;
  requestSingleInstanceLock(): boolean {
    this.#hasLock = !this.standin.options.singleInstanceLockHeld;
    return this.#hasLock;
  }

  hasSingleInstanceLock(): boolean {
    return this.#hasLock;
  }

  releaseSingleInstanceLock(): void {
    this.#hasLock = false;
  }

  /** What Electron does in the running instance when the app is started again. */
  startSecondInstance(argv: string[] = ['stratus'], workingDirectory = process.cwd()): void {
    if (!this.#hasLock) throw new Error('electron stand-in: this instance does not hold the single-instance lock');
    this.emit('second-instance', new StandinEvent(), argv, workingDirectory, {});
  }

  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.standin.records.aboutPanelOptions.push(structuredClone(options));
  }

  showAboutPanel(): void {
    this.standin.records.menuRoles.push('about');
  }

  getName(): string {
    return 'Stratus';
  }

  getPath(name: string): string {
    const known = ['home', 'appData', 'userData', 'sessionData', 'temp', 'exe', 'module', 'desktop', 'documents', 'downloads', 'music', 'pictures', 'videos', 'recent', 'logs', 'crashDumps'];
    if (!known.includes(name)) throw new Error(`Failed to get '${name}' path`);
    let path = this.#paths.get(name);
    if (!path && name === 'userData' && this.standin.options.userDataDir) {
      path = this.standin.options.userDataDir;
      mkdirSync(path, { recursive: true });
      this.#paths.set(name, path);
    }
    if (!path) {
      path = mkdtempSync(join(this.standin.tmpRoot, `${name}-`));
      this.#paths.set(name, path);
    }
    return path;
  }

  quit(): void {
    this.quitCount += 1;
    if (this.quitting) return;
    this.quitting = true;
    this.emit('before-quit', new StandinEvent());
    const open = this.standin.windows.filter((w) => !w.isDestroyed());
    void Promise.all(open.map((w) => w.closeAndWait())).finally(() => {
      this.emit('will-quit', new StandinEvent());
      this.emit('quit', new StandinEvent(), 0);
      this.#markQuitted();
    });
  }

  exit(): void {
    this.quit();
  }
}

export class IpcMainStandin extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();

  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class ProtocolStandin {
  readonly privileged: PrivilegedScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly app: AppStandin) {}

  registerSchemesAsPrivileged(schemes: PrivilegedScheme[]): void {
    if (this.app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...structuredClone(schemes));
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady()) throw new Error('protocol.handle() can only be used after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

export class SessionStandin {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export class StandinWebContents extends EventEmitter {
  readonly id: number;
  windowOpenHandler: WindowOpenHandler | null = null;
  #destroyed = false;

  constructor(
    private readonly standin: ElectronStandin,
    readonly window: StandinBrowserWindow,
  ) {
    super();
    this.id = standin.nextId();
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** The window's main frame (null until Chromium is up). */
  get mainFrame(): StandinWebFrameMain | null {
    const page = this.window.page;
    return page ? this.window.frameFor(page.mainFrame()) : null;
  }

  getURL(): string {
    const page = this.window.page;
    return page ? this.standin.toAppUrl(page.url()) : '';
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  markDestroyed(): void {
    this.#destroyed = true;
    this.emit('destroyed');
  }

  /** What Electron does when the page calls window.open: ask the handler; no handler allows. */
  decideWindowOpen(url: string): 'allow' | 'deny' {
    const details: WindowOpenDetails = {
      url: this.standin.toAppUrl(url),
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' },
    };
    const action = this.windowOpenHandler ? this.windowOpenHandler(details).action : 'allow';
    this.standin.records.windowOpens.push({ url: details.url, action });
    return action === 'allow' ? 'allow' : 'deny';
  }

  #sending: Promise<void> = Promise.resolve();

  /** Electron's webContents.send: main → the page's ipcRenderer.on listeners, in order. */
  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    if (typeof channel !== 'string') throw new TypeError('Missing required channel argument');
    const cloned = structuredClone(args); // throws for what Electron cannot serialise either
    this.standin.records.sent.push({ channel, args: cloned });
    const page = this.window.page;
    this.#sending = this.#sending
      .then(async () => {
        if (!page || page.isClosed()) return; // Electron drops messages to a renderer that is gone
        await page.evaluate(
          ([hook, name, values]) => {
            const deliver = (globalThis as Record<string, unknown>)[hook];
            if (typeof deliver === 'function') deliver(name, values);
          },
          [IPC_DELIVER, channel, cloned] as const,
        );
      })
      .catch((err: unknown) => {
        // A message racing a navigation or the window closing is lost, as in Electron.
        if (this.#destroyed || /context was destroyed|Target .*closed|has been closed/i.test(String(err))) return;
        this.standin.fail(`webContents.send('${channel}') could not be delivered: ${String(err)}`);
      });
  }

  /** Resolves once every message sent so far has reached the page. */
  delivered(): Promise<void> {
    return this.#sending;
  }

  /** ipcRenderer.send from `frame`: emitted on ipcMain like Electron does, with the sender in the event. */
  receive(frame: Frame, channel: unknown, args: unknown): void {
    if (typeof channel !== 'string' || !Array.isArray(args)) return;
    const senderUrl = this.standin.toAppUrl(frame.url());
    this.standin.records.ipc.push({ channel, senderUrl });
    const event = {
      sender: this,
      senderFrame: this.window.frameFor(frame),
      frameId: 1,
      processId: 1,
      type: 'frame' as const,
      reply: (replyChannel: string, ...values: unknown[]) => this.send(replyChannel, ...values),
    };
    try {
      this.standin.ipcMain.emit(channel, event, ...args);
    } catch (err) {
      // In Electron a throwing listener is an uncaught exception in main.
      this.standin.fail(`an ipcMain listener for '${channel}' threw: ${String(err)}`);
    }
  }

  /** ipcRenderer.invoke from `frame`: what ipcMain.handle's handler returns, as Electron delivers it. */
  async invoke(frame: Frame, channel: unknown, args: unknown): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
    if (typeof channel !== 'string' || !Array.isArray(args)) return { ok: false, message: 'Error: malformed IPC message' };
    const senderUrl = this.standin.toAppUrl(frame.url());
    this.standin.records.ipc.push({ channel, senderUrl });
    const handler = this.standin.ipcMain.handlers.get(channel);
    if (!handler) return { ok: false, message: `Error: No handler registered for '${channel}'` };
    const event: IpcInvokeEvent = {
      sender: this,
      senderFrame: this.window.frameFor(frame),
      frameId: 1,
      processId: 1,
      type: 'frame',
    };
    try {
      return { ok: true, value: await handler(event, ...args) };
    } catch (err) {
      return { ok: false, message: String(err) };
    }
  }
}

export interface BrowserWindowOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  show?: boolean;
  title?: string;
  webPreferences?: Record<string, unknown> & { preload?: string };
  [key: string]: unknown;
}

export class StandinBrowserWindow extends EventEmitter {
  readonly id: number;
  readonly options: BrowserWindowOptions;
  readonly webPreferences: Record<string, unknown> & { preload?: string };
  readonly webContents: StandinWebContents;
  /** Resolves when Chromium is up for this window; rejects if it could not be started. */
  readonly launched: Promise<void>;
  context: BrowserContext | null = null;
  page: Page | null = null;
  visible = false;
  /** Status and headers of the last loadURL's main document. */
  mainResponse: { status: number; headers: Record<string, string> } | null = null;
  /** How often focus() was called (a second instance focuses the first's window). */
  focusCount = 0;
  #bounds: StandinRect;
  #normalBounds: StandinRect | null = null; // while maximized: the bounds to go back to
  #minimized = false;
  #focused = false;
  #destroyed = false;
  #closing: Promise<void> | null = null;
  #shownOnce = false;
  #expectedNavigation: string | null = null;
  readonly #frames = new WeakMap<Frame, StandinWebFrameMain>();

  constructor(
    private readonly standin: ElectronStandin,
    options: BrowserWindowOptions = {},
  ) {
    super();
    if (!standin.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.id = standin.nextId();
    this.options = structuredClone(options);
    // Electron centres a window without x/y on the primary display.
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    const area = standin.primaryWorkArea();
    this.#bounds = {
      x: options.x ?? Math.round(area.x + (area.width - width) / 2),
      y: options.y ?? Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
    this.webPreferences = { ...(options.webPreferences ?? {}) };
    this.webContents = new StandinWebContents(standin, this);
    standin.windows.push(this);
    standin.app.emit('web-contents-created', new StandinEvent(), this.webContents);
    standin.app.emit('browser-window-created', new StandinEvent(), this);
    this.launched = this.#launch();
    this.launched.catch((err: unknown) => standin.fail(`Chromium could not be started: ${String(err)}`));
    if (options.show !== false) this.show();
  }

  async #launch(): Promise<void> {
    const profile = mkdtempSync(join(this.standin.tmpRoot, 'chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      colorScheme: this.standin.options.colorScheme ?? 'light',
      viewport: { width: this.#bounds.width, height: this.#bounds.height },
      deviceScaleFactor: 1,
      locale: this.standin.options.locale ?? 'en-US',
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    this.context = context;
    const page = context.pages()[0] ?? (await context.newPage());
    this.page = page;
    page.on('console', (m) => this.standin.records.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => this.standin.records.pageErrors.push(e.message));
    page.on('close', () => this.close());
    context.on('page', (p) => {
      if (p !== page && this.webContents.decideWindowOpen(p.url()) === 'deny') void p.close().catch(() => {});
    });
    await context.route('**/*', (route, request) => this.#route(route, request));
    await page.exposeBinding(IPC_BINDING, (source, channel: unknown, args: unknown) => this.webContents.invoke(source.frame, channel, args));
    await page.exposeBinding(IPC_SEND_BINDING, (source, channel: unknown, args: unknown) => this.webContents.receive(source.frame, channel, args));
    const preload = this.webPreferences.preload;
    if (typeof preload === 'string') await page.addInitScript({ content: preloadScript(preload) });
  }

  /** Every request of every page in this window's context passes here. */
  async #route(route: Route, request: PwRequest): Promise<void> {
    try {
      const url = request.url();
      const page = this.page;
      if (request.isNavigationRequest()) {
        let frame: Frame | null = null;
        try {
          frame = request.frame();
        } catch {
          frame = null; // a popup's first navigation: its frame does not exist yet
        }
        if (!frame || frame.page() !== page) {
          if (this.webContents.decideWindowOpen(url) === 'deny') {
            await route.abort('aborted');
            await this.#closePopups();
            return;
          }
        } else if (this.#expectedNavigation === url) {
          this.#expectedNavigation = null; // loadURL's own navigation: no will-navigate, as in Electron
        } else {
          const isMain = frame === page?.mainFrame();
          const name = isMain ? 'will-navigate' : 'will-frame-navigate';
          const appUrl = this.standin.toAppUrl(url);
          const event = new StandinEvent(appUrl);
          this.webContents.emit(name, event, appUrl, false, isMain);
          this.standin.records.navigations.push({ event: name, url: appUrl, prevented: event.defaultPrevented });
          if (event.defaultPrevented) {
            await route.abort('aborted');
            return;
          }
        }
      }
      if (this.standin.isServedUrl(url)) {
        await route.continue();
      } else {
        this.standin.records.blockedRequests.push(url);
        await route.abort('internetdisconnected');
      }
    } catch (err) {
      // The page or context went away while the request was in flight.
      if (!this.#destroyed && !this.#closing) this.standin.fail(`routing ${request.url()} failed: ${String(err)}`);
    }
  }

  /** The WebFrameMain stand-in of a Chromium frame of this window: the same object every time. */
  frameFor(frame: Frame): StandinWebFrameMain {
    let main = this.#frames.get(frame);
    if (!main) {
      main = new StandinWebFrameMain(this.standin, this, frame);
      this.#frames.set(frame, main);
    }
    return main;
  }

  async #closePopups(): Promise<void> {
    for (const p of this.context?.pages() ?? []) if (p !== this.page) await p.close().catch(() => {});
  }

  /** Before each load: grant in Chromium only what main's session handlers allow. */
  async #applyPermissions(servedOrigin: string, appOrigin: string): Promise<void> {
    const context = this.context!;
    const session = this.standin.defaultSession;
    await context.clearPermissions();
    const grant: string[] = [];
    for (const [permission, names] of Object.entries(PERMISSIONS)) {
      const checked = session.permissionCheckHandler ? session.permissionCheckHandler(this.webContents, permission, appOrigin, {}) === true : true;
      let requested = true;
      if (session.permissionRequestHandler) {
        requested = false;
        session.permissionRequestHandler(this.webContents, permission, (granted) => (requested = granted === true), { requestingUrl: appOrigin });
      }
      const granted = checked && requested;
      this.standin.records.permissionDecisions.push({ permission, origin: appOrigin, granted });
      if (granted) grant.push(...names);
    }
    if (grant.length) await context.grantPermissions(grant, { origin: servedOrigin });
  }

  async loadURL(url: string): Promise<void> {
    await this.launched;
    const page = this.page!;
    const served = await this.standin.toServedUrl(url);
    await this.#applyPermissions(new URL(served).origin, originOf(url));
    this.#expectedNavigation = new URL(served).href;
    const response = await page.goto(served, { waitUntil: 'load' });
    this.mainResponse = response ? { status: response.status(), headers: await response.allHeaders() } : null;
    this.webContents.emit('did-finish-load', new StandinEvent());
    if (!this.#shownOnce) {
      this.#shownOnce = true;
      this.emit('ready-to-show', new StandinEvent());
    }
  }

  show(): void {
    this.visible = true;
    this.emit('show', new StandinEvent());
    this.standin.windowShown(this);
  }

  hide(): void {
    this.visible = false;
    this.#focused = false;
  }

  focus(): void {
    if (this.#destroyed) return;
    this.focusCount += 1;
    this.#focused = true;
    this.emit('focus', new StandinEvent());
  }

  isFocused(): boolean {
    return this.#focused && this.visible && !this.#minimized;
  }

  getBounds(): StandinRect {
    return { ...this.#bounds };
  }

  /** Like a user moving or resizing the window; the page's viewport follows. */
  setBounds(bounds: Partial<StandinRect>): void {
    const next = { ...this.#bounds, ...bounds };
    const moved = next.x !== this.#bounds.x || next.y !== this.#bounds.y;
    const resized = next.width !== this.#bounds.width || next.height !== this.#bounds.height;
    this.#bounds = next;
    this.#normalBounds = null;
    if (resized) {
      void this.page?.setViewportSize({ width: next.width, height: next.height }).catch(() => {});
      this.emit('resize', new StandinEvent());
    }
    if (moved) this.emit('move', new StandinEvent());
  }

  getNormalBounds(): StandinRect {
    return { ...(this.#normalBounds ?? this.#bounds) };
  }

  maximize(): void {
    if (this.#normalBounds) return;
    this.#normalBounds = { ...this.#bounds };
    this.#bounds = this.standin.primaryWorkArea();
    void this.page?.setViewportSize({ width: this.#bounds.width, height: this.#bounds.height }).catch(() => {});
    this.emit('maximize', new StandinEvent());
  }

  unmaximize(): void {
    if (!this.#normalBounds) return;
    this.#bounds = this.#normalBounds;
    this.#normalBounds = null;
    void this.page?.setViewportSize({ width: this.#bounds.width, height: this.#bounds.height }).catch(() => {});
    this.emit('unmaximize', new StandinEvent());
  }

  isMaximized(): boolean {
    return this.#normalBounds !== null;
  }

  isFullScreen(): boolean {
    return false;
  }

  minimize(): void {
    this.#minimized = true;
    this.#focused = false;
    this.emit('minimize', new StandinEvent());
  }

  isMinimized(): boolean {
    return this.#minimized;
  }

  restore(): void {
    if (!this.#minimized) return;
    this.#minimized = false;
    this.emit('restore', new StandinEvent());
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  close(): void {
    if (this.#destroyed || this.#closing) return;
    const event = new StandinEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.#closing = this.#teardown();
  }

  destroy(): void {
    if (this.#destroyed || this.#closing) return;
    this.#closing = this.#teardown();
  }

  /** close(), resolved once the window is gone (Chromium closed, 'closed' emitted). */
  async closeAndWait(): Promise<void> {
    this.close();
    await this.#closing;
  }

  async #teardown(): Promise<void> {
    try {
      await this.launched.catch(() => {});
      await this.context?.close();
    } catch (err) {
      this.standin.fail(`closing Chromium failed: ${String(err)}`);
    } finally {
      this.#destroyed = true;
      this.visible = false;
      this.webContents.markDestroyed();
      this.emit('closed');
      const open = this.standin.windows.filter((w) => !w.isDestroyed());
      if (open.length === 0 && !this.standin.app.quitting) {
        if (this.standin.app.listenerCount('window-all-closed') > 0) this.standin.app.emit('window-all-closed');
        else this.standin.app.quit();
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** One Electron "process": create one per app launch; `electron` is what `require('electron')` returns. */
export class ElectronStandin {
  readonly tmpRoot: string;
  readonly records: StandinRecords = {
    errorBoxes: [],
    navigations: [],
    windowOpens: [],
    permissionDecisions: [],
    blockedRequests: [],
    protocolRequests: [],
    ipc: [],
    sent: [],
    menuRoles: [],
    menuWarnings: [],
    aboutPanelOptions: [],
    console: [],
    pageErrors: [],
    internalErrors: [],
  };
  readonly windows: StandinBrowserWindow[] = [];
  readonly app: AppStandin;
  readonly ipcMain = new IpcMainStandin();
  readonly protocol: ProtocolStandin;
  readonly defaultSession = new SessionStandin();
  readonly screen: ScreenStandin;
  /** dialog.showOpenDialog / showSaveDialog: answers the test queued, and the calls (./files.ts). */
  readonly fileDialogs = new FileDialogStandin((message) => this.fail(message));
  /** What main passed to Menu.setApplicationMenu (null: none, or removed). */
  applicationMenu: StandinMenu | null = null;
  readonly electron: Record<string, unknown>;
  /** Resolves with the first window main shows. */
  readonly firstWindowShown: Promise<StandinBrowserWindow>;
  /** Rejects when the stand-in itself fails (e.g. Chromium does not start). */
  readonly failed: Promise<never>;
  #resolveShown!: (w: StandinBrowserWindow) => void;
  #rejectFailed!: (err: Error) => void;
  #id = 0;
  readonly #servers = new Map<string, { server: Server; origin: string; scheme: string }>();
  readonly #serving = new Map<string, Promise<string>>();

  constructor(readonly options: StandinOptions) {
    this.tmpRoot = mkdtempSync(join(tmpdir(), 'stratus-e2e-'));
    this.app = new AppStandin(this);
    this.protocol = new ProtocolStandin(this.app);
    this.screen = new ScreenStandin(options.displays ?? DEFAULT_DISPLAYS, () => this.app.isReady());
    this.firstWindowShown = new Promise((resolve) => (this.#resolveShown = resolve));
    this.failed = new Promise<never>((_resolve, reject) => (this.#rejectFailed = reject));
    this.failed.catch(() => {});
    const standin = this;
    const app = this.app;
    const BrowserWindow = class BrowserWindow extends StandinBrowserWindow {
      constructor(options: BrowserWindowOptions = {}) {
        super(standin, options);
      }
      static getAllWindows(): StandinBrowserWindow[] {
        return standin.windows.filter((w) => !w.isDestroyed());
      }
      static fromWebContents(contents: unknown): StandinBrowserWindow | null {
        return standin.windows.find((w) => w.webContents === contents) ?? null;
      }
      static getFocusedWindow(): StandinBrowserWindow | null {
        return standin.windows.find((w) => !w.isDestroyed() && w.visible) ?? null;
      }
    };
    const menuShell: MenuShell = {
      focusedWindow: () => BrowserWindow.getFocusedWindow(),
      performRole: (role) => this.#performRole(role),
      warn: (message) => this.records.menuWarnings.push(message),
    };
    const Menu = class Menu extends StandinMenu {
      static buildFromTemplate(template: MenuItemOptions[]): StandinMenu {
        return StandinMenu.build(template, menuShell);
      }
      static setApplicationMenu(menu: StandinMenu | null): void {
        if (menu !== null && !(menu instanceof StandinMenu)) throw new TypeError('Invalid menu');
        standin.applicationMenu = menu;
      }
      static getApplicationMenu(): StandinMenu | null {
        return standin.applicationMenu;
      }
    };
    const MenuItem = class MenuItem extends StandinMenuItem {
      constructor(options: MenuItemOptions) {
        super(options, menuShell);
      }
    };
    this.electron = Object.freeze({
      app,
      BrowserWindow,
      Menu,
      MenuItem,
      screen: this.screen,
      ipcMain: this.ipcMain,
      protocol: this.protocol,
      session: Object.freeze({
        get defaultSession(): SessionStandin {
          if (!app.isReady()) throw new Error('Session can only be received when app is ready');
          return standin.defaultSession;
        },
      }),
      dialog: Object.freeze({
        showErrorBox(title: string, content: string): void {
          standin.records.errorBoxes.push({ title: String(title), content: String(content) });
        },
        showOpenDialog: (...args: [unknown] | [unknown, unknown]) => standin.fileDialogs.showOpenDialog(...args),
        showSaveDialog: (...args: [unknown] | [unknown, unknown]) => standin.fileDialogs.showSaveDialog(...args),
      }),
    });
  }

  nextId(): number {
    return ++this.#id;
  }

  /** The primary display's work area (where a window without x/y is centred, and maximize() fills). */
  primaryWorkArea(): StandinRect {
    const spec = (this.options.displays ?? DEFAULT_DISPLAYS)[0]!;
    return { ...(spec.workArea ?? spec.bounds) };
  }

  /**
   * Clicks the application menu's item at this label path, e.g. ('View', 'Decks'), like a user
   * would, and waits until whatever it sent has reached the page. Throws when there is no such
   * enabled item, listing what there is.
   */
  async clickMenu(...path: string[]): Promise<void> {
    let menu = this.applicationMenu;
    if (!menu) throw new Error('electron stand-in: main set no application menu');
    let item: StandinMenuItem | undefined;
    for (const [index, label] of path.entries()) {
      item = menu?.find(label);
      if (!item) {
        const there = menu?.items.filter((i) => i.type !== 'separator').map((i) => i.label) ?? [];
        throw new Error(`electron stand-in: no menu item "${path.slice(0, index + 1).join(' → ')}" (there: ${there.join(', ')})`);
      }
      if (!item.enabled) throw new Error(`electron stand-in: menu item "${path.slice(0, index + 1).join(' → ')}" is disabled`);
      menu = item.submenu;
    }
    if (!item || item.submenu) throw new Error(`electron stand-in: "${path.join(' → ')}" is a menu, not an item`);
    item.click();
    await Promise.all(this.windows.map((w) => w.webContents.delivered()));
  }

  /** What a role item does when clicked: the ones Stratus relies on are acted out, the rest recorded. */
  #performRole(role: string): void {
    this.records.menuRoles.push(role);
    if (role === 'quit') this.app.quit();
    else if (role === 'close') this.windows.find((w) => !w.isDestroyed() && w.visible)?.close();
  }

  windowShown(window: StandinBrowserWindow): void {
    this.#resolveShown(window);
  }

  fail(message: string): void {
    this.records.internalErrors.push(message);
    this.#rejectFailed(new Error(`electron stand-in: ${message}`));
  }

  /** The URL Chromium loads for `url`: app-scheme URLs map to their origin's local server. */
  async toServedUrl(url: string): Promise<string> {
    const parsed = new URL(url);
    const scheme = parsed.protocol.slice(0, -1);
    if (scheme === 'http' || scheme === 'https') return url;
    if (!this.protocol.handlers.has(scheme)) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    const origin = originOf(url);
    let serving = this.#serving.get(origin);
    if (!serving) {
      serving = this.#startServer(origin, scheme);
      this.#serving.set(origin, serving);
    }
    return `${await serving}${parsed.pathname}${parsed.search}${parsed.hash}`;
  }

  /** Translates a served http://127.0.0.1:<port>/… URL back to the app:// URL it stands for. */
  toAppUrl(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    const entry = this.#servers.get(parsed.origin);
    return entry ? `${entry.origin}${parsed.pathname}${parsed.search}${parsed.hash}` : url;
  }

  isServedUrl(url: string): boolean {
    try {
      return this.#servers.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** The local origin standing in for an app origin such as app://stratus (after it was loaded). */
  servedOrigin(appOrigin: string): string | null {
    for (const [served, entry] of this.#servers) if (entry.origin === appOrigin) return served;
    return null;
  }

  async #startServer(origin: string, scheme: string): Promise<string> {
    const server = createServer((req, res) => void this.#serve(origin, scheme, req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const served = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.#servers.set(served, { server, origin, scheme });
    return served;
  }

  async #serve(origin: string, scheme: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = `${origin}${req.url ?? '/'}`;
    const record = { url, method, status: 0 };
    this.records.protocolRequests.push(record);
    try {
      const handler = this.protocol.handlers.get(scheme);
      if (!handler) throw new Error(`no protocol handler for ${scheme}:`);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'keep-alive', 'transfer-encoding'].includes(key)) headers.set(key, value);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const response = await handler(new Request(url, { method, headers, body }));
      if (!(response instanceof Response)) throw new TypeError('the protocol handler did not return a Response');
      const payload = Buffer.from(await response.arrayBuffer());
      const out: Record<string, string> = {};
      response.headers.forEach((value, key) => (out[key] = value));
      record.status = response.status;
      res.writeHead(response.status, out);
      res.end(method === 'HEAD' ? undefined : payload);
    } catch (err) {
      // Electron fails the request (net::ERR_FAILED) when the handler throws.
      this.records.internalErrors.push(`protocol ${url}: ${String(err)}`);
      record.status = -1;
      res.destroy();
    }
  }

  /** Closes every window and server and removes the temp folder. Safe to call twice. */
  async shutdown(): Promise<void> {
    await Promise.all(this.windows.map((w) => w.closeAndWait().catch(() => {})));
    await Promise.all(
      [...this.#servers.values()].map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
    this.#servers.clear();
    this.#serving.clear();
    rmSync(this.tmpRoot, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

/** scheme://host of a URL; WHATWG gives "null" as the origin of non-special schemes such as app:. */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * The init script that runs the built preload before any page script: a CommonJS wrapper whose
 * `require('electron')` gives contextBridge and ipcRenderer stand-ins. Runs in the main world (see
 * the limits at the top of this file), in the top frame only, as Electron runs preloads.
 */
export function preloadScript(file: string): string {
  const source = readFileSync(file, 'utf8');
  return `(() => {
  if (window.top !== window) return;
  const binding = globalThis[${JSON.stringify(IPC_BINDING)}];
  const sendBinding = globalThis[${JSON.stringify(IPC_SEND_BINDING)}];
  delete globalThis[${JSON.stringify(IPC_BINDING)}];
  delete globalThis[${JSON.stringify(IPC_SEND_BINDING)}];
  if (typeof binding !== 'function' || typeof sendBinding !== 'function') throw new Error('electron stand-in: the IPC binding is missing');
  const copy = (value) => {
    if (typeof value === 'function') {
      const fn = value;
      return function (...args) { return fn(...args); };
    }
    if (value === null || typeof value !== 'object' || value instanceof Promise) return value;
    if (Array.isArray(value)) return Object.freeze(value.map(copy));
    const out = {};
    for (const key of Object.keys(value)) out[key] = copy(value[key]);
    return Object.freeze(out);
  };
  const contextBridge = Object.freeze({
    exposeInMainWorld(apiKey, api) {
      if (typeof apiKey !== 'string') throw new TypeError('apiKey must be a string');
      if (Object.prototype.hasOwnProperty.call(window, apiKey)) {
        throw new Error('Cannot bind an API on top of an existing property on the window object');
      }
      Object.defineProperty(window, apiKey, { value: copy(api), writable: false, enumerable: true, configurable: false });
    },
  });
  const listeners = new Map();
  const ipcRenderer = Object.freeze({
    on(channel, listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (!listeners.has(String(channel))) listeners.set(String(channel), []);
      listeners.get(String(channel)).push(listener);
      return ipcRenderer;
    },
    once(channel, listener) {
      const wrapped = (...args) => {
        ipcRenderer.removeListener(channel, wrapped);
        listener(...args);
      };
      return ipcRenderer.on(channel, wrapped);
    },
    removeListener(channel, listener) {
      const list = listeners.get(String(channel)) ?? [];
      const index = list.lastIndexOf(listener);
      if (index >= 0) list.splice(index, 1);
      return ipcRenderer;
    },
    off(channel, listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    send(channel, ...args) {
      let cloned;
      try {
        cloned = structuredClone(args);
      } catch (err) {
        throw new Error('An object could not be cloned.');
      }
      sendBinding(String(channel), cloned).catch(() => {});
    },
    invoke(channel, ...args) {
      let cloned;
      try {
        cloned = structuredClone(args);
      } catch (err) {
        return Promise.reject(new Error('An object could not be cloned.'));
      }
      return binding(String(channel), cloned).then((reply) => {
        if (!reply.ok) throw new Error("Error invoking remote method '" + channel + "': " + reply.message);
        return reply.value;
      });
    },
  });
  // webContents.send arrives here (see the limits at the top of this file).
  Object.defineProperty(window, ${JSON.stringify(IPC_DELIVER)}, {
    value: (channel, args) => {
      const event = Object.freeze({ sender: ipcRenderer, senderId: 0, ports: [] });
      for (const listener of [...(listeners.get(channel) ?? [])]) {
        try {
          listener(event, ...args);
        } catch (err) {
          setTimeout(() => { throw err; });
        }
      }
    },
    enumerable: false,
    writable: false,
    configurable: false,
  });
  // webUtils.getPathForFile knows the Files of a drag the test acted out (./files.ts dragFiles).
  const droppedPaths = new WeakMap();
  const webUtils = Object.freeze({
    getPathForFile(file) {
      if (!(file instanceof File)) throw new TypeError('Error processing argument at index 0, conversion failure from ' + typeof file);
      return droppedPaths.get(file) ?? '';
    },
  });
  Object.defineProperty(window, ${JSON.stringify(DRAG_HOOK)}, {
    value: (phase, entries) => {
      const data = new DataTransfer();
      for (const { name, path } of entries) {
        const file = new File([], name);
        droppedPaths.set(file, path);
        data.items.add(file);
      }
      const x = innerWidth / 2, y = innerHeight / 2;
      const target = document.elementFromPoint(x, y) ?? document.body;
      const fire = (type) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: data, clientX: x, clientY: y }));
      if (phase === 'leave') return void fire('dragleave');
      fire('dragenter');
      fire('dragover');
      if (phase === 'drop') fire('drop');
    },
    enumerable: false,
    writable: false,
    configurable: false,
  });
  const electron = Object.freeze({ contextBridge, ipcRenderer, webUtils });
  const require = (id) => {
    if (id === 'electron') return electron;
    throw new Error("module not found: " + id + " (a sandboxed preload can only require 'electron')");
  };
  const module = { exports: {} };
  (function (exports, require, module, __filename, __dirname) {
${source}
  })(module.exports, require, module, ${JSON.stringify(file)}, ${JSON.stringify(dirname(file))});
})();
`;
}
