// Apollo Server 5: schema, error masking, GraphQL Armor limits, graceful drain.
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from './config';
import type { Logger } from './logger';
import type { GraphQLContext } from './context';
import { errorLoggingListener, errorLoggingPlugin, makeFormatError } from './errorFormat';
import { unavailableStatusListener } from './unavailable';
import { costLimitListener } from './cost';
import { NoSubscriptions, persistedQueryStatusListener } from './protocolRules';
import { inputHygieneListener } from './inputHygiene';
import { responseCacheListener } from './responseCache';
import type { PreparedQueries } from './preparedQueries';
import { loadTypeDefs } from '../schema';
import { buildResolvers } from '../resolvers';
import { applyVisibility } from './visibility';

type Hook = 'didResolveOperation' | 'willSendResponse' | 'didEncounterErrors';
const HOOKS: Hook[] = ['didResolveOperation', 'willSendResponse', 'didEncounterErrors'];

/**
 * Our per-request rules as one plugin with one listener object, made once: Apollo then makes one
 * call per request and per hook instead of one per rule (bench/http, docs/performance.md). The
 * listeners of a hook run one after the other, in the order given: an input refused by the
 * hygiene rule is reported as such, before its cost is weighed.
 */
export function requestRulesPlugin(listeners: GraphQLRequestListener<GraphQLContext>[]): ApolloServerPlugin<GraphQLContext> {
  const merged: GraphQLRequestListener<GraphQLContext> = {};
  for (const hook of HOOKS) {
    const fns = listeners.map((l) => l[hook]?.bind(l)).filter((f) => f !== undefined) as ((rc: never) => Promise<void>)[];
    if (fns.length > 0) {
      (merged as Record<Hook, unknown>)[hook] = async (rc: never) => {
        for (const fn of fns) await fn(rc);
      };
    }
  }
  return { requestDidStart: async () => merged };
}

/** Longest document accepted, in lexer tokens. */
export const GRAPHQL_MAX_TOKENS = 5000;

/** `prepared`: remembers the texts Apollo accepted, for the fast path (server/preparedQueries.ts). */
export function createApollo(config: Config, log: Logger, httpServer: http.Server, prepared?: PreparedQueries): ApolloServer<GraphQLContext> {
  const production = config.NODE_ENV === 'production';
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: config.GRAPHQL_MAX_DEPTH },
    maxAliases: { enabled: true, n: config.GRAPHQL_MAX_ALIASES },
    // Cost is server/cost.ts: it runs on the operation with its variables (Armor's rule cannot see
    // them) and weighs database-heavy fields and mutations.
    costLimit: { enabled: false },
    maxDirectives: { enabled: true, n: 50 },
    // Not Armor's token limit: its Apollo plugin parses inside parsingDidStart and rethrows any
    // syntax error from unexpectedErrorProcessingRequest, so every unparsable document became an HTTP
    // 500 with GRAPHQL_VALIDATION_FAILED. graphql-js enforces the same limit in parse() itself
    // (parseOptions.maxTokens below), which Apollo answers as 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const schema = applyVisibility(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: buildResolvers() as never }));

  return new ApolloServer<GraphQLContext>({
    schema,
    parseOptions: { maxTokens: GRAPHQL_MAX_TOKENS },
    csrfPrevention: true,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError({ production }),
    validationRules: [...protection.validationRules, NoSubscriptions],
    // No automatic persisted queries: a request carrying extensions.persistedQuery gets
    // PERSISTED_QUERY_NOT_SUPPORTED (a client error), instead of a hash cache anyone can fill.
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM (drain, close the DB, stop FerretDB). Apollo's own handlers (on by
    // default outside NODE_ENV=test) re-raise the signal after apollo.stop(), which killed the
    // process (exit 143) before the database was closed and left the FerretDB child running.
    stopOnTerminationSignals: false,
    plugins: [
      errorLoggingPlugin(log),
      requestRulesPlugin([
        errorLoggingListener(),
        unavailableStatusListener(),
        persistedQueryStatusListener(),
        inputHygieneListener(),
        costLimitListener({ maxCost: config.GRAPHQL_MAX_COST, maxMutations: config.GRAPHQL_MAX_MUTATIONS }),
        responseCacheListener(),
        ...(prepared ? [prepared.listener()] : []),
      ]),
      ...(prepared ? [prepared.plugin()] : []),
      ...protection.plugins, // (blockFieldSuggestion in production: it rewrites messages in didEncounterErrors)
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No @cacheControl hints anywhere: Apollo's cache-control plugin only ever computed "no-store",
      // hooking every resolved field to do it. server/app.ts sends `cache-control: no-store` itself.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(), // not a federated subgraph
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
}
