import pino from 'pino';
import { redactDeep, serializeError } from './logRedaction';

export type Logger = pino.Logger;

export function createLogger(level: string, destination: pino.DestinationStream = process.stdout): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'hegang-ip' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    // Deep: secret-looking keys at any depth, and errors (Stripe's cut to type/code/message).
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, destination);
}
