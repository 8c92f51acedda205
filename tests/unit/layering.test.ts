// The layering rules of eslint.config.mjs really fire: each case lints a snippet as if it lived at
// `filePath`, through the ESLint Node API with the repo's own config.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

const LAYER_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-imports', 'no-restricted-syntax']);

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  expect(result, `no lint result for ${filePath}`).toBeDefined();
  const messages = result!.messages;
  // A fatal parse error would make every case "pass" for the wrong reason.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.severity === 2 && LAYER_RULES.has(m.ruleId ?? '')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering rules', () => {
  it('core must not import electron', async () => {
    const errors = await layeringErrors('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/'electron'/);
  });

  it('core must not dynamically import electron', async () => {
    const errors = await layeringErrors('electron/core/x.ts', "export const a = import('electron');\n");
    expect(errors).toHaveLength(1);
  });

  it('core and cli must not reach into electron/main, electron/preload or the renderer', async () => {
    expect(await layeringErrors('electron/core/x.ts', "import { x } from '../main/ipc';\nexport const a = x;\n")).toHaveLength(1);
    expect(await layeringErrors('electron/core/db/x.ts', "import { x } from '../../preload/index';\nexport const a = x;\n")).toHaveLength(1);
    expect(await layeringErrors('electron/cli/main.ts', "import { x } from '../../renderer/src/x';\nexport const a = x;\n")).toHaveLength(1);
    expect(await layeringErrors('electron/cli/main.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('core and cli may use Node, SQLite and each other', async () => {
    const code = "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { x } from './db/collection';\nexport const a = [fs, Database, x];\n";
    expect(await layeringErrors('electron/core/x.ts', code)).toEqual([]);
    const cli = "import fs from 'node:fs';\nimport { x } from '../core/db/collection';\nexport const a = [fs, x];\n";
    expect(await layeringErrors('electron/cli/main.ts', cli)).toEqual([]);
  });

  it('renderer may import from electron/ only as types', async () => {
    const value = await layeringErrors(
      'renderer/src/x.ts',
      "import { CHANNELS } from '../../electron/shared/contract';\nexport const a = CHANNELS;\n",
    );
    expect(value).toHaveLength(1);
    expect(value[0]).toMatch(/import type/);

    const typeOnly = await layeringErrors(
      'renderer/src/x.ts',
      "import type { StratusApi } from '../../electron/shared/contract';\nexport type A = StratusApi;\n",
    );
    expect(typeOnly).toEqual([]);
  });

  it('renderer .svelte files are covered too', async () => {
    const code =
      '<script lang="ts">\n' +
      "  import { CHANNELS } from '../../../electron/shared/contract';\n" +
      "  import type { StratusApi } from '../../../electron/shared/contract';\n" +
      '  let api: StratusApi | null = null;\n' +
      '  console.log(CHANNELS, api);\n' +
      '</script>\n';
    const errors = await layeringErrors('renderer/src/lib/X.svelte', code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/electron\/shared\/contract/);
  });

  it('renderer must not import node builtins, electron, better-sqlite3 or ts-fsrs', async () => {
    for (const mod of ['node:fs', 'fs', 'path', 'electron', 'better-sqlite3', 'ts-fsrs']) {
      const errors = await layeringErrors('renderer/src/x.ts', `import m from '${mod}';\nexport const a = m;\n`);
      expect(errors, mod).toHaveLength(1);
    }
  });

  it('shared must not import node builtins, better-sqlite3 or electron', async () => {
    for (const mod of ['node:fs', 'fs/promises', 'path', 'better-sqlite3', 'electron']) {
      const errors = await layeringErrors('electron/shared/x.ts', `import m from '${mod}';\nexport const a = m;\n`);
      expect(errors, mod).toHaveLength(1);
    }
    expect(await layeringErrors('electron/shared/x.ts', "import { z } from 'zod';\nimport { RATINGS } from './contract';\nexport const a = [z, RATINGS];\n")).toEqual([]);
  });

  it('preload may import only electron and electron/shared', async () => {
    expect(await layeringErrors('electron/preload/index.ts', "import { openDb } from '../core/db';\nexport const a = openDb;\n")).toHaveLength(1);
    expect(await layeringErrors('electron/preload/index.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await layeringErrors('electron/preload/index.ts', "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(1);
    const ok =
      "import { contextBridge, ipcRenderer } from 'electron';\n" +
      "import { CHANNELS } from '../shared/contract';\n" +
      'export const a = [contextBridge, ipcRenderer, CHANNELS];\n';
    expect(await layeringErrors('electron/preload/index.ts', ok)).toEqual([]);
  });

  it('the whole repository lints with no errors', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['.']);
    const errors = results.flatMap((r) =>
      r.messages
        .filter((m) => m.severity === 2)
        .map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line}:${m.column} ${m.ruleId ?? 'fatal'}: ${m.message}`),
    );
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
