// `npm run bench`: every benchmark, one after another, each in its own process (so one bench's
// memory and JIT state never colour the next). Each prints its figures beside a floor measured in
// the same run. With --json, one JSON object on stdout: { review, stats, browse, import, apkg }.
//
//   npm run bench [-- --json] [--only review,stats,browse,import,apkg]
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const BENCHES = {
  review: 'bench/run.ts', // answer round trip, open + today's queue (issue: daily review)
  stats: 'bench/stats.ts', // statistics + readiness, optimizer (exam readiness)
  browse: 'bench/browse.ts', // card browser search and paging (collection management)
  import: 'bench/import.ts', // CSV and Markdown import
  apkg: 'bench/apkg.ts', // Anki package import with history replay
} as const;

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' } } });
const names = (values.only?.split(',') ?? Object.keys(BENCHES)) as (keyof typeof BENCHES)[];
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(2);
}

const tsx = resolve(__dirname, '../node_modules/.bin/tsx');
const results: Record<string, unknown> = {};
let failed = false;
for (const name of names) {
  if (!values.json) console.log(`\n=== ${name} (${BENCHES[name]}) ===`);
  const run = spawnSync(tsx, [BENCHES[name], ...(values.json ? ['--json'] : [])], {
    cwd: resolve(__dirname, '..'),
    stdio: ['ignore', values.json ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    failed = true;
    console.error(`${name}: the benchmark failed (exit status ${run.status ?? run.signal}).`);
    continue;
  }
  if (values.json) results[name] = JSON.parse(run.stdout) as unknown;
}
if (values.json) console.log(JSON.stringify(results, null, 2));
process.exitCode = failed ? 1 : 0;
