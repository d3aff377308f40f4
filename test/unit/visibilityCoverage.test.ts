// Every object type of the schema (schema/*.graphql) has a visibility decision in
// services/visibility.ts, and every field that returns a guarded type is wrapped by the rule. A new
// type or field cannot leak silently: it fails here until someone decides who may see it.
import { expect } from 'chai';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { loadTypeDefs } from '../../schema';
import { buildResolvers } from '../../resolvers';
import { applyVisibility, guardedResolvers } from '../../server/visibility';
import { FIELD_RULES, GUARDED_TYPES, OPEN_TYPES } from '../../services/visibility';

/** Nested paths walked anonymously and as a stranger in test/api/visibility.nested.test.ts. */
export const NESTED_PATHS_TESTED = [
  'IpAsset.activePledge', 'PledgeRegistration.assets', 'PledgeRegistration.application', 'IpAsset.licenses', 'License.asset', 'License.deal',
  'Listing.asset', 'Listing.history', 'StatusChange.by', 'User.email', 'User.role', 'User.organization', 'ListingEdge.node',
  'Deal.history', 'PledgeApplication.assets', 'PledgeApplication.registration', 'PledgeApplication.history', 'IpAsset.restriction',
  'PledgeApplication.insurancePolicy', 'InsurancePolicy.assets', 'Query.myInsurancePolicies',
];

/** Scalar fields that identify or rank a person: each needs a field rule. */
const SENSITIVE_FIELD_NAMES = new Set(['email', 'role', 'phone', 'password', 'passwordHash']);

describe('visibility coverage of the schema', () => {
  let schema: GraphQLSchema;
  const objectTypes = () => Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__')).map((t) => t.name);

  before(() => {
    schema = applyVisibility(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: buildResolvers() as never }));
  });

  it('classifies every object type exactly once: guarded by a rule, or open with a reason', () => {
    const unlisted = objectTypes().filter((n) => !(n in GUARDED_TYPES) && !(n in OPEN_TYPES));
    expect(unlisted, 'object types with no visibility decision in services/visibility.ts').to.deep.equal([]);
    const both = Object.keys(GUARDED_TYPES).filter((n) => n in OPEN_TYPES);
    expect(both).to.deep.equal([]);
    for (const [name, why] of Object.entries(OPEN_TYPES)) expect(why, name).to.have.length.greaterThan(10);
  });

  it('names no type or field that the schema does not have', () => {
    const names = new Set(objectTypes());
    expect([...Object.keys(GUARDED_TYPES), ...Object.keys(OPEN_TYPES)].filter((n) => !names.has(n))).to.deep.equal([]);
    for (const key of [...Object.keys(FIELD_RULES), ...NESTED_PATHS_TESTED]) {
      const [typeName, fieldName] = key.split('.');
      const type = schema.getType(typeName!);
      expect(isObjectType(type) && !!type.getFields()[fieldName!], key).to.equal(true);
    }
  });

  it('wraps every field (outside Mutation) that returns a guarded type or has a field rule', () => {
    const unwrapped: string[] = [];
    let wrapped = 0;
    for (const name of objectTypes()) {
      if (name === 'Mutation') continue;
      const type = schema.getType(name);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${name}.${field.name}`;
        if (!(getNamedType(field.type).name in GUARDED_TYPES) && !(key in FIELD_RULES)) continue;
        if (field.resolve && guardedResolvers.has(field.resolve)) wrapped++;
        else unwrapped.push(key);
      }
    }
    expect(unwrapped).to.deep.equal([]);
    expect(wrapped).to.be.greaterThan(25); // e.g. IpAsset.activePledge, PledgeRegistration.assets, Listing.asset ...
  });

  it('guards every field that returns a guarded type from an open type, e.g. the paths the API test walks', () => {
    for (const path of ['IpAsset.activePledge', 'PledgeRegistration.assets', 'IpAsset.licenses', 'License.deal', 'Listing.asset', 'PledgeApplication.insurancePolicy', 'AssetCheck.asset']) {
      const [t, f] = path.split('.');
      const field = (schema.getType(t!) as any).getFields()[f!];
      expect(guardedResolvers.has(field.resolve), path).to.equal(true);
    }
  });

  it('gives every person-identifying scalar a field rule', () => {
    const missing: string[] = [];
    for (const name of objectTypes()) {
      const type = schema.getType(name);
      if (!isObjectType(type) || name === 'Query' || name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        if (SENSITIVE_FIELD_NAMES.has(field.name) && !(`${name}.${field.name}` in FIELD_RULES)) missing.push(`${name}.${field.name}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });
});
