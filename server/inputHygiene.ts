// Every string variable of every request, before anything runs: a lone UTF-16 surrogate or a NUL
// is refused with BAD_USER_INPUT naming the input path (e.g. "input.organization.name"). MongoDB
// would store U+FFFD for the surrogate while the answer echoed the original, and NUL is never text.
// Names, titles and messages are also checked for control and bidi-override characters by
// services/validate.ts (textProblem), the one rule for free text. Literals in the document are
// checked by graphql-js's own lexer (it refuses lone surrogates and NUL in string literals).
import type { GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LONE_SURROGATE } from '../services/validate';

/** The path of the first bad string in `value`, and why; null when every string is clean. */
export function firstBadString(value: unknown, path: string): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) return { field: path, problem: 'contains an unpaired UTF-16 surrogate (not valid Unicode text)' };
    if (value.includes('\u0000')) return { field: path, problem: 'must not contain NUL characters' };
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = firstBadString(v, `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyBad = firstBadString(k, path ? `${path}.?` : '?');
      if (keyBad) return keyBad;
      const bad = firstBadString(v, path ? `${path}.${k}` : k);
      if (bad) return bad;
    }
  }
  return null;
}

export function inputHygieneListener<C extends object>(): GraphQLRequestListener<C> {
  return {
    async didResolveOperation({ request }) {
      const bad = firstBadString(request.variables ?? {}, '');
      if (bad) {
        throw new GraphQLError(`${bad.field}: ${bad.problem}`, { extensions: { code: 'BAD_USER_INPUT', field: bad.field, http: { status: 400 } } });
      }
    },
  };
}

