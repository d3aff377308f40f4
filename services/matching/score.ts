// Matching a need with listings (and a listing with needs), with the reasons: pure functions.
//
// Text: the glossary's concepts (resources/glossary) present in the asking side's stored search
// text (a concept is present when its Chinese terms or English renderings occur, the same patterns
// the search uses), each weighted by its rarity among the candidates (idf = ln(1 + N / df)); a
// candidate's text score is the weighted share of those concepts it also contains (0..1), so a
// Chinese need matches an English listing. Then the structured fields: an IPC prefix of the need
// meeting a class of the listing (group level 3, subclass level 2), a shared industry (1), a
// wanted deal type offered (1; none offered halves the score), the asking price within the budget
// ceiling (1) or above it (-1). A candidate needs some text in common or an IPC match.
import { glossary, type Glossary } from '../listings/glossary';
import { ipcPrefixesMeet } from '../needs/search';
import { formatFen } from '../rules/money';

export const TEXT_WEIGHT = 6;

export interface MatchNeed {
  searchText: string;
  industries: readonly string[];
  ipcPrefixes: readonly string[];
  dealTypes: readonly string[];
  budgetMax?: number | null;
}
export interface MatchListing {
  searchText: string;
  industries: readonly string[];
  classes: readonly string[];
  modes: readonly string[];
  askingPrice?: number | null;
}

interface Concept {
  label: string; // 石墨/graphite
  re: RegExp;
}

let concepts: Concept[] | null = null;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/** One pattern per glossary concept: any of its Chinese terms (with the glossary's exclusions) or English phrases. */
function allConcepts(g: Glossary = glossary()): Concept[] {
  if (concepts) return concepts;
  concepts = g.concepts.map((c) => {
    const zh = c.zh.map((z) => {
      const ex = g.notFollowedBy.get(z);
      return ex ? `${escapeRegex(z)}(?:[^${[...ex].map(escapeRegex).join('')}]|$)` : escapeRegex(z);
    });
    const en = c.en.map((e) => `(?:^| )${escapeRegex(e)}(?: |$)`);
    return { label: `${c.zh[0]}/${c.en[0]}`, re: new RegExp([...zh, ...en].join('|')) };
  });
  return concepts;
}

/** The concepts present in a stored search text (numbers and classes parts left out). */
export function conceptsOf(searchText: string): Concept[] {
  const text = searchText.split(' | ').slice(0, 3).join(' | ');
  return allConcepts().filter((c) => c.re.test(text));
}

export interface TextModel {
  concepts: { c: Concept; idf: number }[];
  total: number;
}

/** The asking side's concepts, weighted by how rare each is among the candidates' texts. */
export function textModel(askingText: string, candidateTexts: readonly string[]): TextModel {
  const texts = candidateTexts.map((t) => t.split(' | ').slice(0, 3).join(' | '));
  const n = Math.max(1, texts.length);
  const found = conceptsOf(askingText).map((c) => {
    let df = 0;
    for (const t of texts) if (c.re.test(t)) df++;
    return { c, idf: Math.log(1 + n / Math.max(1, df)) };
  });
  return { concepts: found, total: found.reduce((s, x) => s + x.idf, 0) };
}

export interface Scored {
  score: number;
  reasons: string[];
}

/** Score of a (need, listing) pair given the text model of the asking side; null when nothing relates them. */
export function scorePair(model: TextModel, candidateText: string, need: MatchNeed, listing: MatchListing): Scored | null {
  const text = candidateText.split(' | ').slice(0, 3).join(' | ');
  const hits = model.concepts.filter((x) => x.c.re.test(text)).sort((a, b) => b.idf - a.idf);
  const textScore = model.total > 0 ? hits.reduce((s, x) => s + x.idf, 0) / model.total : 0;
  const reasons: string[] = [];
  if (hits.length > 0) reasons.push(`text: ${hits.slice(0, 4).map((x) => x.c.label).join(', ')}`);
  let score = textScore * TEXT_WEIGHT;
  let ipc = 0;
  let ipcReason = '';
  for (const p of need.ipcPrefixes) {
    const cls = listing.classes.find((c) => /^[A-H]\d{2}[A-Z]/.test(c) && ipcPrefixesMeet(p, c));
    const level = p.replace(/\s+/g, '').length > 4 ? 3 : 2;
    if (cls && level > ipc) {
      ipc = level;
      ipcReason = `IPC ${p} matches (${cls})`;
    }
  }
  if (hits.length === 0 && ipc === 0) return null;
  if (ipc > 0) reasons.push(ipcReason);
  score += ipc;
  const industries = listing.industries.filter((i) => need.industries.includes(i));
  if (industries.length > 0) {
    score += 1;
    reasons.push(`industry ${industries.join(', ')}`);
  }
  const offered = listing.modes.filter((m) => need.dealTypes.includes(m));
  if (offered.length > 0) {
    score += 1;
    reasons.push(`offers ${offered.join(', ')}`);
  } else {
    score *= 0.5;
  }
  if (need.budgetMax != null && listing.askingPrice != null) {
    if (listing.askingPrice <= need.budgetMax) {
      score += 1;
      reasons.push(`within budget (${formatFen(listing.askingPrice)} ≤ ${formatFen(need.budgetMax)} yuan)`);
    } else {
      score -= 1;
      reasons.push(`above budget (${formatFen(listing.askingPrice)} > ${formatFen(need.budgetMax)} yuan)`);
    }
  }
  return { score: Math.round(score * 1000) / 1000, reasons };
}
