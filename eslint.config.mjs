// ESLint flat config. Generic rules are kept light (typescript-eslint's and eslint-plugin-svelte's
// recommended sets); the point of this file is the LAYERING rules at the bottom, which keep each
// folder to what it may import:
//
//   electron/core, electron/cli  no `electron`, nothing from electron/main, electron/preload, renderer/
//   electron/shared              the same, and no Node builtins or better-sqlite3 (the renderer reads it)
//   electron/preload             only `electron`, its own files and electron/shared
//   renderer                     no `electron`, Node builtins, better-sqlite3 or ts-fsrs; anything under
//                                electron/ only with `import type`
//
// tests/unit/layering.test.ts proves that each of these fires.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';

// --- what may be imported where -------------------------------------------------------------

// Bare names (`fs`, `fs/promises`); `node:` specifiers are caught by the `nodeScheme` pattern.
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

const noElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import `electron`.',
};
const noNodeBuiltins = NODE_BUILTINS.map((name) => ({
  name,
  message: 'Node builtins are not available here (this code also runs in the sandboxed renderer or preload).',
}));
const noBetterSqlite = {
  name: 'better-sqlite3',
  message: 'Only the core (electron/core) talks to SQLite.',
};
const noTsFsrs = {
  name: 'ts-fsrs',
  message: 'Scheduling stays in electron/core; the renderer sees only the IPC contract.',
};

// Relative specifiers reaching out of the current layer. They need at least one `../`, so a file's
// own sub-folders (`./main/...`) stay allowed.
const toMainOrPreload = {
  regex: String.raw`^(?:\.\./)+(?:electron/)?(?:main|preload)(?:/|$)`,
  message: 'electron/main and electron/preload are the Electron shell; the core, shared code and the CLI must not depend on them.',
};
const toRenderer = {
  regex: String.raw`^(?:\.\./)+renderer(?:/|$)`,
  message: 'Nothing under electron/ may import the renderer.',
};
const nodeScheme = {
  regex: '^node:',
  message: 'Node builtins are not available here (this code also runs in the sandboxed renderer or preload).',
};

/** Core and CLI: headless, runs in plain Node. */
const headlessRestrictions = {
  paths: [noElectron],
  patterns: [toMainOrPreload, toRenderer],
};

/** Shared: imported by main, preload and (as types) by the renderer. */
const sharedRestrictions = {
  paths: [noElectron, noBetterSqlite, ...noNodeBuiltins],
  patterns: [toMainOrPreload, toRenderer, nodeScheme],
};

/** Preload: sandboxed, so only `electron`, its own files and electron/shared. */
const preloadRestrictions = {
  patterns: [
    {
      // Everything except `electron`, `./own-file` and `(../)+shared/...` or `(../)+electron/shared/...`.
      regex: String.raw`^(?!electron$)(?!\./(?!.*\.\./))(?!(?:\.\./)+(?:electron/)?shared(?:/|$))`,
      message: 'The sandboxed preload may import only `electron` and electron/shared (no Node builtins, no core).',
    },
  ],
};

/** Renderer: a browser page; electron/** only for types. */
const rendererRestrictions = {
  paths: [noElectron, noBetterSqlite, noTsFsrs, ...noNodeBuiltins],
  patterns: [
    nodeScheme,
    {
      regex: String.raw`^(?:\.\./)+electron(?:/|$)`,
      allowTypeImports: true,
      message: 'The renderer may import from electron/ only with `import type`; at run time it talks to window.api.',
    },
  ],
};

/** `import('electron')` is not caught by no-restricted-imports. */
const noDynamicElectron = {
  selector: "ImportExpression[source.value='electron']",
  message: 'Only electron/main and electron/preload may import `electron`.',
};

const layer = (files, restrictions, extra = {}) => ({
  files,
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', restrictions],
    ...extra,
  },
});

// --- config -----------------------------------------------------------------------------------

export default defineConfig(
  {
    ignores: ['out/', 'dist/', 'node_modules/', '.native/', 'coverage/', 'test-results/', '.vite/'],
  },

  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,

  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
      },
    },
  },

  // Light touch: unused things are warnings, `_`-prefixed ones are intentional.
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // `const outer = this` is how a class declared inside a method reaches the outer instance.
      '@typescript-eslint/no-this-alias': 'off',
      // Style, not correctness: worth a hint, not a failed lint.
      'prefer-const': 'warn',
    },
  },

  // Svelte files. prefer-svelte-reactivity flags every `new Date()` / `new Map()` in .svelte(.ts) files, including
  // ones that never live in state (`new Date(t).toISOString()`): a hint, not an error.
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    rules: {
      'svelte/prefer-svelte-reactivity': 'warn',
      // Svelte 5 writes `let { a, b } = $props()`; svelte/prefer-const knows the runes, prefer-const doesn't.
      'prefer-const': 'off',
      'svelte/prefer-const': 'warn',
    },
  },

  // CommonJS files (e.g. tests/security/no-network.cjs) use require() by definition.
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // --- layering ---
  layer(['electron/core/**', 'electron/cli/**'], headlessRestrictions, {
    'no-restricted-syntax': ['error', noDynamicElectron],
  }),
  layer(['electron/shared/**'], sharedRestrictions, {
    'no-restricted-syntax': ['error', noDynamicElectron],
  }),
  layer(['electron/preload/**'], preloadRestrictions),
  layer(['renderer/**'], rendererRestrictions, {
    'no-restricted-syntax': ['error', noDynamicElectron],
  }),
);
