// Applies services/visibility.ts to the executable schema: every field that returns a guarded type
// (top-level or nested, in any type but Mutation) runs that type's rule on what it returns, and
// every field with a field rule runs it on its parent. Lists drop what the caller may not see;
// a nullable field reads null; a non-null field answers FORBIDDEN. Mutations authorize their
// caller themselves; the fields of what they return are guarded like any other.
import { defaultFieldResolver, getNamedType, isListType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ServiceContext } from '../services/context';
import { forbidden } from '../services/errors';
import { FIELD_RULES, GUARDED_TYPES } from '../services/visibility';

const UNGUARDED_ROOTS = new Set(['Mutation', 'Subscription']);

/** The resolvers this module wrapped (test/unit/visibilityCoverage.test.ts checks every guarded field is one). */
export const guardedResolvers = new WeakSet<object>();

export function applyVisibility(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || UNGUARDED_ROOTS.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const typeGuard = GUARDED_TYPES[getNamedType(field.type).name];
      const fieldGuard = FIELD_RULES[`${type.name}.${field.name}`];
      if (!typeGuard && !fieldGuard) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const nullable = !isNonNullType(field.type);
      const returnsList = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
      const refuse = (what: string) => {
        if (nullable) return null;
        throw forbidden(`You may not see this ${what}`);
      };
      field.resolve = async (parent, args, ctx: ServiceContext, info) => {
        if (fieldGuard && !(await fieldGuard.rule(ctx, parent, info.path.prev?.typename))) return refuse(`${type.name}.${field.name}`);
        const value = await resolve(parent, args, ctx, info);
        if (!typeGuard || value === null || value === undefined) return value;
        if (returnsList && Array.isArray(value)) {
          const keep = await Promise.all(value.map((v) => (v === null ? true : typeGuard.rule(ctx, v))));
          return value.filter((_v, i) => keep[i]);
        }
        return (await typeGuard.rule(ctx, value)) ? value : refuse(getNamedType(field.type).name);
      };
      guardedResolvers.add(field.resolve);
    }
  }
  return schema;
}
