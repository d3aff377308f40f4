// Bilingual search: the industry glossary (resources/glossary/industry-terms.tsv, compiled by hand)
// applied at query time. A parsed query's terms (searchText.ts parseQuery) become groups; a group
// matches when one of its alternatives matches, an alternative when all its patterns do:
//
// - an English word run that is a glossary phrase ("graphite", "spherical graphite", "green food"):
//   the words as typed (each a whole word, ANDed: what the search did before) OR each Chinese
//   term of the concept (as written) OR its other English renderings (as a phrase);
// - a Chinese run that is a glossary term (石墨烯): the run as written OR its English renderings;
//   a run made entirely of glossary terms (石墨负极材料 = 石墨 + 负极材料): the run as written OR
//   the English of every part (graphite AND "anode material");
// - anything else (numbers, classes, unknown words): the term alone, as before.
//
// No listing is read differently: the stored search text stays as it is, and every group is one
// condition on it (one regex when its alternatives are single patterns), so a query makes as many
// passes over the candidate set as before, with longer regexes (bench/search.ts measures it).
//
// A Chinese term put in by the glossary must not find a longer word of another meaning: "graphite"
// looks for 石墨 not followed by 烯 (石墨烯 is graphene). The excluded next characters are derived
// from the glossary itself (a longer term containing the term whose English shares no word stem).
// What the user types in Chinese keeps its substring meaning (石墨 still finds 石墨烯).
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/paths';
import { analyzeText, FIELD_WEIGHTS, PHRASE_BONUS, SEARCH_FIELDS, FIELD_SEP, parseQuery, termPattern, type ParsedQuery, type QueryTerm } from './searchText';
import { badInput } from '../errors';

export const GLOSSARY_FILE = path.join(projectRoot, 'resources', 'glossary', 'industry-terms.tsv');

export interface Concept {
  zh: string[];
  en: string[]; // analyzed (lower case, stemmed, stop words dropped), words joined by one space
  industry: string;
}

export interface Glossary {
  concepts: Concept[];
  /** English phrase -> Chinese terms and English renderings of every concept it names. */
  byEnglish: Map<string, { zh: Set<string>; en: Set<string> }>;
  /** Chinese term -> English renderings and Chinese synonyms. */
  byChinese: Map<string, { zh: Set<string>; en: Set<string> }>;
  /** Chinese term -> characters that must not follow it when the glossary puts it in a query. */
  notFollowedBy: Map<string, Set<string>>;
  maxEnglishWords: number;
  maxChineseChars: number;
}

/** Parses the TSV (comments '#', a header, then zh<TAB>en<TAB>industry; ' ; ' separates synonyms). */
export function parseGlossary(text: string): Concept[] {
  const concepts: Concept[] = [];
  let header = false;
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (!header) {
      header = true;
      if (cols[0] === 'zh') continue;
    }
    if (cols.length !== 3) throw new Error(`glossary line ${i + 1}: expected 3 tab-separated columns`);
    const split = (s: string) => s.split(' ; ').map((x) => x.trim()).filter(Boolean);
    const zh = split(cols[0]!);
    const en = [...new Set(split(cols[1]!).map((e) => analyzeText(e).join(' ')).filter(Boolean))];
    if (zh.length === 0 || en.length === 0) throw new Error(`glossary line ${i + 1}: a Chinese and an English term are needed`);
    concepts.push({ zh, en, industry: cols[2]!.trim() });
  }
  return concepts;
}

/** Two English renderings name related things when one of their words shares a stem (6 letters, or a whole short word). */
function related(a: Iterable<string>, b: Iterable<string>): boolean {
  const words = (xs: Iterable<string>) => [...xs].flatMap((x) => x.split(' '));
  const wb = words(b);
  return words(a).some((x) => wb.some((y) => {
    const n = Math.min(6, x.length, y.length);
    return x.slice(0, n) === y.slice(0, n);
  }));
}

