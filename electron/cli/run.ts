// The CLI's driver: parses the arguments, opens the collection when the command needs it, runs
// the command and prints its value (--json) or text. `runCli` resolves to the exit status instead
// of exiting, so tests call it in-process as well as through `npm run cli`.
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { StratusError } from '../core/errors';
import { openStratus, readBuiltinDecks } from '../core/open';
import { defaultCollectionPath } from '../core/paths';
import { Study } from '../core/study';
import { UsageError, type Command, type CommandContext, type OptionSpec } from './command';
import { COMMANDS } from './commands';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  decksFolder: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionSpec;

export function usage(commands: readonly Command[] = COMMANDS): string {
  return `Usage: npm run --silent cli -- <command> [options]

Commands:
${commands.flatMap((c) => c.usage.map((line) => `  ${line}`)).join('\n')}

Options:
  --db FILE         collection file (default: $STRATUS_DB or the app-data folder)
  --now ISO-8601    fix the clock for this call, e.g. 2026-11-23T09:00:00Z
  --json            machine-readable output
`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let db: Database | undefined;
  try {
    const name = argv.find((a) => !a.startsWith('-'));
    const command = COMMANDS.find((c) => c.name === name);
    const options: OptionSpec = command
      ? { ...GLOBAL_OPTIONS, ...command.options }
      : Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options ?? {}));
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
    const [first, ...args] = positionals;
    if (values.help || !first) {
      (values.help ? io.stdout : io.stderr)(usage());
      return values.help ? 0 : 2;
    }
    if (!command) throw new UsageError(`"${first}" is not a command (run with --help to see them).`);
    const now = parseNow(values.now as string | undefined);
    const dbPath = (values.db as string | undefined) ?? defaultCollectionPath(io.env);
    let study: Study | undefined;
    const open = (): Database => (db ??= openStratus(dbPath, readBuiltinDecks(io.decksFolder), now));
    if (command.opensCollection !== false) open();
    const ctx: CommandContext = {
      args,
      values: values as CommandContext['values'],
      now,
      dbPath,
      env: io.env,
      get db() {
        return open();
      },
      get study() {
        return (study ??= new Study(open(), () => now));
      },
      progress: (text) => io.stderr(`${text}\n`),
    };
    const result = await command.run(ctx);
    io.stdout(values.json ? `${JSON.stringify(result.value, null, 2)}\n` : `${result.text}\n`);
    return 0;
  } catch (err) {
    return report(err, io);
  } finally {
    db?.close();
  }
}

function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const t = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(t)) {
    throw new UsageError(`--now "${text}" is not an ISO-8601 date such as 2026-11-23T09:00:00Z.`);
  }
  return t;
}

function report(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.stderr(`${err.message}\n`);
    return 2;
  }
  if (err instanceof StratusError || isParseArgsError(err)) {
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  io.stderr(`Stratus hit an unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
  return 70;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}
