// Errors that cross the worker boundary carry their kind in `name` ("StorageError", …): Comlink
// re-throws name, message and stack on the other side, so the UI can tell a bad file from a
// full disk without matching message text.
import type { ErrorKind } from './api.ts';

const NAMES: Record<ErrorKind, string> = {
  input: 'InputError',
  data: 'DataError',
  diverged: 'DivergedError',
  storage: 'StorageError',
  'model-file': 'ModelFileError',
  busy: 'BusyError',
  internal: 'InternalError',
};

export class DigitPadError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = NAMES[kind];
  }
}

/** The kind of any thrown value: DigitPad's own errors say it, anything else is 'input'. */
export function kindOf(e: unknown): ErrorKind {
  if (e instanceof DigitPadError) return e.kind;
  const name = e instanceof Error ? e.name : '';
  const hit = (Object.keys(NAMES) as ErrorKind[]).find((k) => NAMES[k] === name);
  return hit ?? 'input';
}

/** A model file saved by a newer DigitPad: kept where it is, not treated as corrupt. */
export class NewerFormatError extends DigitPadError {
  constructor(readonly version: number, supported: number) {
    super('model-file', `the file is from a newer DigitPad (format ${version}; this version reads up to ${supported})`);
  }
}
