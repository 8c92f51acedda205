// The Electron main process: owns the collection and the window, and nothing else. Security
// follows Electron's checklist: sandboxed, context-isolated renderer without Node, served from
// app:// with a strict CSP, no navigation, no new windows, no permissions, checked IPC.
//
// When the collection can't be opened at start (not a Stratus file, from a newer Stratus,
// damaged, locked, unreadable), the window still opens, on the recovery screen: IPC then answers
// only the recovery calls (handlers/recovery.ts) until a restored backup or a retry opens the
// collection, and the normal start path runs from there without a restart. An error box is left
// for failures where the window can't be shown, or where the app itself (not the collection) is broken.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, type WebContents } from 'electron';
import type { Database } from 'better-sqlite3';
import { AutoBackup, backupsFolder } from '../core/backup';
import { checkpoint } from '../core/db/collection';
import { StratusError } from '../core/errors';
import { openStratus, readBuiltinDecks, type BuiltinDeckFile } from '../core/open';
import { useNativeBinding } from '../core/db/sqlite';
import { defaultCollectionPath } from '../core/paths';
import { diagnoseOpenFailure, type OpenFailure } from '../core/recovery';
import { Study } from '../core/study';
import { COMMAND_CHANNEL, IMPORT_PROGRESS_CHANNEL, MENU_LANGUAGE_CHANNEL, type Command, type UiLanguage } from '../shared/contract';
import type { HandlerContext } from './handlers/context';
import { electronFileDialogs } from './handlers/dialogs';
import { recoveryModeHandlers } from './handlers/recovery';
import { createHandlers, registerIpc, switchableHandlers, type Handlers, type IpcEventLike } from './ipc';
import { isUiLanguage, menuLanguage, menuTemplate } from './menu';
import { electronNativeBinding } from './native';
import { APP_ORIGIN, APP_SCHEME, APP_URL, rendererHandler } from './protocol';
import { MIN_SIZE, placeWindow, readWindowState, windowStateFile, writeWindowState } from './windowState';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let db: Database | null = null;
let menuLang: UiLanguage | null = null;
/** The window may be (re)created: start() got as far as showing it. */
let started = false;

/** WAL checkpoints run here, between answers, never inside one (see openCollection). */
const CHECKPOINT_EVERY_MS = 30_000;

// During `electron-vite dev` the renderer comes from Vite's dev server instead of app://.
const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

function isOurWindow(event: IpcEventLike): boolean {
  const url = event.senderFrame?.url ?? '';
  const fromUs = url.startsWith(`${APP_ORIGIN}/`) || (devServer !== undefined && url.startsWith(devServer));
  return (
    fromUs &&
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    event.senderFrame === mainWindow.webContents.mainFrame
  );
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The application menu, in the language the window speaks (rebuilt when it reports another). */
function installMenu(lang: UiLanguage): void {
  if (lang === menuLang) return;
  menuLang = lang;
  const send = (command: Command) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(COMMAND_CHANNEL, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: app.name, lang, send })));
}

