// Queries answered without Apollo Server's request pipeline (docs/performance.md, "Round 6").
//
// Profiled (bench:http), Apollo's pipeline around a small query costs more CPU than the query: the
// plugin hooks and their promises, the SHA-256 of the text for its document cache, two Accept
// negotiations, the response objects. So a query is answered here, on the POST /graphql fast path
// (server/graphqlHttp.ts), when Apollo has already accepted the very same text: parsed, validated
// (GraphQL Armor's depth, alias and directive rules, no introspection in production, no
// subscriptions) and resolved to an operation. Those checks depend on the text alone; Apollo's own
// document cache skips them for a text it has seen, as this does. Per request, Apollo's other steps,
// in its order: the content type the Accept header asks for; the context (bearer token, viewer);
// the per-request rules (input hygiene, then the cost with the variables); execution by graphql-js;
// the answer's JSON and "\n", `content-type` and 200, exactly as Apollo writes them.
//
// Everything else goes to Apollo unchanged: mutations, texts Apollo has not accepted yet, bodies
// with `extensions` or other fields, an Accept header asking for another type, a context that fails
// (a bad token), a rule that refuses, and any answer with an error: the query then runs again
// through Apollo, which formats, masks, logs and picks the status as always (a query changes
// nothing, so running it again is what a client's retry does; such a text is then left to Apollo
// for a minute, so that no text makes every request run twice). After Apollo stops, nothing is
// answered here.
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import Negotiator from 'negotiator';
import { execute, getOperationAST, type ExecutionResult, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { costProblem, fragmentsOf, type CostLimits } from './cost';
import { firstBadString } from './inputHygiene';
import type { GraphQLContext } from './context';

/**
 * At most MAX_DOCUMENTS texts are remembered, their parsed documents at most MAX_TOTAL_SIZE in all
 * (measured as Apollo's document store measures them: the JSON of the document, which is about what
 * its objects hold in memory; Apollo's own store keeps 30 MiB), none longer than MAX_TEXT characters;
 * the least recently used is dropped first.
 */
const MAX_DOCUMENTS = 1000;
const MAX_TEXT = 20 * 1024;
const MAX_TOTAL_SIZE = 16 * 1024 * 1024;
/** A text whose answer had an error goes to Apollo for this long (at most MAX_ERRED such texts are kept). */
const ERRED_MS = 60_000;
const MAX_ERRED = 1000;
const MAX_ACCEPT_HEADERS = 64;

/** Apollo's media types for a single result (its MEDIA_TYPES), in its order of preference. */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const JSON_GRAPHQL_CALLBACK = 'application/json; callbackSpec=1.0; charset=utf-8';

interface Accepted {
  document: DocumentNode;
  fragments: FragmentDefinitionNode[];
  size: number;
}

export interface PreparedAnswer {
  contentType: string;
  body: string;
}

interface Request {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The request when its body has the plain shape (query, and optionally variables and operationName): else null. */
export function plainRequest(body: unknown): Request | null {
  if (!isPlainObject(body)) return null;
  for (const key of Object.keys(body)) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return null;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query.length > MAX_TEXT) return null;
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

export class PreparedQueries {
  private readonly accepted = new Map<string, Accepted>();
  private readonly erred = new Map<string, number>(); // text -> until (ms)
  private readonly contentTypes = new Map<string, string | null>();
  private schema: GraphQLSchema | undefined;
  private open = true;
  private totalSize = 0;

  constructor(private readonly limits: CostLimits) {}

  /** Remembers each text Apollo accepted (its didResolveOperation runs after parsing and validation). */
  listener(): GraphQLRequestListener<GraphQLContext> {
    return {
      didResolveOperation: async ({ source, document, schema }) => {
        if (!this.open || source.length > MAX_TEXT || this.accepted.has(source) || this.stillErred(source)) return;
        if (this.schema !== undefined && this.schema !== schema) return; // (one schema: never happens)
        this.schema = schema;
        const size = JSON.stringify(document).length + source.length;
        if (size > MAX_TOTAL_SIZE) return;
        while (this.accepted.size >= MAX_DOCUMENTS || (this.accepted.size > 0 && this.totalSize + size > MAX_TOTAL_SIZE)) {
          const [oldest, entry] = this.accepted.entries().next().value!;
          this.accepted.delete(oldest);
          this.totalSize -= entry.size;
        }
        this.totalSize += size;
        this.accepted.set(source, { document, fragments: fragmentsOf(document), size });
      },
    };
  }

  /** Closes this path once Apollo stops (after it drained the HTTP server): Apollo then refuses requests itself. */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      serverWillStart: async () => ({
        serverWillStop: async () => {
          this.open = false;
          this.accepted.clear();
          this.totalSize = 0;
        },
      }),
    };
  }

  /** How many texts are remembered, and their measured size in all (for tests). */
  get size(): number {
    return this.accepted.size;
  }
  get bytes(): number {
    return this.totalSize;
  }

  /**
   * The answer to `body`, or null when it is Apollo's to answer (the reasons above). `context` is
   * the request's context as Apollo would build it; its failure leaves the request to Apollo.
   */
  async answer(body: unknown, accept: string | undefined, context: () => Promise<GraphQLContext>): Promise<PreparedAnswer | null> {
    const schema = this.schema;
    if (!this.open || schema === undefined) return null;
    const request = plainRequest(body);
    if (request === null) return null;
    const accepted = this.accepted.get(request.query);
    if (accepted === undefined) return null;
    this.accepted.delete(request.query); // most recently used last
    this.accepted.set(request.query, accepted);
    const operation = getOperationAST(accepted.document, request.operationName);
    if (!operation || operation.operation !== 'query') return null;
    const contentType = this.contentTypeFor(accept);
    if (contentType === null) return null;
    let contextValue: GraphQLContext;
    try {
      contextValue = await context();
    } catch {
      return null;
    }
    if (firstBadString(request.variables ?? {}, '') !== null) return null;
    if (costProblem(schema, accepted.fragments, operation, request.variables, this.limits) !== null) return null;
    let result: ExecutionResult;
    try {
      result = await execute({ schema, document: accepted.document, contextValue, variableValues: request.variables, operationName: request.operationName });
    } catch {
      return null; // (graphql-js returns resolver errors in the result: this is not expected)
    }
    if (result.errors !== undefined && result.errors.length > 0) {
      // Apollo answers it, running it again; so that a text cannot make every request run twice
      // (an expensive selection beside a field that always fails), it is Apollo's for a minute.
      this.forget(request.query);
      return null;
    }
    // Apollo's orderExecutionResultFields and prettyJSONStringify: the same bytes.
    return { contentType, body: `${JSON.stringify({ errors: undefined, data: result.data, extensions: result.extensions })}\n` };
  }

  private forget(text: string): void {
    const entry = this.accepted.get(text);
    if (entry) {
      this.accepted.delete(text);
      this.totalSize -= entry.size;
    }
    this.erred.delete(text);
    if (this.erred.size >= MAX_ERRED) this.erred.delete(this.erred.keys().next().value!);
    this.erred.set(text, Date.now() + ERRED_MS);
  }

  private stillErred(text: string): boolean {
    const until = this.erred.get(text);
    if (until === undefined) return false;
    if (Date.now() < until) return true;
    this.erred.delete(text);
    return false;
  }

  /** The type Apollo answers a single result with for this Accept header, when it is plain JSON; else null. */
  private contentTypeFor(accept: string | undefined): string | null {
    if (accept === undefined || accept === '') return APPLICATION_JSON;
    let type = this.contentTypes.get(accept);
    if (type === undefined) {
      const preferred = new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, JSON_GRAPHQL_CALLBACK]);
      type = preferred === APPLICATION_JSON || preferred === GRAPHQL_RESPONSE_JSON ? preferred : null;
      if (this.contentTypes.size < MAX_ACCEPT_HEADERS) this.contentTypes.set(accept, type);
    }
    return type;
  }
}
