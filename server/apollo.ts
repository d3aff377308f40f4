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
import { makeFormatError } from './errorFormat';
import { loadTypeDefs } from '../schema';
import { buildResolvers } from '../resolvers';

export function createApollo(config: Config, log: Logger, httpServer: http.Server): ApolloServer<GraphQLContext> {
  const production = config.NODE_ENV === 'production';
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: config.GRAPHQL_MAX_DEPTH },
    maxAliases: { enabled: true, n: config.GRAPHQL_MAX_ALIASES },
    costLimit: { enabled: true, maxCost: config.GRAPHQL_MAX_COST },
    maxDirectives: { enabled: true, n: 50 },
    maxTokens: { enabled: true, n: 5000 },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: buildResolvers() as never });

  return new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError(log),
    validationRules: [...protection.validationRules],
    allowBatchedHttpRequests: false,
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
}
