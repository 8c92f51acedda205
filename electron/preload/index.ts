// The sandboxed preload: exposes one frozen `api` object built from the contract's channel list,
// plus the shell's one-way messages (menu commands and import progress in, the UI language out) and
// the path of a dropped file (webUtils), and nothing else.
// Each method forwards its arguments and unwraps main's result envelope.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  CHANNEL_PREFIX,
  CHANNELS,
  COMMAND_CHANNEL,
  COMMANDS,
  IMPORT_PROGRESS_CHANNEL,
  MENU_LANGUAGE_CHANNEL,
  UI_LANGUAGES,
  type Command,
  type CoreMessageParams,
  type ImportProgress,
  type IpcResult,
  type StratusShell,
  type WindowApi,
} from '../shared/contract';

// The context bridge hands the page only an Error's message, so the core message behind a failed
// call (its id and params, for the renderer to translate) is kept here, by its English sentence,
// for coreMessageOf(). The same sentence always comes from the same id and params; a few dozen
// recent ones are plenty, since the page asks right after the call fails.
const recentCoreMessages = new Map<string, { id: string; params: CoreMessageParams }>();
function remember(message: string, said: { id: string; params: CoreMessageParams }): void {
  recentCoreMessages.delete(message);
  recentCoreMessages.set(message, said);
  if (recentCoreMessages.size > 50) recentCoreMessages.delete(recentCoreMessages.keys().next().value!);
}

const shell: StratusShell = {
  onCommand(listener) {
    // Only names from the contract's list reach the page, and never Electron's event object.
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string' && (COMMANDS as readonly string[]).includes(command)) listener(command as Command);
    };
    ipcRenderer.on(COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, forward);
    };
  },
  setMenuLanguage(lang) {
    if ((UI_LANGUAGES as readonly string[]).includes(lang)) ipcRenderer.send(MENU_LANGUAGE_CHANNEL, lang);
  },
  pathForFile(file) {
    // Only a File backed by a file on disk has a path: one made by the page gives '', and
    // anything that is not a File makes Electron throw.
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
  coreMessageOf(message) {
    const found = typeof message === 'string' ? recentCoreMessages.get(message) : undefined;
    return found ? { id: found.id, params: found.params } : null;
  },
  onImportProgress(listener) {
    // Two counts, checked, and never Electron's event object.
    const forward = (_event: IpcRendererEvent, progress: unknown) => {
      const p = progress as Partial<ImportProgress> | null;
      if (p && Number.isSafeInteger(p.done) && Number.isSafeInteger(p.total)) listener({ done: p.done!, total: p.total! });
    };
    ipcRenderer.on(IMPORT_PROGRESS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IMPORT_PROGRESS_CHANNEL, forward);
    };
  },
};

const api = Object.freeze({
  ...Object.fromEntries(
    CHANNELS.map((name) => [
      name,
      async (...args: unknown[]) => {
        const result = (await ipcRenderer.invoke(CHANNEL_PREFIX + name, ...args)) as IpcResult<unknown>;
        if (result.ok) return result.value;
        const { message, id, params } = result.error;
        if (id && params) remember(message, { id, params });
        throw new Error(message);
      },
    ]),
  ),
  ...shell,
}) as unknown as WindowApi;

contextBridge.exposeInMainWorld('api', api);
