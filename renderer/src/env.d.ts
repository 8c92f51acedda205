/// <reference types="svelte" />
/// <reference types="vite/client" />

import type { WindowApi } from '../../electron/shared/contract';

declare global {
  interface Window {
    /** Exposed by the preload (contextBridge); the renderer's only way to reach the app core. */
    api: WindowApi;
  }
}

export {};
