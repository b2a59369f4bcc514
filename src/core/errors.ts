/**
 * Typed errors with stable codes. They cross the worker boundary as plain data (see `src/api/transfer.ts`)
 * and become one clear line in the CLI and a message box in the UI.
 */

/** Every code the project raises, grouped by where it comes from. */
export type ErrorCode =
  // reading a file
  | 'EMPTY_FILE'
  | 'NO_HEADER'
  | 'NO_DATA_ROWS'
  | 'RAGGED_ROWS'
  | 'EMPTY_HEADER_NAME'
  | 'DUPLICATE_HEADER'
  | 'FILE_TOO_LARGE'
  | 'BINARY_FILE'
  | 'NOT_CSV'
  | 'CSV_PARSE'
  // schema and data
  | 'TOO_FEW_ROWS'
  | 'NOTHING_TO_MODEL'
  | 'UNKNOWN_COLUMN'
  | 'BAD_TYPE'
  | 'TARGET_ONE_CLASS'
  | 'TARGET_NOT_MODELLED'
  | 'TYPE_MISMATCH'
  | 'COLUMNS_MISMATCH'
  // options and state
  | 'BAD_OPTION'
  | 'UNKNOWN_GENERATOR'
  | 'NOT_FITTED'
  | 'BAD_MODEL_FILE'
  | 'PRIVACY_FILTER_EMPTY'
  | 'CANCELLED'
  | 'WORKER_CRASHED'
  | 'INTERNAL';

/** Where an error belongs: the CLI maps `input` to exit code 3, `usage` to 2. */
export type ErrorKind = 'input' | 'usage' | 'state' | 'cancelled' | 'internal';

const KIND: Record<ErrorCode, ErrorKind> = {
  EMPTY_FILE: 'input',
  NO_HEADER: 'input',
  NO_DATA_ROWS: 'input',
  RAGGED_ROWS: 'input',
  EMPTY_HEADER_NAME: 'input',
  DUPLICATE_HEADER: 'input',
  FILE_TOO_LARGE: 'input',
  BINARY_FILE: 'input',
  NOT_CSV: 'input',
  CSV_PARSE: 'input',
  TOO_FEW_ROWS: 'input',
  NOTHING_TO_MODEL: 'input',
  UNKNOWN_COLUMN: 'usage',
  BAD_TYPE: 'usage',
  TARGET_ONE_CLASS: 'input',
  TARGET_NOT_MODELLED: 'usage',
  TYPE_MISMATCH: 'input',
  COLUMNS_MISMATCH: 'input',
  BAD_OPTION: 'usage',
  UNKNOWN_GENERATOR: 'usage',
  NOT_FITTED: 'state',
  BAD_MODEL_FILE: 'input',
  PRIVACY_FILTER_EMPTY: 'input',
  CANCELLED: 'cancelled',
  WORKER_CRASHED: 'internal',
  INTERNAL: 'internal',
};

export type ErrorDetails = Record<string, string | number | boolean | null | readonly (string | number)[]>;

/** Base class of every error the project throws on purpose. `message` is written for the user. */
export class LocalSynthError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'LocalSynthError';
    this.code = code;
    this.details = details;
  }
  get kind(): ErrorKind {
    return KIND[this.code];
  }
}

/** A problem with the bytes or the CSV structure of an input file. */
export class CsvError extends LocalSynthError {
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
    this.name = 'CsvError';
  }
}

/** A problem with the schema or the data's content (types, target, too few rows). */
export class SchemaError extends LocalSynthError {
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
    this.name = 'SchemaError';
  }
}

/** An option out of range or of the wrong type. */
export class OptionError extends LocalSynthError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('BAD_OPTION', message, details);
    this.name = 'OptionError';
  }
}

/** `sample()` before `fit()`. */
export class NotFittedError extends LocalSynthError {
  constructor(generator: string) {
    super('NOT_FITTED', `The ${generator} generator has not been fitted yet: fit it on a table before sampling.`, {
      generator,
    });
    this.name = 'NotFittedError';
  }
}

/** The user pressed Cancel (or the AbortSignal fired). */
export class CancelledError extends LocalSynthError {
  constructor() {
    super('CANCELLED', 'Cancelled.');
    this.name = 'CancelledError';
  }
}

/** Throws `CancelledError` when the signal has fired: call it in every long loop. */
export function throwIfAborted(signal: AbortLike | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Plain-data form of an error, safe to post between threads and to print. */
export interface SerializedError {
  name: string;
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
  stack?: string;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof LocalSynthError) {
    return { name: err.name, code: err.code, message: err.message, details: err.details, stack: err.stack };
  }
  if (err instanceof Error) {
    return { name: err.name, code: 'INTERNAL', message: err.message, details: {}, stack: err.stack };
  }
  return { name: 'Error', code: 'INTERNAL', message: String(err), details: {} };
}

export function deserializeError(s: SerializedError): LocalSynthError {
  const ctor = s.name === 'CsvError' ? CsvError : s.name === 'SchemaError' ? SchemaError : null;
  let e: LocalSynthError;
  if (ctor) e = new ctor(s.code, s.message, s.details);
  else if (s.code === 'CANCELLED') e = new CancelledError();
  else if (s.code === 'BAD_OPTION') e = new OptionError(s.message, s.details);
  else {
    e = new LocalSynthError(s.code, s.message, s.details);
    e.name = s.name;
  }
  if (s.stack) e.stack = s.stack;
  return e;
}

/** Is this the user's cancellation (not a failure)? */
export function isCancelled(err: unknown): boolean {
  return err instanceof LocalSynthError && err.code === 'CANCELLED';
}

/** The part of `AbortSignal` the core reads (a real AbortSignal fits; so does a plain `{ aborted }` flag). */
export interface AbortLike {
  readonly aborted: boolean;
}
