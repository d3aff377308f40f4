// Search terms for a listing. Placeholder until the search issue's tokenizer lands: lower-cased
// words plus every CJK character bigram, so "石墨" finds "高纯石墨".
export function searchTermsFor(texts: string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (const w of lower.match(/[a-z0-9][a-z0-9.\-/]*/g) ?? []) terms.add(w);
    for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
      if (run.length === 1) terms.add(run);
      for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
    }
  }
  return [...terms];
}
