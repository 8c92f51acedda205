// Errors a user can act on. Each message is one sentence that names the file or field at fault;
// the CLI prints it to stderr and IPC hands it to the renderer as is.

export type StratusErrorCode = 'invalid-argument' | 'not-found' | 'collection';

export class StratusError extends Error {
  constructor(
    readonly code: StratusErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StratusError';
  }
}

/** The collection file can't be used: not ours, from a newer version, or unreadable. */
export class CollectionError extends StratusError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super('collection', `${file}: ${detail}`);
    this.name = 'CollectionError';
  }
}

export class NotFoundError extends StratusError {
  constructor(message: string) {
    super('not-found', message);
    this.name = 'NotFoundError';
  }
}

export class InvalidArgumentError extends StratusError {
  constructor(message: string) {
    super('invalid-argument', message);
    this.name = 'InvalidArgumentError';
  }
}
