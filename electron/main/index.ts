// The Electron main process: owns the collection and the window, and nothing else. Security
// follows Electron's checklist: sandboxed, context-isolated renderer without Node, served from
// app:// with a strict CSP, no navigation, no new windows, no permissions, checked IPC.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import type { Database } from 'better-sqlite3';
import { checkpoint } from '../core/db/collection';
import { StratusError } from '../core/errors';
import { openStratus, readBuiltinDecks } from '../core/open';
import { defaultCollectionPath } from '../core/paths';
import { Study } from '../core/study';
import { createHandlers, registerIpc, type IpcEventLike } from './ipc';
import { electronNativeBinding } from './native';
import { APP_ORIGIN, APP_SCHEME, APP_URL, rendererHandler } from './protocol';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let db: Database | null = null;

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

function createWindow(): void {
  // Electronegativity AUXCLICK_JS_CHECK is a false positive: a middle-click is a window-open request, and
  // lockDown() gives every webContents a setWindowOpenHandler that denies them all.
  mainWindow = new BrowserWindow({ /* eng-disable AUXCLICK_JS_CHECK */
    width: 1024,
    height: 768,
    minWidth: 480,
    minHeight: 480,
    show: false,
    title: 'Stratus',
    webPreferences: {
      // Electronegativity PRELOAD_JS_CHECK only asks for a review of the preload. Reviewed: it runs sandboxed and
      // exposes one frozen object of ipcRenderer.invoke wrappers for the contract's channels, nothing else.
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
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  mainWindow.loadURL(devServer ?? APP_URL).catch((err: Error) => {
    dialog.showErrorBox('Stratus can’t show its window', `The app's page failed to load: ${err.message}`);
    app.quit();
  });
}

function openDatabase(): Database {
  const now = Date.now();
  const builtins = readBuiltinDecks(join(app.getAppPath(), 'decks'));
  const nativeBinding = electronNativeBinding(app.isPackaged, app.getAppPath(), process.resourcesPath);
  return openStratus(defaultCollectionPath(), builtins, now, nativeBinding ? { nativeBinding } : {});
}

async function start(): Promise<void> {
  try {
    db = openDatabase();
  } catch (err) {
    const message = err instanceof StratusError ? err.message : `Stratus could not start: ${(err as Error).message}`;
    dialog.showErrorBox('Stratus can’t open your collection', message);
    app.quit();
    return;
  }
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, rendererHandler(join(__dirname, '../renderer')));
  registerIpc(ipcMain, createHandlers({ db, study: new Study(db), now: Date.now }), isOurWindow);
  setInterval(() => db && checkpoint(db), CHECKPOINT_EVERY_MS).unref();
  createWindow();
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('window-all-closed', () => {
  db?.close();
  db = null;
  app.quit();
});
app.on('activate', () => {
  if (db && BrowserWindow.getAllWindows().length === 0) createWindow();
});
void app.whenReady().then(start);
