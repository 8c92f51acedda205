// What a CLI command is: a name, its usage lines, the options it takes, and a function from the
// parsed arguments to a value (printed as JSON with --json) and its readable text. Each feature
// keeps its commands in its own file under ./commands and lists them in ./commands/index.ts.
import type { ParseArgsConfig } from 'node:util';
import type { Database } from 'better-sqlite3';
import type { Study } from '../core/study';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Output {
  value: unknown;
  text: string;
}

/** Everything a command may use. The collection is opened on first use of `db` or `study`. */
export interface CommandContext {
  /** Positional arguments after the command's name. */
  args: string[];
  /** Parsed options (strings and booleans), by long name. */
  values: Record<string, string | boolean | string[] | undefined>;
  /** The clock of this call (--now or the wall clock), epoch ms. */
  now: number;
  /** The collection file this call works on (--db, $STRATUS_DB or the app-data default). */
  dbPath: string;
  readonly db: Database;
  readonly study: Study;
  env: NodeJS.ProcessEnv;
  /** Progress lines for long commands; written to stderr, never mixed into --json output. */
  progress: (text: string) => void;
}

export interface Command {
  name: string;
  /** Usage lines for --help: the first is the synopsis. */
  usage: string[];
  /** Options this command takes besides the global ones (--db, --now, --json, --help). */
  options?: OptionSpec;
  /** False for commands that must not open (and so create or migrate) the collection first. */
  opensCollection?: boolean;
  run(ctx: CommandContext): Output | Promise<Output>;
}

/** A mistake in how the command was called: printed with exit status 2. */
export class UsageError extends Error {}

export function noExtra(ctx: CommandContext, name: string, expected: number): void {
  if (ctx.args.length > expected) throw new UsageError(`"${name}" does not take "${ctx.args[expected]}".`);
}

export function optionString(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function pad(s: string, width: number): string {
  return s.length >= width ? `${s.slice(0, width - 2)}… ` : s.padEnd(width);
}

/** YYYY-MM-DD of a local time. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
