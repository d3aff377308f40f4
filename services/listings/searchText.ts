// The search analyzer: how a listing's text is stored for matching, how a query is split into
// terms, how a term is matched and how a match is scored. Pure functions (unit-tested).
//
// Chinese: no word segmentation. A run of CJK characters in a query must occur as written (n-gram
// semantics: every overlapping bigram of the run, in sequence), so 石墨 finds 高纯石墨 and 石墨烯,
// and 负极材料 finds 锂离子电池负极材料, whatever words a dictionary would cut them into.
// English: lower-cased words, stop words dropped, plurals folded (anodes -> anode, batteries ->
// battery); a word matches a whole stored word. Digits-only words match as prefixes (numbers).
// All terms of a query must match (AND). See docs/listings.md for why and for the limits.
import { parsePatentNumber } from '../rules/patentNumber';
import { normalizeIpc } from '../rules/classification';

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** A CJK run, or a latin/digit word that may hold inner dots and slashes (99.95, c01b32/20). */
const TOKEN_RE = new RegExp(`[${CJK}]+|[a-z0-9]+(?:[./][a-z0-9]+)*`, 'g');
const CJK_RE = new RegExp(`^[${CJK}]+$`);

/** Stored fields, in this order, separated by FIELD_SEP; a field's weight is what a term found there scores. */
export const SEARCH_FIELDS = ['title', 'abstract', 'description', 'number', 'classes'] as const;
export const FIELD_WEIGHTS: Record<(typeof SEARCH_FIELDS)[number], number> = {
  title: 3,
  abstract: 1,
  description: 1,
  number: 2,
  classes: 2,
};
export const FIELD_SEP = ' | '; // never produced by normalization: '|' is not a token character
/** Extra score when a multi-term query occurs as a phrase in the title. */
export const PHRASE_BONUS = 2;

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 12;

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'its',
  'of', 'on', 'or', 'the', 'to', 'with', 'which', 'that', 'this', 'using', 'via',
]);
/** Chinese function characters that separate the keywords of a query (石墨和石墨烯 -> 石墨, 石墨烯). */
const CJK_QUERY_SPLIT = /[的与及和或]/;

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Folds English plurals: batteries -> battery, boxes -> box, anodes -> anode, films -> film. */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && !/[ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Normalized tokens of a text in order: CJK runs as they are, words stemmed, stop words dropped. */
export function analyzeText(text: string): string[] {
  const out: string[] = [];
  for (const tok of normalize(text).match(TOKEN_RE) ?? []) {
    if (CJK_RE.test(tok)) out.push(tok);
    else if (!STOP_WORDS.has(tok)) out.push(stem(tok));
  }
  return out;
}

/** The number as stored (with and without its check digit, so either form finds it). */
function numberTokens(number: string): string[] {
  const n = normalize(number);
  const m = /^(\d{8}|\d{12})\.([\dx])$/.exec(n);
  return m ? [n, m[1]!] : [n];
}

/** IPC "C01B 32/20" -> c01b c01b32 c01b32/20 (subclass, main group, full); others as written. */
function classTokens(cls: string): string[] {
  const ipc = normalizeIpc(cls);
  if (!ipc) return [normalize(cls).replace(/\s+/g, '')];
  const m = /^([a-h]\d{2}[a-z])(?: (\d+)\/(\d+))?$/.exec(ipc.toLowerCase())!;
  return m[2] ? [m[1]!, `${m[1]}${m[2]}`, `${m[1]}${m[2]}/${m[3]}`] : [m[1]!];
}

export interface SearchableListing {
  title: string;
  abstract?: string | null;
  description?: string | null;
  number: string;
  classes: string[];
}

/** The listing's stored search text: one normalized part per SEARCH_FIELDS entry. */
export function searchTextFor(l: SearchableListing): string {
  return [
    analyzeText(l.title).join(' '),
    analyzeText(l.abstract ?? '').join(' '),
    analyzeText(l.description ?? '').join(' '),
    numberTokens(l.number).join(' '),
    [...new Set(l.classes.flatMap(classTokens))].join(' '),
  ].join(FIELD_SEP);
}

export type TermKind = 'cjk' | 'word' | 'prefix';
export interface QueryTerm {
  kind: TermKind;
  text: string;
}
export interface ParsedQuery {
  terms: QueryTerm[];
  /** The query's tokens joined as they would be stored: a title containing it gets PHRASE_BONUS. */
  phrase: string;
}

/** Splits a query into terms. Throws a RangeError (turned into BAD_USER_INPUT) when too long. */
export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_CHARS) throw new RangeError(`must be at most ${MAX_QUERY_CHARS} characters`);
  let text = normalize(raw);
  const terms: QueryTerm[] = [];
  const add = (t: QueryTerm) => {
    if (!terms.some((x) => x.kind === t.kind && x.text === t.text)) terms.push(t);
  };
  // Patent numbers in any common form: CN201710601862.3, ZL 2017106018623, 201710601862.
  text = text.replace(/(?:cn|zl)?\s*(\d{12}|\d{8})(?:\.?([\dx]))?(?![\d.])/g, (whole, digits: string, check?: string) => {
    const parsed = check ? parsePatentNumber(`${digits}.${check}`) : null;
    add(parsed?.ok ? { kind: 'word', text: parsed.value.normalized.toLowerCase() } : { kind: 'prefix', text: digits });
    return ' ';
  });
  // IPC symbols written with a space (C01B 32/20) become the stored compact token.
  text = text.replace(/\b([a-h]\d{2}[a-z])\s+(\d{1,4})\/(\d{2,6})\b/g, (_w, sub: string, main: string, group: string) => {
    add({ kind: 'word', text: `${sub}${Number(main)}/${group}` });
    return ' ';
  });
  const phraseTokens: string[] = [];
  for (const tok of text.match(TOKEN_RE) ?? []) {
    if (CJK_RE.test(tok)) {
      phraseTokens.push(tok);
      for (const part of tok.split(CJK_QUERY_SPLIT)) if (part) add({ kind: 'cjk', text: part });
    } else if (!STOP_WORDS.has(tok)) {
      const s = stem(tok);
      phraseTokens.push(s);
      add({ kind: /^\d+$/.test(s) ? 'prefix' : 'word', text: s });
    }
  }
  if (terms.length > MAX_QUERY_TERMS) throw new RangeError(`use at most ${MAX_QUERY_TERMS} search terms`);
  return { terms, phrase: phraseTokens.join(' ') };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The regular expression (source) matching a term in the stored text. It is written in the
 * subset shared by JavaScript and RE2 (FerretDB evaluates $regex with Go's RE2: no lookarounds).
 */
export function termPattern(t: QueryTerm): string {
  const e = escapeRegex(t.text);
  switch (t.kind) {
    case 'cjk':
      return e;
    case 'word':
      return `(?:^| )${e}(?: |$)`;
    case 'prefix':
      return `(?:^| )${e}`;
  }
}

/**
 * Relevance of a stored text for a query: each term scores the weight of the best field it occurs
 * in (title 3, number and classes 2, abstract and description 1), plus PHRASE_BONUS when a query
 * of several tokens occurs as a phrase in the title. 0 when a term does not match at all.
 */
export function scoreText(stored: string, q: ParsedQuery): number {
  const parts = stored.split(FIELD_SEP);
  let score = 0;
  for (const t of q.terms) {
    const re = new RegExp(termPattern(t));
    let best = 0;
    SEARCH_FIELDS.forEach((f, i) => {
      if (FIELD_WEIGHTS[f] > best && re.test(parts[i] ?? '')) best = FIELD_WEIGHTS[f];
    });
    if (best === 0) return 0;
    score += best;
  }
  if (q.phrase.includes(' ') && (parts[0] ?? '').includes(q.phrase)) score += PHRASE_BONUS;
  return score;
}