export function buildGlossary(concepts: Concept[]): Glossary {
  const byEnglish = new Map<string, { zh: Set<string>; en: Set<string> }>();
  const byChinese = new Map<string, { zh: Set<string>; en: Set<string> }>();
  const entry = (m: Map<string, { zh: Set<string>; en: Set<string> }>, k: string) => {
    let e = m.get(k);
    if (!e) m.set(k, (e = { zh: new Set(), en: new Set() }));
    return e;
  };
  for (const c of concepts) {
    for (const en of c.en) {
      const e = entry(byEnglish, en);
      c.zh.forEach((z) => e.zh.add(z));
      c.en.forEach((x) => x !== en && e.en.add(x));
    }
    for (const zh of c.zh) {
      const e = entry(byChinese, zh);
      c.en.forEach((x) => e.en.add(x));
      c.zh.forEach((z) => z !== zh && e.zh.add(z));
    }
  }
  const notFollowedBy = new Map<string, Set<string>>();
  const keep = new Map<string, Set<string>>(); // next characters of related longer terms: never excluded
  for (const [x, xe] of byChinese) {
    for (const [y, ye] of byChinese) {
      if (y === x) continue;
      for (let p = y.indexOf(x); p >= 0; p = y.indexOf(x, p + 1)) {
        const next = y[p + x.length];
        if (!next) continue;
        const target = related(xe.en, ye.en) ? keep : notFollowedBy;
        if (!target.has(x)) target.set(x, new Set());
        target.get(x)!.add(next);
      }
    }
  }
  for (const [x, chars] of notFollowedBy) {
    for (const c of keep.get(x) ?? []) chars.delete(c);
    if (chars.size === 0) notFollowedBy.delete(x);
  }
  return {
    concepts,
    byEnglish,
    byChinese,
    notFollowedBy,
    maxEnglishWords: Math.max(...[...byEnglish.keys()].map((k) => k.split(' ').length)),
    maxChineseChars: Math.max(...[...byChinese.keys()].map((k) => k.length)),
  };
}

let loaded: Glossary | null = null;
/** The shipped glossary, read once per process. */
export function glossary(): Glossary {
  loaded ??= buildGlossary(parseGlossary(fs.readFileSync(GLOSSARY_FILE, 'utf8')));
  return loaded;
}

// ---------- query expansion ----------

