// Turns every error into the contract's vocabulary. Domain errors keep their code and field;
// Apollo's own document errors keep theirs; anything else is logged once and masked.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../services/errors';
import type { Logger } from './logger';

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** `Variable "$input" got invalid value ... at "input.price"; ...` -> "input.price" */
function fieldOfCoercionError(message: string): string | undefined {
  const at = /got invalid value .*? at "([^"]+)"/.exec(message);
  if (at) return at[1];
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  return variable ? variable[1] : undefined;
}

export function domainErrorToGraphQL(err: DomainError): GraphQLError {
  return new GraphQLError(err.message, {
    extensions: { code: err.code, ...(err.field ? { field: err.field } : {}), ...(err.details ?? {}) },
  });
}

export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...(original.details ?? {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (code === 'BAD_USER_INPUT') {
      // Variable coercion (e.g. a Money string that is not a number): name the input path.
      const field = (formatted.extensions?.field as string | undefined) ?? fieldOfCoercionError(formatted.message);
      return { ...base, message: formatted.message, extensions: { code, ...(field ? { field } : {}) } };
    }
    if (typeof code === 'string' && (PASS_THROUGH.has(code) || code === 'UNAUTHENTICATED')) {
      return { ...base, message: formatted.message, extensions: { code } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