/** A second start of the app brings the running one's window to the front instead. */
function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): void {
  const stateFile = windowStateFile(app.getPath('userData'));
  const placement = placeWindow(readWindowState(stateFile), screen.getAllDisplays());
  // Electronegativity AUXCLICK_JS_CHECK is a false positive: a middle-click is a window-open request, and
  // lockDown() gives every webContents a setWindowOpenHandler that denies them all.
  mainWindow = new BrowserWindow({ /* eng-disable AUXCLICK_JS_CHECK */
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Stratus',
    webPreferences: {
      // Electronegativity PRELOAD_JS_CHECK only asks for a review of the preload. Reviewed: it runs sandboxed and
      // exposes one frozen object of ipcRenderer.invoke wrappers for the contract's channels, plus the shell's two
      // checked one-way messages (menu commands in, the UI language out), nothing else.
      preload: join(__dirname, '../preload/index.js'), /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (placement.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // Remember where the window was; its normal bounds, so a maximized window un-maximizes to them.
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    try {
      writeWindowState(stateFile, { bounds: mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() || mainWindow.isFullScreen() });
    } catch (err) {
      console.error('[window] could not save the window size and position', err);
    }
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  mainWindow.loadURL(devServer ?? APP_URL).catch((err: Error) => {
    dialog.showErrorBox('Stratus can’t show its window', `The app's page failed to load: ${err.message}`);
    app.quit();
  });
}

/** What opening the collection needs from the app itself, read once at start. */
interface Runtime {
  collectionPath: string;
  builtins: BuiltinDeckFile[];
  nativeBinding: string | undefined;
}

function readRuntime(): Runtime {
  const nativeBinding = electronNativeBinding(app.isPackaged, app.getAppPath(), process.resourcesPath);
  // Every connection the core opens (collection, backups, recovery, .apkg packages) uses it.
  useNativeBinding(nativeBinding);
  return { collectionPath: defaultCollectionPath(), builtins: readBuiltinDecks(join(app.getAppPath(), 'decks')), nativeBinding };
}

/**
 * The normal start path on the collection: open it, build the normal handlers, start checkpoints
 * and automatic backups. Throws (with nothing left open) when the collection can't be opened.
 */
function openNormally(rt: Runtime, extras: Pick<HandlerContext, 'dialogs' | 'importProgress'>): Handlers {
  const opened = openStratus(rt.collectionPath, rt.builtins, Date.now(), rt.nativeBinding ? { nativeBinding: rt.nativeBinding } : {});
  let handlers: Handlers;
  try {
    handlers = createHandlers({ db: opened, study: new Study(opened), now: Date.now, ...extras });
  } catch (err) {
    opened.close();
    throw err;
  }
  db = opened;
  setInterval(() => db && checkpoint(db), CHECKPOINT_EVERY_MS).unref();
  // Automatic backups (core/backup.ts): now, then every 30 minutes of use (checked each minute).
  const autoBackup = new AutoBackup(opened, backupsFolder(rt.collectionPath));
  // Only while the collection is open: the timer may still fire after the last window closed it.
  const backupIfDue = () => {
    if (!db?.open) return;
    void autoBackup.tick(Date.now()).catch((err: unknown) => console.error('[backup] automatic backup failed', err));
  };
  backupIfDue();
  const backupTimer = setInterval(backupIfDue, 60_000);
  backupTimer.unref();
  app.once('will-quit', () => clearInterval(backupTimer));
  return handlers;
}

/** The error box, for failures the window can't show; then quit. */
function cannotStart(title: string, err: unknown): void {
  const message = err instanceof StratusError ? err.message : `Stratus could not start: ${(err as Error).message}`;
  dialog.showErrorBox(title, message);
  app.quit();
}

async function start(): Promise<void> {
  let rt: Runtime;
  try {
    rt = readRuntime();
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    protocol.handle(APP_SCHEME, rendererHandler(join(__dirname, '../renderer')));
  } catch (err) {
    cannotStart('Stratus can’t start', err);
    return;
  }
  const dialogs = electronFileDialogs({ dialog, window: () => mainWindow, defaultFolder: () => app.getPath('documents'), language: () => menuLang ?? 'en' });
  const importProgress = (progress: { done: number; total: number }) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IMPORT_PROGRESS_CHANNEL, progress);
  };
  const extras = { dialogs, importProgress };

  let handlers: Handlers;
  try {
    handlers = openNormally(rt, extras);
  } catch (err) {
    const failure = diagnoseOpenFailure(rt.collectionPath, err);
    // Not the collection's fault (e.g. the app's own decks are unreadable): a backup would not help.
    if (!failure) {
      cannotStart('Stratus can’t open your collection', err);
      return;
    }
    console.error(`[start] the collection can't be opened; showing the recovery screen: ${failure.reason}`);
    handlers = recoveryModeHandlers({
      collectionPath: rt.collectionPath,
      failure,
      now: Date.now,
      ...(rt.nativeBinding ? { nativeBinding: rt.nativeBinding } : {}),
      // A restored backup (or a retry): the normal start path, then the normal handlers.
      openNormally: (): OpenFailure | null => {
        try {
          ipc.use(openNormally(rt, extras));
          return null;
        } catch (again) {
          return diagnoseOpenFailure(rt.collectionPath, again) ?? { problem: 'unreadable', reason: `Stratus could not open your collection: ${(again as Error).message}` };
        }
      },
      // After this call's answer has gone out.
      quit: () => setImmediate(() => app.quit()),
    });
  }
  // One set of channels for the app's lifetime; recovery mode switches it to the normal handlers.
  const ipc = switchableHandlers(handlers);
  registerIpc(ipcMain, ipc.handlers, isOurWindow);
  installMenu(menuLanguage(app.getPreferredSystemLanguages()));
  ipcMain.on(MENU_LANGUAGE_CHANNEL, (event: IpcEventLike, lang: unknown) => {
    if (isOurWindow(event) && isUiLanguage(lang)) installMenu(lang);
  });
  started = true;
  createWindow();
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('window-all-closed', () => {
  db?.close();
  db = null;
  app.quit();
});
app.on('activate', () => {
  if (started && BrowserWindow.getAllWindows().length === 0) createWindow();
});
// One running Stratus per user: a second start (which would open the same collection twice)
// hands over to the first, which comes to the front, and quits before touching anything.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  void app
    .whenReady()
    .then(start)
    .catch((err: unknown) => cannotStart('Stratus can’t start', err));
} else {
  app.quit();
}
