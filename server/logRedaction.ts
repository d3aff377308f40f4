// What never reaches the log. Applied by the logger (server/logger.ts) to every object logged, at
// any depth: values under secret-looking keys are replaced, Stripe errors are cut to their type,
// code and message (a whole StripeError carries the raw response, headers and request parameters).

export const CENSOR = '[redacted]';
/** Keys whose values are secrets wherever they appear (case-insensitive, ignoring _ and -). */
const SECRET_KEY = /^(password|passwd|newpassword|currentpassword|passwordhash|secret|clientsecret|apikey|authorization|cookie|setcookie|token|accesstoken|refreshtoken|jwt|jwtsecret|stripesecretkey|stripewebhooksecret|bootstrapadminpassword)$/;
const MAX_DEPTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[_-]/g, ''));
}

/** True for errors thrown by the stripe library (StripeCardError, StripeInvalidRequestError, ...). */
export function isStripeError(err: unknown): err is { type: string; code?: string; message: string; statusCode?: number; requestId?: string } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string' && /^Stripe/.test((err as { type: string }).type);
}

/** An error as it may be logged: Stripe errors by type/code/message only; others by type, message, code and stack. */
export function serializeError(err: unknown): unknown {
  if (isStripeError(err)) {
    return { type: err.type, code: err.code, message: err.message, statusCode: err.statusCode, requestId: err.requestId };
  }
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; cause?: unknown };
    return redactDeep({
      type: e.constructor?.name ?? e.name,
      message: e.message,
      ...(e.code !== undefined ? { code: e.code } : {}),
      stack: e.stack,
      ...(e.cause !== undefined ? { cause: serializeError(e.cause) } : {}),
    });
  }
  return redactDeep(err);
}

/** A copy of `value` with every secret-keyed value censored, at any depth (errors serialized as above). */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 0 && value instanceof Error) return serializeError(value);
  // Only plain objects and arrays are walked: class instances (the request and response pino-http
  // logs, ObjectIds, Dates, Buffers) go on to their own serializers untouched.
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? CENSOR : redactDeep(v, depth + 1, seen);
  return out;
}
