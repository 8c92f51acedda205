// Electronegativity (Doyensec's Electron security scanner) over the app's Electron-facing code:
// electron/main, electron/preload, electron/shared, the renderer (index.html with its CSP, and its
// TypeScript) and package.json (for dangerous Chromium switches in scripts). They are copied into
// one scan folder, keeping their repo paths, so the global checks (CSP present, navigation
// limited, permission handler set) see the whole app at once.
//
// A finding judged wrong is suppressed IN THE CODE, next to what it flags, with a reason:
//   /* eng-disable CHECK_NAME */  // why this is a false positive
// (on the flagged line, or on a file's first line for the whole file).
//
// The tool phones home on every run (translations, Electron's release list), so it runs under
// tests/security/no-network.cjs, which blocks http/https/TCP. It exits 0 whatever it finds, so we
// read its report: SARIF (JSON), written in one go; its CSV writer writes the header and the rows
// with two racing async writes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
const NO_NETWORK = join(ROOT, 'tests/security/no-network.cjs');
const ELECTRON_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;

/** What the scan covers, as repo paths. */
const SCANNED = ['electron/main', 'electron/preload', 'electron/shared', 'renderer', 'package.json'];

/**
 * Checks not run, and why. Names are Electronegativity's check class names.
 * - AvailableSecurityFixesGlobalCheck downloads Electron's release list; tests have no network.
 * - ElectronVersionJSONCheck only reports the Electron version found in package.json (always, at
 *   "informational" level) as input for the check above.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

interface Finding {
  check: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

interface SarifReport {
  runs: {
    results: {
      ruleId: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
  }[];
}

const tmpDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function runElectronegativity(input: string): { findings: Finding[]; stderr: string } {
  const out = tempDir('stratus-eng-out-');
  const report = join(out, 'report.sarif');
  const r = spawnSync(
    process.execPath,
    [
      '-r',
      NO_NETWORK,
      CLI,
      '-i',
      input,
      '-o',
      report,
      '-r', // relative paths in the report
      '-e',
      ELECTRON_VERSION,
      '-x',
      EXCLUDED_CHECKS.join(','),
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' } },
  );
  const log = `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  expect(r.error, log).toBeUndefined();
  expect(r.status, log).toBe(0);
  // The stub was loaded: the translation download was blocked, not attempted.
  expect(r.stderr, log).toMatch(/\[no-network\] blocked/);
  expect(existsSync(report), `no report written\n${log}`).toBe(true);

  const sarif = JSON.parse(readFileSync(report, 'utf8')) as SarifReport;
  const findings = sarif.runs.flatMap((run) =>
    run.results.map((res) => {
      const loc = res.locations[0]?.physicalLocation;
      const uri = loc?.artifactLocation.uri ?? 'N/A';
      return {
        check: res.ruleId,
        file: uri === 'file:///' ? '(whole app)' : uri,
        line: loc?.region.startLine ?? 0,
        column: loc?.region.startColumn ?? 0,
        message: res.message.text,
      };
    }),
  );
  return { findings, stderr: r.stderr };
}

let scanDir: string | undefined;
/** The scanned parts of the repo, copied into one folder under their repo paths. */
function scanFolder(): string {
  if (scanDir) return scanDir;
  const missing = ['electron/main/index.ts', 'electron/preload/index.ts', 'renderer/index.html'].filter(
    (p) => !existsSync(join(ROOT, p)),
  );
  expect(missing, 'the app sources to scan are missing').toEqual([]);
  const scan = tempDir('stratus-eng-scan-');
  for (const p of SCANNED) {
    const src = join(ROOT, p);
    if (!existsSync(src)) continue;
    mkdirSync(dirname(join(scan, p)), { recursive: true });
    cpSync(src, join(scan, p), { recursive: true, filter: (s) => !s.includes('node_modules') });
  }
  scanDir = scan;
  return scan;
}

function describeFinding(f: Finding): string {
  let where = f.file;
  let source = '';
  if (f.file !== '(whole app)') {
    where = `${f.file}:${f.line}:${f.column}`;
    const path = join(ROOT, f.file);
    if (existsSync(path)) source = `\n      > ${(readFileSync(path, 'utf8').split('\n')[f.line - 1] ?? '').trim()}`;
  }
  return `  ${f.check} at ${where}\n      ${f.message}${source}`;
}

describe('electronegativity', () => {
  it('catches a deliberately insecure app (the scan, the offline stub and the report parsing work)', () => {
    const dir = tempDir('stratus-eng-canary-');
    mkdirSync(join(dir, 'main'));
    writeFileSync(
      join(dir, 'main', 'index.js'),
      [
        "const { app, BrowserWindow } = require('electron');",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        "  win.loadURL('http://example.com/');",
        '});',
        '',
      ].join('\n'),
    );
    const { findings } = runElectronegativity(dir);
    const checks = new Set(findings.map((f) => f.check));
    for (const expected of ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(checks, `expected ${expected} among ${[...checks].join(', ')}`).toContain(expected);
    }
    const nodeIntegration = findings.find((f) => f.check === 'NODE_INTEGRATION_JS_CHECK');
    expect(nodeIntegration).toMatchObject({ file: 'main/index.js', line: 3 });
  });

  // With -o the CLI drops the list of files it could not parse, so a file in a syntax its parser
  // does not know would silently go unscanned. Parse each one here with its own parser.
  it('can parse every file it scans', () => {
    const scan = scanFolder();
    const { Parser } = createRequire(CLI)('./parser/parser.js') as {
      Parser: new (babelFirst: boolean, typescriptBabelFirst: boolean) => { parse(file: string, content: Buffer): unknown[] };
    };
    const parser = new Parser(false, true); // as its runner does
    const files = readdirSync(scan, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /\.(js|jsx|ts|tsx|html|htm)$|package\.json$/.test(d.name))
      .map((d) => join(d.parentPath, d.name));
    expect(files.length).toBeGreaterThan(3);
    const unparsable: string[] = [];
    for (const file of files) {
      try {
        parser.parse(file, readFileSync(file));
      } catch (err) {
        unparsable.push(`${relative(scan, file)}: ${(err as Error).message}`);
      }
    }
    expect(unparsable, `Electronegativity cannot parse (so would not scan):\n${unparsable.join('\n')}`).toEqual([]);
  });

  it('finds nothing in Stratus (false positives are suppressed in code with a reason)', () => {
    const { findings } = runElectronegativity(scanFolder());
    const report = findings.map(describeFinding).join('\n');
    expect(findings, `Electronegativity found ${findings.length} issue(s):\n${report}\n`).toEqual([]);
  });
});
