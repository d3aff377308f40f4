// The one error vocabulary of the API (see the contract's header). Services throw these; the
// server's error formatter turns them into GraphQL errors with extensions.code (and .field).
// Anything else that escapes is masked as INTERNAL_SERVER_ERROR and logged once.

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYMENTS_DISABLED'
  | 'RATE_LIMITED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'Sign in first: send Authorization: Bearer <token>') =>
  new DomainError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);

/** A bad argument; `field` is the input path, e.g. "input.creditCode". */
export const badInput = (field: string, message: string) =>
  new DomainError('BAD_USER_INPUT', `${field}: ${message}`, field);

export const notFound = (what: string, id?: string) =>
  new DomainError('NOT_FOUND', id ? `${what} ${id} does not exist or is not visible to you` : `${what} not found`);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('CONFLICT', message, undefined, details);

export const paymentsDisabled = (message = 'Payments are not configured on this server (STRIPE_SECRET_KEY is unset)') =>
  new DomainError('PAYMENTS_DISABLED', message);

export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError('RATE_LIMITED', `Too many attempts; try again in ${retryAfterSeconds} s`, undefined, {
    retryAfterSeconds,
  });

/** MongoDB's duplicate-key error (unique index), from a mongoose/driver error. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
