// Evaluates, in the application, the MongoDB conditions search.ts compiles (the same objects it
// sends to the database), so the in-memory search (searchSnapshot.ts) filters exactly as the
// database path does. Only the operators search.ts uses: $and, $or, equality, $in, $ne, $regex,
// $lt, $lte, $gt, $gte, with MongoDB's rules for arrays (a condition holds when it holds for the
// array or one of its elements), null (matches null and missing) and types (a range operator
// only compares values of the same type).
type Condition = Record<string, unknown>;

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    if (regexCache.size > 10_000) regexCache.clear();
    re = new RegExp(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

const isObjectIdLike = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId';

function scalarEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (isObjectIdLike(a) && isObjectIdLike(b)) return String(a) === String(b);
  return false;
}

function eqAny(value: unknown, x: unknown): boolean {
  if (x === null) return value === null || value === undefined || (Array.isArray(value) && value.includes(null));
  if (Array.isArray(value)) return value.some((e) => scalarEq(e, x));
  return scalarEq(value, x);
}

function anyElem(value: unknown, test: (v: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.some(test) : test(value);
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return null;
}

function matchOp(value: unknown, op: string, arg: unknown): boolean {
  switch (op) {
    case '$in':
      return (arg as unknown[]).some((x) => eqAny(value, x));
    case '$ne':
      return !eqAny(value, arg);
    case '$regex': {
      const re = regex(arg as string);
      return anyElem(value, (e) => typeof e === 'string' && re.test(e));
    }
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte':
      return anyElem(value, (e) => {
        const c = compare(e, arg);
        if (c === null) return false;
        return op === '$lt' ? c < 0 : op === '$lte' ? c <= 0 : op === '$gt' ? c > 0 : c >= 0;
      });
    default:
      throw new Error(`searchMatch: unsupported operator ${op}`);
  }
}

const isOperatorObject = (spec: unknown): spec is Record<string, unknown> =>
  typeof spec === 'object' && spec !== null && !Array.isArray(spec) && !(spec instanceof Date) && !isObjectIdLike(spec) && Object.keys(spec).every((k) => k.startsWith('$'));

/** True when `doc` satisfies the condition (a MongoDB filter document). */
export function matches(doc: Record<string, unknown>, cond: Condition): boolean {
  for (const [key, spec] of Object.entries(cond)) {
    if (key === '$and') {
      if (!(spec as Condition[]).every((c) => matches(doc, c))) return false;
    } else if (key === '$or') {
      if (!(spec as Condition[]).some((c) => matches(doc, c))) return false;
    } else if (key.startsWith('$')) {
      throw new Error(`searchMatch: unsupported operator ${key}`);
    } else {
      const value = doc[key];
      if (isOperatorObject(spec)) {
        for (const [op, arg] of Object.entries(spec)) if (!matchOp(value, op, arg)) return false;
      } else if (!eqAny(value, spec)) return false;
    }
  }
  return true;
}

export function matchesAll(doc: Record<string, unknown>, conditions: Condition[]): boolean {
  for (const c of conditions) if (!matches(doc, c)) return false;
  return true;
}