/** A query group: matches when one alternative matches; an alternative when all its patterns match. */
export interface TermGroup {
  alternatives: string[][];
  /** How many typed terms the group stands for (its score counts as that many terms). */
  weight: number;
}
export interface ExpandedQuery {
  groups: TermGroup[];
  phrase: string;
  /** True when the glossary added anything (for docs and tests). */
  expanded: boolean;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const phrasePattern = (en: string) => `(?:^| )${escapeRegex(en)}(?: |$)`;
function chinesePattern(g: Glossary, zh: string): string {
  const excluded = g.notFollowedBy.get(zh);
  return excluded ? `${escapeRegex(zh)}(?:[^${[...excluded].map(escapeRegex).join('')}]|$)` : escapeRegex(zh);
}
const anyOf = (patterns: Iterable<string>) => [...new Set(patterns)].join('|');

/** Splits a Chinese run into glossary terms, longest first from the left; null unless it is covered entirely. */
function segment(g: Glossary, run: string): string[] | null {
  const parts: string[] = [];
  for (let i = 0; i < run.length; ) {
    let len = Math.min(g.maxChineseChars, run.length - i);
    while (len > 0 && !g.byChinese.has(run.slice(i, i + len))) len--;
    if (len === 0) return null;
    parts.push(run.slice(i, i + len));
    i += len;
  }
  return parts;
}

/** The query's terms as groups, with the glossary's other-language alternatives. */
export function expandQuery(q: ParsedQuery, g: Glossary | null = glossary()): ExpandedQuery {
  const groups: TermGroup[] = [];
  let expanded = false;
  const terms = q.terms;
  for (let i = 0; i < terms.length; ) {
    const t = terms[i]!;
    if (g && t.kind === 'word') {
      // the longest glossary phrase made of the typed words from here
      let found: { n: number; zh: Set<string>; en: Set<string> } | null = null;
      for (let n = Math.min(g.maxEnglishWords, terms.length - i); n >= 1 && !found; n--) {
        const words = terms.slice(i, i + n);
        if (!words.every((w) => w.kind === 'word')) continue;
        const e = g.byEnglish.get(words.map((w) => w.text).join(' '));
        if (e) found = { n, ...e };
      }
      if (found) {
        const typed = terms.slice(i, i + found.n).map(termPattern);
        const other = anyOf([...[...found.zh].map((z) => chinesePattern(g, z)), ...[...found.en].map(phrasePattern)]);
        groups.push({ alternatives: other ? [typed, [other]] : [typed], weight: found.n });
        expanded ||= !!other;
        i += found.n;
        continue;
      }
    }
    if (g && t.kind === 'cjk') {
      const e = g.byChinese.get(t.text);
      if (e) {
        groups.push({ alternatives: [[anyOf([termPattern(t), ...[...e.zh].map((z) => chinesePattern(g, z)), ...[...e.en].map(phrasePattern)])]], weight: 1 });
        expanded = true;
        i++;
        continue;
      }
      const parts = segment(g, t.text);
      if (parts && parts.length > 1) {
        const english = parts.map((p) => anyOf([...g.byChinese.get(p)!.en].map(phrasePattern)));
        groups.push({ alternatives: [[termPattern(t)], english], weight: 1 });
        expanded = true;
        i++;
        continue;
      }
    }
    groups.push({ alternatives: [[termPattern(t)]], weight: 1 });
    i++;
  }
  return { groups, phrase: q.phrase, expanded };
}

/**
 * A search's `text` filter: the expanded query and its conditions on the stored search text (one
 * per typed term or glossary phrase), or none when nothing is searchable (empty, punctuation, stop
 * words). Too long: BAD_USER_INPUT naming `field`. Used by the listing and the need searches.
 */
export function textFilter(field: string, raw: string | null | undefined): { query: ExpandedQuery | null; conditions: Record<string, unknown>[] } {
  if (raw == null) return { query: null, conditions: [] };
  let parsed: ParsedQuery;
  try {
    parsed = parseQuery(raw);
  } catch (err) {
    if (err instanceof RangeError) throw badInput(field, err.message);
    throw err;
  }
  if (parsed.terms.length === 0) return { query: null, conditions: [] };
  const query = expandQuery(parsed);
  return { query, conditions: query.groups.map(groupCondition) };
}

/** The MongoDB condition of a group on the stored search text (search.ts; searchMatch.ts evaluates it too). */
export function groupCondition(group: TermGroup): Record<string, unknown> {
  const single = group.alternatives.filter((a) => a.length === 1).map((a) => a[0]!);
  const multi = group.alternatives.filter((a) => a.length > 1);
  const branches: Record<string, unknown>[] = [];
  if (single.length > 0) branches.push({ searchText: { $regex: single.join('|') } });
  for (const a of multi) branches.push({ $and: a.map((p) => ({ searchText: { $regex: p } })) });
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

const compiled = new Map<string, RegExp>();
function re(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) {
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, (r = new RegExp(pattern)));
  }
  return r;
}

/**
 * Relevance, as searchText.ts scoreText for the typed terms: each group scores the weight of the
 * best field its best alternative occurs in (an alternative of several patterns: their mean),
 * times the number of typed terms it stands for; plus PHRASE_BONUS for the typed phrase in the title.
 */
export function scoreExpanded(stored: string, q: ExpandedQuery): number {
  const parts = stored.split(FIELD_SEP);
  const best = (pattern: string) => {
    const r = re(pattern);
    let w = 0;
    SEARCH_FIELDS.forEach((f, i) => {
      if (FIELD_WEIGHTS[f] > w && r.test(parts[i] ?? '')) w = FIELD_WEIGHTS[f];
    });
    return w;
  };
  let score = 0;
  for (const g of q.groups) {
    let top = 0;
    for (const alt of g.alternatives) {
      let sum = 0;
      for (const p of alt) {
        const w = best(p);
        if (w === 0) {
          sum = 0;
          break;
        }
        sum += w;
      }
      top = Math.max(top, (sum / alt.length) * g.weight);
    }
    if (top === 0) return 0;
    score += top;
  }
  if (q.phrase.includes(' ') && (parts[0] ?? '').includes(q.phrase)) score += PHRASE_BONUS;
  return score;
}

export type { QueryTerm };
