// Protocol-level client mistakes answered as such (400 GRAPHQL_VALIDATION_FAILED), never as an
// internal error: the schema has no subscriptions, and graphql-js would only fail at execution
// ("Schema is not configured to execute subscription operation"), which was masked as a 500-ish
// INTERNAL_SERVER_ERROR.
import type { GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';

export const NoSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription' && !context.getSchema().getSubscriptionType()) {
      context.reportError(new GraphQLError('Subscriptions are not supported by this server: send a query or a mutation', { nodes: node }));
    }
  },
});

/**
 * Apollo answers PERSISTED_QUERY_NOT_SUPPORTED with HTTP 200 (the APQ protocol's habit); this server
 * keeps no persisted queries, so it is a plain client error: 400.
 */
export function persistedQueryStatusListener<C extends object>(): GraphQLRequestListener<C> {
  return {
    async willSendResponse({ response }) {
      if (response.body.kind !== 'single') return;
      const codes = response.body.singleResult.errors?.map((e) => e.extensions?.code) ?? [];
      if (codes.includes('PERSISTED_QUERY_NOT_SUPPORTED') || codes.includes('PERSISTED_QUERY_NOT_FOUND')) response.http.status = 400;
    },
  };
}

