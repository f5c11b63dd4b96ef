/**
 * The one registry of errors the product shows to people. Services throw these; the HTTP layer maps
 * each to its status and shows `message` as written, so every message must be a sentence a reader or
 * editor understands. Anything that is not an AppError is a bug: it is logged and hidden behind a 500.
 *
 * @example
 *   throw new NotFoundError('There is no article at this address.');
 */
export class AppError extends Error {
  /** The catalogue message saying the same in every language (see `say`). */
  text?: MessageRef;
  /** Catalogue messages for the field reasons, by field. */
  fieldTexts?: Readonly<Record<string, MessageRef>>;

  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** Field-level reasons, for forms that come back with what the person typed. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * Names the catalogue message (`src/i18n/messages/<lang>/*.json`) that says what `message` says, so
   * a page shows it in the reader's language; `message` stays the English sentence for logs and the
   * API. Field reasons may name theirs too.
   */
  say(key: string, values?: MessageValues, fieldTexts?: Record<string, MessageRef>): this {
    this.text = { key, values };
    if (fieldTexts) this.fieldTexts = fieldTexts;
    return this;
  }
}

export type MessageValues = Readonly<Record<string, string | number>>;

/** A catalogue message and its values: what an error says, to be put in the reader's language. */
export interface MessageRef {
  key: string;
  values?: MessageValues;
}

export class BadRequestError extends AppError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super(message, 400, 'bad_request', fields);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super(message, 422, 'invalid', fields);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Please sign in to continue.') {
    super(message, 401, 'unauthorized');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your account is not allowed to do this.') {
    super(message, 403, 'forbidden');
  }
}

export class NotFoundError extends AppError {
  constructor(message?: string) {
    super(message ?? 'There is nothing at this address.', 404, 'not_found');
    if (message === undefined) this.say('error.notFoundText');
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super(message, 409, 'conflict', fields);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, 'too_large');
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, 'too_many_requests');
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Another server we depended on (a page being imported, a feed) failed or answered badly. */
export class BadGatewayError extends AppError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super(message, 502, 'upstream', fields);
  }
}
