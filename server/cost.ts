// The cost of one request, computed on the operation that will run, WITH its variables (GraphQL
// Armor's cost rule runs at validation, where variables are unknown, so `first: $n` counted as 1).
// Base formula as Armor's: scalar 1, object 2, children x1.5 per level, x `first`/`last` (a literal,
// a variable's value, the variable's default, else the field's default page size). On top of that,
// fields that cost the database or the CPU carry a weight (FIELD_WEIGHTS), and the mutation rules:
// at most GRAPHQL_MAX_MUTATIONS root mutation fields, at most one password-hashing field.
import type { GraphQLRequestListener } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const COST = { scalar: 1, object: 2, depthFactor: 1.5 } as const;
/** `first` when a paged field is asked without it (services/validate.ts pageSize's fallback). */
export const DEFAULT_PAGE = 20;
/** The largest page any list returns (services/validate.ts pageSize's cap). */
export const MAX_PAGE = 100;
/** Fields whose default page is not DEFAULT_PAGE. */
export const PAGE_DEFAULTS: Record<string, number> = {
  'Query.myDeals': 100,
  'Query.myInsurancePolicies': 100,
  'Query.myInsuranceQuotes': 100,
  'Query.publicNotices': 100,
  'Query.disputedDeals': 100,
};
/** Extra weight of one field (type.field). Root query fields not listed weigh ROOT_QUERY_WEIGHT. */
export const ROOT_QUERY_WEIGHT = 100;
export const MUTATION_WEIGHT = 1000;
export const FIELD_WEIGHTS: Record<string, number> = {
  'Query.me': 10, // one read by _id through the per-request loader
  // Single objects by id: the read plus a visibility check that scans other collections on FerretDB.
  'Query.ipAsset': 1000,
  'Query.listing': 1000,
  'Query.deal': 1000,
  'Query.pledgeApplication': 1000,
  'Query.organization': 1000,
  'Query.indicatorAudit': 5000, // recomputes every indicator from the records
  // argon2id (19 MiB, t = 2) per call.
  'Mutation.register': 5000,
  'Mutation.login': 5000,
};
/** Fields that hash a password: one per request. */
export const PASSWORD_FIELDS = new Set(['register', 'login']);

export interface CostLimits {
  maxCost: number;
  maxMutations: number;
}

type Variables = Record<string, unknown> | undefined;

function intValue(node: ValueNode, variables: Variables, op: OperationDefinitionNode): number | undefined {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) {
    const given = variables?.[node.name.value];
    if (typeof given === 'number') return given;
    const def = op.variableDefinitions?.find((d) => d.variable.name.value === node.name.value)?.defaultValue;
    return def?.kind === Kind.INT ? Number.parseInt(def.value, 10) : undefined;
  }
  return undefined;
}

class CostCounter {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Variables,
    private readonly op: OperationDefinitionNode,
  ) {}

  selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType, root: boolean, seen: Set<string>): number {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = this.fragments.get(sel.name.value);
        if (!frag || seen.has(sel.name.value)) continue;
        const type = this.schema.getType(frag.typeCondition.name.value);
        if (isCompositeType(type)) cost += this.selectionSet(frag.selectionSet, type, root, new Set([...seen, sel.name.value]));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : parent;
        if (isCompositeType(type)) cost += this.selectionSet(sel.selectionSet, type, root, seen);
      } else {
        const name = sel.name.value;
        if (name.startsWith('__')) continue;
        const fieldDef = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!fieldDef) continue; // validation has refused unknown fields already
        const key = `${parent.name}.${name}`;
        let fieldCost = FIELD_WEIGHTS[key] ?? (root && parent.name === 'Query' ? ROOT_QUERY_WEIGHT : root && parent.name === 'Mutation' ? MUTATION_WEIGHT : 0);
        const type = getNamedType(fieldDef.type);
        if (sel.selectionSet && isCompositeType(type)) {
          let multiplier = 1;
          const pageArg = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
          const n = pageArg ? intValue(pageArg.value, this.variables, this.op) : undefined;
          // (above the cap no page is read: the service refuses it with BAD_USER_INPUT naming the field)
          if (n !== undefined) multiplier = Math.min(Math.max(1, n), MAX_PAGE);
          else if (fieldDef.args.some((a) => a.name === 'first')) multiplier = PAGE_DEFAULTS[key] ?? DEFAULT_PAGE;
          fieldCost += multiplier * (COST.object + COST.depthFactor * this.selectionSet(sel.selectionSet, type, false, seen));
        } else {
          fieldCost += COST.scalar;
        }
        cost += fieldCost;
      }
    }
    return cost;
  }

  /** Root fields of the operation (through fragments), by name. */
  rootFields(set: SelectionSetNode, seen = new Set<string>()): string[] {
    const names: string[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!sel.name.value.startsWith('__')) names.push(sel.name.value);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) names.push(...this.rootFields(sel.selectionSet, seen));
      else if (!seen.has(sel.name.value)) {
        const frag = this.fragments.get(sel.name.value);
        if (frag) names.push(...this.rootFields(frag.selectionSet, new Set([...seen, sel.name.value])));
      }
    }
    return names;
  }
}

const refused = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });

/** The fragment definitions of a document (what costProblem follows through spreads). */
export function fragmentsOf(document: DocumentNode): FragmentDefinitionNode[] {
  return document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
}

/** Why this operation is refused, or null. Pure: the schema, the document and the variables. */
export function costProblem(
  schema: GraphQLSchema,
  fragments: FragmentDefinitionNode[],
  op: OperationDefinitionNode,
  variables: Variables,
  limits: CostLimits,
): string | null {
  const counter = new CostCounter(schema, new Map(fragments.map((f) => [f.name.value, f])), variables, op);
  if (op.operation === 'mutation') {
    const roots = counter.rootFields(op.selectionSet);
    if (roots.length > limits.maxMutations) return `At most ${limits.maxMutations} mutations may be sent in one request, found ${roots.length}.`;
    const hashing = roots.filter((r) => PASSWORD_FIELDS.has(r)).length;
    if (hashing > 1) return `At most one register or login may be sent in one request, found ${hashing}.`;
  }
  const root = op.operation === 'mutation' ? schema.getMutationType() : op.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return null;
  const cost = Math.round(counter.selectionSet(op.selectionSet, root, true, new Set()));
  // (the message keeps GraphQL Armor's wording, which clients and tests already know)
  if (cost > limits.maxCost) return `Syntax Error: Query Cost limit of ${limits.maxCost} exceeded, found ${cost}.`;
  return null;
}

/** Refuses an over-cost operation before it runs: 400 GRAPHQL_VALIDATION_FAILED. */
export function costLimitListener<C extends object>(limits: CostLimits): GraphQLRequestListener<C> {
  return {
    async didResolveOperation({ schema, document, operation, request }) {
      if (!operation) return;
      const problem = costProblem(schema, fragmentsOf(document), operation, request.variables, limits);
      if (problem) throw refused(problem);
    },
  };
}

