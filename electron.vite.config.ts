import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Three bundles: main (Node, CommonJS), preload (sandboxed, CommonJS, only `electron` external)
// and the renderer (browser). Native and Node-only packages stay external in main.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'electron/main/index.ts'), formats: ['cjs'] },
      // The FSRS optimizer binding picks its platform package at run time (N-API: one build for
      // Node and Electron), so it is loaded from node_modules, not bundled.
      rollupOptions: { external: ['electron', 'better-sqlite3', /^@open-spaced-repetition\/binding/], output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { external: ['electron'], output: { entryFileNames: '[name].js' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svelte()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
