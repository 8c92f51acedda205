// The headless CLI: `npm run --silent cli -- <command> [--db FILE] [--now ISO-8601] [--json]`.
// A thin caller of the core, so what it prints is what the app would do.
import { resolve } from 'node:path';
import { runCli } from './run';

const decksFolder = resolve(__dirname, '../../decks');
void runCli(process.argv.slice(2), {
  env: process.env,
  decksFolder,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then((status) => {
  process.exitCode = status;
});
