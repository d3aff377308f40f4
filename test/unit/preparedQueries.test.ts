// The prepared path's pure parts: which bodies it may answer, and how much it remembers.
import { expect } from 'chai';
import { buildSchema, parse } from 'graphql';
import { PreparedQueries, plainRequest } from '../../server/preparedQueries';

const schema = buildSchema('type Query { a: Int }');

/** What Apollo's didResolveOperation hands the listener, for one accepted text. */
async function accept(prepared: PreparedQueries, source: string): Promise<void> {
  const listener = prepared.listener();
  await listener.didResolveOperation!({ source, document: parse(source), schema } as never);
}

describe('prepared queries: request shape and bounds', () => {
  it('takes only a query string with optional object variables and string operation name', () => {
    expect(plainRequest({ query: '{ a }' })).to.deep.equal({ query: '{ a }', variables: undefined, operationName: undefined });
    expect(plainRequest({ query: '{ a }', variables: null, operationName: null })).to.deep.equal({ query: '{ a }', variables: undefined, operationName: undefined });
    expect(plainRequest({ query: '{ a }', variables: { x: 1 }, operationName: 'Q' })).to.deep.equal({ query: '{ a }', variables: { x: 1 }, operationName: 'Q' });
    for (const body of [
      null,
      [],
      [{ query: '{ a }' }], // a batch
      { query: 1 },
      {},
      { query: '{ a }', variables: '{"x":1}' }, // variables as a JSON string: Apollo's 400
      { query: '{ a }', variables: [1] },
      { query: '{ a }', operationName: 1 },
      { query: '{ a }', extensions: {} }, // extensions are Apollo's (persisted queries)
      { query: '{ a }', other: true },
      { query: `{ a }${' '.repeat(20 * 1024)}` }, // longer than any text remembered
    ]) {
      expect(plainRequest(body), JSON.stringify(body)?.slice(0, 60)).to.equal(null);
    }
  });

  it('remembers at most 1000 texts, the oldest dropped first', async () => {
    const prepared = new PreparedQueries({ maxCost: 20000, maxMutations: 5 });
    for (let i = 0; i < 1005; i++) await accept(prepared, `{ a } # ${i}`);
    expect(prepared.size).to.equal(1000);
  });

  it('remembers at most 16 MiB of parsed documents, measured as Apollo measures them (not by their text)', async () => {
    const prepared = new PreparedQueries({ maxCost: 20000, maxMutations: 5 });
    // Short texts that parse into big documents: about 5,000 tokens each.
    const wide = (i: number) => `{ ${'a '.repeat(4990)}} # ${i}`;
    const one = JSON.stringify(parse(wide(0))).length;
    expect(one).to.be.greaterThan(40 * wide(0).length);
    for (let i = 0; i < 300; i++) await accept(prepared, wide(i));
    expect(prepared.bytes).to.be.at.most(16 * 1024 * 1024);
    expect(prepared.size).to.be.within(Math.floor((16 * 1024 * 1024) / one) - 5, Math.floor((16 * 1024 * 1024) / one));
  });

  it('a text whose answer had an error is Apollo\'s for a minute: not answered, and not remembered again', async () => {
    const schemaWithError = buildSchema('type Query { a: Int b: Int }');
    const prepared = new PreparedQueries({ maxCost: 20000, maxMutations: 5 });
    const listener = prepared.listener();
    const remember = (source: string) => listener.didResolveOperation!({ source, document: parse(source), schema: schemaWithError } as never);
    await remember('{ a b }');
    const failing = async () => ({ now: undefined }) as never;
    // (b has no resolver: null, no error; a variable of the wrong type is an error)
    await remember('query($n: Int) { a }');
    expect(await prepared.answer({ query: 'query($n: Int) { a }', variables: { n: 'x' } }, undefined, failing)).to.equal(null);
    expect(prepared.size).to.equal(1);
    await remember('query($n: Int) { a }');
    expect(prepared.size, 'not remembered again').to.equal(1);
    expect(await prepared.answer({ query: 'query($n: Int) { a }', variables: { n: 1 } }, undefined, failing)).to.equal(null);
    expect(await prepared.answer({ query: '{ a b }' }, undefined, failing)).to.deep.equal({ contentType: 'application/json; charset=utf-8', body: '{"data":{"a":null,"b":null}}\n' });
  });

  it('answers nothing before Apollo accepted a text, or for a text it did not accept', async () => {
    const prepared = new PreparedQueries({ maxCost: 20000, maxMutations: 5 });
    const context = async () => ({}) as never;
    expect(await prepared.answer({ query: '{ a }' }, undefined, context)).to.equal(null);
    await accept(prepared, '{ a }');
    expect(await prepared.answer({ query: '{ a } ' }, undefined, context)).to.equal(null); // another text
    expect(await prepared.answer({ query: '{ a }' }, undefined, context)).to.deep.equal({ contentType: 'application/json; charset=utf-8', body: '{"data":{"a":null}}\n' });
  });
});
