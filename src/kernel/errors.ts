/**
 * The few typed errors services throw. One handler (platform/http.ts) maps them to status
 * codes; their messages are written for the person who will read them.
 */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

export class NotAllowedError extends Error {
  readonly statusCode = 403;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class InvalidInputError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** No signed-in person: pages redirect to sign-in, the API answers 401. */
export class NotSignedInError extends Error {
  readonly statusCode = 401;
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}
