// Apollo Server 5: schema, error masking, GraphQL Armor limits, graceful drain.
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from './config';
import type { Logger } from './logger';
import type { GraphQLContext } from './context';
import { errorLoggingPlugin, makeFormatError } from './errorFormat';
import { unavailableStatusPlugin } from './unavailable';
import { costLimitPlugin } from './cost';
import { NoSubscriptions, persistedQueryStatusPlugin } from './protocolRules';
import { inputHygienePlugin } from './inputHygiene';
import { loadTypeDefs } from '../schema';
import { buildResolvers } from '../resolvers';
import { applyVisibility } from './visibility';

/** Longest document accepted, in lexer tokens. */
export const GRAPHQL_MAX_TOKENS = 5000;

export function createApollo(config: Config, log: Logger, httpServer: http.Server): ApolloServer<GraphQLContext> {
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
      unavailableStatusPlugin(),
      ...protection.plugins,
      persistedQueryStatusPlugin(),
      inputHygienePlugin(),
      costLimitPlugin({ maxCost: config.GRAPHQL_MAX_COST, maxMutations: config.GRAPHQL_MAX_MUTATIONS }),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
}
