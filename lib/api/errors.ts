/**
 * Errors a request can cause, each carrying the parameter to name in the 400 answer. Pure, so
 * query functions, route handlers and tests share them.
 */

export class InvalidViewError extends Error {
  override name = 'InvalidViewError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something the request names does not exist (no data loaded for a city yet). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
