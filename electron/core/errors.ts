// Errors a user can act on. Each message is one sentence that names the file or field at fault;
// the CLI prints it (in English) to stderr and IPC hands it to the renderer, which says it in the
// UI's language when the error carries a core message (electron/core/messages.ts): throw with
// `new InvalidArgumentError(msg('some.id', { … }))`. A plain string still works (English only).
import { type CoreMessage, type CoreMessageParams, fileMessage, isCoreMessage } from './messages';

export type StratusErrorCode = 'invalid-argument' | 'not-found' | 'collection';

export class StratusError extends Error {
  /** The message's id and values, when it was made with msg(); absent for plain English strings. */
  readonly id?: string;
  readonly params?: CoreMessageParams;

  constructor(
    readonly code: StratusErrorCode,
    message: string | CoreMessage,
  ) {
    super(isCoreMessage(message) ? message.text : message);
    this.name = 'StratusError';
    if (isCoreMessage(message)) {
      this.id = message.id;
      this.params = message.params;
    }
  }

  /** The sentence as a core message (English-only errors have none). */
  get coreMessage(): CoreMessage | null {
    return this.id ? { id: this.id, params: this.params ?? {}, text: this.message } : null;
  }
}

/** The collection file can't be used: not ours, from a newer version, or unreadable. */
export class CollectionError extends StratusError {
  constructor(
    readonly file: string,
    detail: string | CoreMessage,
  ) {
    super('collection', isCoreMessage(detail) ? fileMessage(file, null, detail) : `${file}: ${detail}`);
    this.name = 'CollectionError';
  }
}

export class NotFoundError extends StratusError {
  constructor(message: string | CoreMessage) {
    super('not-found', message);
    this.name = 'NotFoundError';
  }
}

export class InvalidArgumentError extends StratusError {
  constructor(message: string | CoreMessage) {
    super('invalid-argument', message);
    this.name = 'InvalidArgumentError';
  }
}

