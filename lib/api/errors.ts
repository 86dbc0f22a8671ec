/**
 * Errors a request can cause, each carrying the parameter to name in the answer. Pure, so
 * lib/view, query functions, route handlers, pages and tests share them.
 */

/** A parameter's value is not valid: 400, with one sentence naming the parameter. */
export class InvalidViewError extends Error {
  override name = 'InvalidViewError';
  readonly status = 400;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something the request names does not exist (a city, a level, an area, no data yet): 404. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly status = 404;
  constructor(
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export type ViewError = InvalidViewError | NotFoundError;

/** Shape check as well as instanceof: pages and routes are bundled separately by Next. */
export function isViewError(error: unknown): error is ViewError {
  return (
    error instanceof InvalidViewError ||
    error instanceof NotFoundError ||
    (error instanceof Error &&
      (error.name === 'InvalidViewError' ||
        error.name === 'NotFoundError' ||
        error.name === 'UnsupportedFilterError'))
  );
}
