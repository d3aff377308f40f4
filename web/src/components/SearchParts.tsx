// Pieces shared by the search pages (listings, technology needs): a facet's checkboxes with counts,
// the bar above the results (the count, read out when it changes, and the sort), and the page's
// layout (the keyword box, the filter card with its reset, the results with their states and pager).
import type { ReactNode } from 'react';
import { Button, Card, Checkbox, Col, Form, Input, List, Row, Select, Space } from 'antd';
import { useNavigate } from 'react-router';
import type { CombinedError } from 'urql';
import type { FacetCount } from '../generated/schema';
import { options } from '../labels';
import { QueryStates } from './States';
import { Pager } from './Pager';

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

/** The sort a keyword search runs with: relevance for a keyword; without one, the chosen sort (newest in place of relevance). */
export function sortForKeyword<S extends string>(q: string, current: S): S {
  return (q ? 'RELEVANCE' : current === 'RELEVANCE' ? 'NEWEST' : current) as S;
}

export interface SearchLayoutProps<S extends string, N extends { id: string }> {
  keyword: { label: string; placeholder: string; value: string; onSearch(q: string): void };
  filters: ReactNode;
  /** Where 清除全部条件 leads (the page without any condition). */
  clearTo: string;
  bar: { countText: string | null; testId: string; sortId: string; sort: S; sorts: Record<S, string>; onSort(sort: S): void };
  result: { fetching: boolean; error: CombinedError | undefined; onRetry(): void };
  page: { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } | undefined;
  emptyText: string;
  listLabel: string;
  renderItem(node: N): ReactNode;
}

export function SearchLayout<S extends string, N extends { id: string }>({ keyword, filters, clearTo, bar, result, page, emptyText, listLabel, renderItem }: SearchLayoutProps<S, N>) {
  const navigate = useNavigate();
  return (
    <>
      <Input.Search
        aria-label={keyword.label}
        placeholder={keyword.placeholder}
        enterButton="检索"
        size="large"
        defaultValue={keyword.value}
        key={keyword.value}
        onSearch={keyword.onSearch}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={24}>
        <Col xs={24} md={7}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>筛选</h2>} size="small">
            <Form layout="vertical" size="small">
              {filters}
              <Button onClick={() => navigate(clearTo)}>清除全部条件</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} md={17}>
          <ResultBar {...bar} />
          <QueryStates fetching={result.fetching} error={result.error} hasData={!!page} empty={!!page && page.edges.length === 0} emptyText={emptyText} onRetry={result.onRetry}>
            <List aria-label={listLabel} itemLayout="vertical" dataSource={page?.edges ?? []} renderItem={({ node }) => renderItem(node)} />
            <Pager hasNext={!!page?.pageInfo.hasNextPage} nextCursor={page?.pageInfo.endCursor} />
          </QueryStates>
        </Col>
      </Row>
    </>
  );
}
