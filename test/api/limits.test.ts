// Query depth, alias and token limits at their defaults (GRAPHQL_MAX_DEPTH 10, GRAPHQL_MAX_ALIASES 20,
// 5000 tokens): refused with Apollo's codes before anything runs.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client } from '../helpers/client';

/** `{ me { organization { f3 { f4 ... } } } }` nested `depth` fields deep (fields past 2 do not exist). */
function nested(depth: number): string {
  const names = ['me', 'organization', ...Array.from({ length: depth - 2 }, (_, i) => `f${i + 3}`)];
  return `{ ${names.join(' { ')}${' }'.repeat(names.length - 1)} }`;
}

describe('GraphQL limits (defaults)', () => {
  let anon: Client;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
  });

  it('a query 11 deep is refused for its depth; 10 deep is not (only its unknown fields are)', async () => {
    const deep = await anon.raw(nested(11));
    expect(deep.status).to.equal(400);
    expect(deep.errors![0]).to.deep.include({ message: 'Syntax Error: Query depth limit of 10 exceeded, found 11.' });
    expect(deep.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');

    const ok = await anon.raw(nested(10));
    expect(ok.errors!.map((e) => e.message).join('\n')).not.to.match(/depth/);
    expect(ok.errors![0]!.message).to.match(/Cannot query field "f3"/);
  });

  it('21 aliases are refused; 20 run', async () => {
    // (aliases of __typename are not counted: GraphQL Armor allows them)
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const many = await anon.raw(aliases(21));
    expect(many.status).to.equal(400);
    expect(many.data ?? null).to.equal(null);
    expect(many.errors![0]!.message).to.equal('Syntax Error: Aliases limit of 20 exceeded, found 21.');
    expect(many.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    const data = await anon.ok(aliases(20));
    expect(Object.keys(data)).to.have.length(20);
    expect(data.a19).to.equal(null); // anonymous: me is null
  });

  it('a document over 5000 tokens is refused by the parser (400 GRAPHQL_PARSE_FAILED); a long one under it runs', async () => {
    const long = await anon.raw(`{ ${'__typename '.repeat(5001)}}`);
    expect(long.status).to.equal(400);
    expect(long.errors![0]!.extensions?.code).to.equal('GRAPHQL_PARSE_FAILED');
    expect(long.errors![0]!.message).to.match(/more tha[nt] 5000 tokens/ /* graphql-js writes "more that" */);
    expect(await anon.ok(`{ ${'__typename '.repeat(600)}}`)).to.deep.equal({ __typename: 'Query' });
  });
});
