// Money (decimal yuan string <-> integer fen), Date (YYYY-MM-DD) and DateTime (RFC 3339, UTC).
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { formatFen, MAX_MONEY_FEN, readYuan } from '../services/rules/money';
import { isCalendarDate, isInputDateInRange, MAX_INPUT_DATE, MIN_INPUT_DATE } from '../services/rules/calendar';

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function parseMoney(value: unknown): number {
  if (typeof value !== 'string') throw invalid('Money must be a string of yuan such as "30000000.00", never a number');
  const read = readYuan(value);
  if ('fen' in read) return read.fen;
  if (read.problem === 'too large') {
    throw invalid(`Money must be at most ${formatFen(MAX_MONEY_FEN)} yuan (2^53 - 1 fen, the largest amount held exactly), got "${value.slice(0, 60)}"`);
  }
  throw invalid(`Money must be a decimal yuan amount with at most 2 decimals, got "${value.slice(0, 60)}"`);
}

export const Money = new GraphQLScalarType<number, string>({
  name: 'Money',
  description: 'Yuan as a decimal string with at most 2 decimals, e.g. "30000000.00"; integer fen inside.',
  serialize: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error('Money must be held as integer fen');
    return formatFen(value);
  },
  parseValue: parseMoney,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Money must be a string such as "30000000.00"');
    return parseMoney(ast.value);
  },
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw invalid(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  if (!isInputDateInRange(value)) throw invalid(`Date must be from ${MIN_INPUT_DATE} to ${MAX_INPUT_DATE}, got "${value}"`);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (Asia/Shanghai business date).',
  serialize: (value) => {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new Error('Date must be held as YYYY-MM-DD');
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`DateTime must be an RFC 3339 timestamp, got ${JSON.stringify(value)}`);
  }
  return new Date(value);
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, RFC 3339 in UTC.',
  serialize: (value) => {
    const d = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(d.getTime())) throw new Error('DateTime must be a valid instant');
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
