// The sandboxed preload: exposes one frozen `api` object built from the contract's channel list,
// and nothing else. Each method forwards its arguments and unwraps main's result envelope.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_PREFIX, CHANNELS, type IpcResult, type StratusApi } from '../shared/contract';

const api = Object.freeze(
  Object.fromEntries(
    CHANNELS.map((name) => [
      name,
      async (...args: unknown[]) => {
        const result = (await ipcRenderer.invoke(CHANNEL_PREFIX + name, ...args)) as IpcResult<unknown>;
        if (result.ok) return result.value;
        throw new Error(result.error.message);
      },
    ]),
  ),
) as unknown as StratusApi;

contextBridge.exposeInMainWorld('api', api);
