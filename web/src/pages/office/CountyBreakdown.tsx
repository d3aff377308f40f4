// 区县分解: each plan indicator for every county in one request (aliases), with each figure's source.
import { Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { County } from '../../gql/graphql';
import { counties, label } from '../../labels';
import { QueryStates } from '../../components/States';
import { SectionCard } from '../../components/SectionCard';
import { formatFigure, indicatorSources } from './indicatorText';

export const CountyBreakdownDocument = graphql(`
  query CountyBreakdown($year: Int!) {
    XIANGYANG: planIndicators(year: $year, county: XIANGYANG) { code name unit value source }
    GONGNONG: planIndicators(year: $year, county: GONGNONG) { code name unit value source }
    NANSHAN: planIndicators(year: $year, county: NANSHAN) { code name unit value source }
    XINGAN: planIndicators(year: $year, county: XINGAN) { code name unit value source }
    DONGSHAN: planIndicators(year: $year, county: DONGSHAN) { code name unit value source }
    XINGSHAN: planIndicators(year: $year, county: XINGSHAN) { code name unit value source }
    LUOBEI: planIndicators(year: $year, county: LUOBEI) { code name unit value source }
    SUIBIN: planIndicators(year: $year, county: SUIBIN) { code name unit value source }
  }
`);

const COUNTIES = Object.keys(counties) as County[];

interface Figure {
  code: string;
  name: string;
  unit: string;
  value: number;
  source: keyof typeof indicatorSources;
}

export function CountyBreakdown({ year }: { year: number }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: CountyBreakdownDocument, variables: { year } });
  const byCounty: Partial<Record<County, Figure[]>> = data ?? {};
  const first = byCounty.XIANGYANG ?? [];
  const rows = first.map((ind) => ({
    key: ind.code,
    name: ind.name,
    cells: COUNTIES.map((c) => (byCounty[c] ?? []).find((x) => x.code === ind.code)),
  }));
  return (
    <SectionCard title={`区县分解（${year}年）`}>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="没有区县数据" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <div data-testid="county-breakdown">
        <Table
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          columns={[
            { title: '指标', dataIndex: 'name', key: 'name', fixed: 'left' },
            ...COUNTIES.map((c, i) => ({
              title: label(counties, c),
              key: c,
              render: (_: unknown, row: (typeof rows)[number]) => {
                const f = row.cells[i];
                if (!f) return '—';
                return (
                  <span>
                    {formatFigure(f.value)}
                    <br />
                    <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.7)' }}>{label(indicatorSources, f.source)}</span>
                  </span>
                );
              },
            })),
          ]}
        />
        </div>
      </QueryStates>
    </SectionCard>
  );
}
