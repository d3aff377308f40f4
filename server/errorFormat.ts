// Turns every error into the contract's vocabulary. Domain errors keep their code and field;
// Apollo's own document errors keep theirs; anything else is masked here and logged once, with the
// request id, by errorLoggingPlugin.
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../services/errors';
import type { GraphQLContext } from './context';
import type { Logger } from './logger';
import { DB_UNAVAILABLE_MESSAGE, isDbUnavailableError, SERVICE_UNAVAILABLE } from './unavailable';
import { cleanMessage } from './errorMessages';

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  SERVICE_UNAVAILABLE, // raised while building the context (server/app.ts), already logged there
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

/** Errors the client caused or may see as they are; everything else is a fault of ours. */
export function isExpectedError(error: unknown): boolean {
  if (unwrapResolverError(error) instanceof DomainError) return true;
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === 'string' && (PASS_THROUGH.has(code) || code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED');
}

export function makeFormatError(opts: { production?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = toContract(formatted, error);
    return { ...out, message: cleanMessage(out.message, opts.production ?? false) };
  };
}

/** The contract's code, field and message for any error (before the message is cleaned). */
function toContract(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
  if (isDbUnavailableError(original)) return { ...base, message: DB_UNAVAILABLE_MESSAGE, extensions: { code: SERVICE_UNAVAILABLE } };
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Logs each unexpected error of a request once, on the request's logger (which carries the request id). */
export function errorLoggingListener(): GraphQLRequestListener<GraphQLContext> {
  return {
    async didEncounterErrors({ contextValue, errors, operationName }) {
      for (const error of errors) {
        if (isExpectedError(error)) continue;
        contextValue.log.error({ err: unwrapResolverError(error), path: error.path, operationName }, 'unexpected error');
      }
    },
  };
}

/** Errors outside a request's execution: building the context, Apollo's own failures. */
export function errorLoggingPlugin(log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async contextCreationDidFail({ error }) {
      if (!isExpectedError(error)) log.error({ err: error }, 'unexpected error while building the request context');
    },
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      requestContext.contextValue.log.error({ err: error }, 'unexpected error processing the request');
    },
  };
}
