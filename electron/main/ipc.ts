// IPC handlers: thin callers of the core. Every call is checked twice before the core sees it:
// the sender must be our own window's main frame, and the arguments must match the schema.
import { z } from 'zod';
import type { ApiErrorShape, Channel, IpcResult, StratusApi } from '../shared/contract';
import { CHANNEL_PREFIX, CHANNELS } from '../shared/contract';
import { argSchemas } from '../shared/schemas';
import { StratusError } from '../core/errors';
import { msg, type CoreMessage } from '../core/messages';
import type { HandlerContext } from './handlers/context';
import { collectionHandlers } from './handlers/collection';
import { dialogHandlers } from './handlers/dialogs';
import { examHandlers } from './handlers/exam';
import { recoveryHandlers } from './handlers/recovery';
import { reviewHandlers } from './handlers/review';
import { transferHandlers } from './handlers/transfer';

/** The handlers, in the shape of the contract (returning values, or promises of them). */
export type Handlers = {
  [K in Channel]: (...args: Parameters<StratusApi[K]>) => Awaited<ReturnType<StratusApi[K]>> | Promise<Awaited<ReturnType<StratusApi[K]>>>;
};

/** Every handler, one group per feature (./handlers/*.ts); each group is a thin caller of the core. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...reviewHandlers(ctx),
    ...collectionHandlers(ctx),
    ...transferHandlers(ctx),
    ...dialogHandlers(ctx),
    ...examHandlers(ctx),
    ...recoveryHandlers(),
  } satisfies Handlers;
}

/**
 * Handlers whose implementation can be switched after they are registered: main starts in
 * recovery mode when the collection can't be opened (handlers/recovery.ts) and switches to
 * createHandlers() once a restored backup opens, without registering channels twice.
 */
export function switchableHandlers(initial: Handlers): { handlers: Handlers; use(next: Handlers): void } {
  let current = initial;
  const handlers = Object.fromEntries(
    CHANNELS.map((name) => [name, (...args: unknown[]) => (current[name] as (...a: unknown[]) => unknown)(...args)]),
  ) as unknown as Handlers;
  return {
    handlers,
    use(next) {
      current = next;
    },
  };
}

/** The part of Electron's ipcMain we use; the e2e stand-in provides the same. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

export interface IpcEventLike {
  sender: unknown;
  senderFrame: { url: string } | null;
}

export function registerIpc(ipc: IpcMainLike, handlers: Handlers, isTrusted: (event: IpcEventLike) => boolean, log = console.error): void {
  for (const name of CHANNELS) {
    ipc.handle(CHANNEL_PREFIX + name, (event, ...args) => handle(name, handlers, isTrusted(event), args, log));
  }
}

async function handle(name: Channel, handlers: Handlers, trusted: boolean, args: unknown[], log: typeof console.error): Promise<IpcResult<unknown>> {
  if (!trusted) return fail('internal', msg('ipc.untrusted'));
  const parsed = argSchemas[name].safeParse(args);
  if (!parsed.success) return fail('invalid-argument', msg('ipc.invalidRequest', { channel: name, detail: describe(parsed.error) }));
  try {
    const handler = handlers[name] as (...a: unknown[]) => unknown;
    return { ok: true, value: await handler(...(parsed.data as unknown[])) };
  } catch (err) {
    if (err instanceof StratusError) return fail(err.code, err.coreMessage ?? err.message);
    log(`[ipc] ${name} failed`, err);
    return fail('internal', msg('ipc.internal'));
  }
}

/** "cardId: expected number, received string" rather than zod's "0.cardId invalid input: …". */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path[0] === 0 ? issue.path.slice(1) : issue.path;
      if (path.length === 0 && (issue.code === 'too_small' || issue.code === 'too_big')) return 'wrong number of arguments';
      const message = issue.message.replace(/^Invalid input: /, '');
      return `${path.length ? path.join('.') : 'the request'}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    })
    .join('; ');
}

/** The error envelope: the English sentence, plus its id and params when it is a core message. */
function fail(code: ApiErrorShape['code'], message: string | CoreMessage): IpcResult<never> {
  if (typeof message === 'string') return { ok: false, error: { code, message } };
  return { ok: false, error: { code, message: message.text, id: message.id, params: message.params } };
}
