// Pieces shared by the search pages (listings, technology needs): a facet's checkboxes with counts,
// and the bar above the results (the count, read out when it changes, and the sort).
import { Checkbox, Select, Space } from 'antd';
import type { FacetCount } from '../generated/schema';
import { options } from '../labels';

/** The options of a table with each value's count from a facet ("石墨（3）"), optionally only some values. */
export function withCounts<K extends string>(table: Record<K, string>, facet: readonly FacetCount[] | undefined, only?: readonly K[]) {
  const counts = new Map((facet ?? []).map((f) => [f.value, f.count]));
  return options(table)
    .filter((o) => !only || only.includes(o.value))
    .map((o) => ({ value: o.value, label: `${o.label}（${counts.get(o.value) ?? 0}）` }));
}

export function FacetGroup<K extends string>({ legend, value, options: opts, onChange }: { legend: string; value: K[]; options: { value: K; label: string }[]; onChange(v: K[]): void }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
      <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 4 }}>{legend}</legend>
      <Checkbox.Group value={value} options={opts} onChange={(v) => onChange(v as K[])} style={{ display: 'flex', flexDirection: 'column' }} />
    </fieldset>
  );
}

export function ResultBar<S extends string>({ countText, testId, sortId, sort, sorts, onSort }: {
  countText: string | null;
  testId: string;
  sortId: string;
  sort: S;
  sorts: Record<S, string>;
  onSort(sort: S): void;
}) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 12, flexWrap: 'wrap' }}>
      <span data-testid={testId} aria-live="polite">{countText ?? ' '}</span>
      <Space>
        <label htmlFor={sortId}>排序</label>
        <Select id={sortId} style={{ width: 160 }} value={sort} options={options(sorts)} onChange={onSort} />
      </Space>
    </div>
  );
}
