// 规划指标看板: the plan's five indicators for a year (and optionally a county): value, baseline,
// target, progress, the source of each figure, the series by year against the straight line to the
// target; the county breakdown; CSV and SVG downloads of the same figures (GET /reports/...).
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Select, Space } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { County, DashboardIndicatorsQuery } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { counties, label, options } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { ToneTag } from '../../components/AssetTags';
import { IndicatorChart, type ChartInput } from './IndicatorChart';
import { formatFigure, indicatorSources, thisYear } from './indicatorText';
import { downloadReport } from './download';
import { CountyBreakdown } from './CountyBreakdown';

export const DashboardIndicatorsDocument = graphql(`
  query DashboardIndicators($year: Int!, $county: County) {
    planIndicators(year: $year, county: $county) {
      code name unit year county value baseline target baselineYear targetYear progress source
      binding goal expectedValue onTrack yearComplete platformValue officialValue population populationYear
      series { year value source }
    }
  }
`);

type Indicator = DashboardIndicatorsQuery['planIndicators'][number];

const YEARS = Array.from({ length: 11 }, (_, i) => 2020 + i);

function IndicatorCard({ ind }: { ind: Indicator }) {
  const chart = useMemo<ChartInput>(
    () => ({ name: ind.name, unit: ind.unit, baseline: ind.baseline, baselineYear: ind.baselineYear, target: ind.target, targetYear: ind.targetYear, goal: ind.goal, series: ind.series }),
    [ind],
  );
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{ind.name}</h2>} data-testid={`indicator-${ind.code}`} size="small">
      <Descriptions column={2} size="small">
        <Descriptions.Item label={`${ind.year}年数值`}>
          <strong data-testid="indicator-value">{formatFigure(ind.value)}</strong>&nbsp;{ind.unit}
        </Descriptions.Item>
        <Descriptions.Item label="来源">
          <span data-testid="indicator-source">{label(indicatorSources, ind.source)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={`基期（${ind.baselineYear}年）`}>{formatFigure(ind.baseline)}</Descriptions.Item>
        <Descriptions.Item label={`目标（${ind.targetYear}年）`}>
          {formatFigure(ind.target)}（{ind.binding === 'BINDING' ? '约束性' : '预期性'}）
        </Descriptions.Item>
        <Descriptions.Item label="目标直线应达">{formatFigure(ind.expectedValue)}</Descriptions.Item>
        <Descriptions.Item label="进度">
          {ind.progress === null || ind.progress === undefined ? '—' : `${Math.round(ind.progress * 1000) / 10}%`}
          {ind.onTrack === null || ind.onTrack === undefined ? null : (
            <ToneTag tone={ind.onTrack ? 'green' : 'red'}>{ind.onTrack ? '符合进度' : '落后于目标直线'}</ToneTag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="平台记录">{formatFigure(ind.platformValue)}</Descriptions.Item>
        <Descriptions.Item label="官方统计">{formatFigure(ind.officialValue)}</Descriptions.Item>
      </Descriptions>
      {!ind.yearComplete ? <div style={{ color: 'rgba(0,0,0,0.7)', fontSize: 12 }}>本年度尚未结束：数值截至今日。</div> : null}
      {ind.code.endsWith('PER_10K_POPULATION') ? (
        <div style={{ color: 'rgba(0,0,0,0.7)', fontSize: 12 }}>
          {ind.population ? `按 ${ind.populationYear}年常住人口 ${formatFigure(ind.population)} 人计算。` : '尚未录入常住人口（见“统计数据录入”），平台数值按 0 计。'}
        </div>
      ) : null}
      <IndicatorChart input={chart} />
    </Card>
  );
}

export default function Dashboard() {
  const [params, setParams] = useSearchParams();
  const { token } = useAuth();
  const year = Number(params.get('year')) || thisYear();
  const county = (params.get('county') || null) as County | null;
  const [{ data, fetching, error }, refetch] = useQuery({ query: DashboardIndicatorsDocument, variables: { year, county } });
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const query = `year=${year}${county ? `&county=${county}` : ''}`;
  const download = (ext: 'csv' | 'svg') => {
    setDownloadError(null);
    downloadReport(`/reports/plan-indicators.${ext}?${query}`, token, `plan-indicators-${year}.${ext}`).catch((e: Error) => setDownloadError(e.message));
  };
  const rows = data?.planIndicators ?? [];
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button onClick={() => download('csv')}>下载 CSV</Button>
            <Button onClick={() => download('svg')}>下载 SVG 图</Button>
          </Space>
        }
      >
        规划指标看板
      </PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <label>
          年度：
          <Select aria-label="年度" value={year} style={{ width: 120 }} onChange={(v) => set('year', String(v))} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} />
        </label>
        <label>
          区域：
          <Select
            aria-label="区域"
            value={county ?? ''}
            style={{ width: 160 }}
            onChange={(v) => set('county', v || null)}
            options={[{ value: '', label: '全市' }, ...options(counties)]}
          />
        </label>
        <span>{county ? `${label(counties, county)}（区县无规划目标，不计进度）` : '全市'}</span>
      </Space>
      {downloadError ? <Alert type="error" showIcon role="alert" title={downloadError} style={{ marginBottom: 16 }} /> : null}
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="该年度没有生效的规划指标" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Row gutter={[16, 16]}>
          {rows.map((ind) => (
            <Col key={ind.code} xs={24} xl={12}>
              <IndicatorCard ind={ind} />
            </Col>
          ))}
        </Row>
      </QueryStates>
      {!county ? <CountyBreakdown year={year} /> : null}
    </>
  );
}

