// 质押融资风险分担 (REGULATOR): the financing summary of a year (?year=) for the city and by county
// (loans granted, amount, repaid, defaulted, recovered, subsidy due, loss shares), its CSV, and the
// year's risk-sharing and interest-subsidy scheme (RiskScheme.tsx).
import { useState } from 'react';
import { Alert, Button, Select, Space, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { FinancingSummariesQuery } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { counties, label } from '../../labels';
import { formatCount, formatMoney } from '../../format';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { SectionCard } from '../../components/SectionCard';
import { thisYear } from './indicatorText';
import { downloadReport } from './download';
import { RiskScheme } from './RiskScheme';

graphql(`
  fragment SummaryRow on FinancingSummary {
    county loansGranted amountGranted repaid loansDefaulted amountDefaulted recovered subsidyDue
    lossShares { bank insurer cityFund }
  }
`);
const FinancingSummariesDocument = graphql(`
  query FinancingSummaries($year: Int!) {
    city: financingSummary(year: $year) { ...SummaryRow }
    XIANGYANG: financingSummary(year: $year, county: XIANGYANG) { ...SummaryRow }
    GONGNONG: financingSummary(year: $year, county: GONGNONG) { ...SummaryRow }
    NANSHAN: financingSummary(year: $year, county: NANSHAN) { ...SummaryRow }
    XINGAN: financingSummary(year: $year, county: XINGAN) { ...SummaryRow }
    DONGSHAN: financingSummary(year: $year, county: DONGSHAN) { ...SummaryRow }
    XINGSHAN: financingSummary(year: $year, county: XINGSHAN) { ...SummaryRow }
    LUOBEI: financingSummary(year: $year, county: LUOBEI) { ...SummaryRow }
    SUIBIN: financingSummary(year: $year, county: SUIBIN) { ...SummaryRow }
  }
`);

const YEARS = Array.from({ length: 11 }, (_, i) => 2020 + i);
type Row = FinancingSummariesQuery['city'];

export default function Financing() {
  const [params, setParams] = useSearchParams();
  const { token } = useAuth();
  const year = Number(params.get('year')) || thisYear();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FinancingSummariesDocument, variables: { year } });
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const download = () => {
    setDownloadError(null);
    downloadReport(`/reports/financing-summary.csv?year=${year}`, token, `financing-summary-${year}.csv`).catch((e: Error) => setDownloadError(e.message));
  };
  const rows: Row[] = data ? [...(Object.keys(counties) as (keyof typeof counties)[]).map((c) => data[c]), data.city] : [];
  return (
    <>
      <PageTitle extra={<Button onClick={download}>下载 CSV</Button>}>质押融资风险分担</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <label>
          年度：
          <Select aria-label="年度" value={year} style={{ width: 120 }} onChange={(v) => setParams(new URLSearchParams({ year: String(v) }))} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} />
        </label>
      </Space>
      {downloadError ? <Alert type="error" showIcon role="alert" title={downloadError} style={{ marginBottom: 16 }} /> : null}
      <SectionCard title={`${year}年质押融资汇总`}>
        <QueryStates fetching={fetching} error={error} hasData={!!data} empty={false} emptyText="" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
          <Table
            rowKey={(r) => r.county ?? 'CITY'}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={rows}
            data-testid="financing-summary"
            columns={[
              { title: '区域', key: 'county', render: (_, r) => (r.county ? label(counties, r.county) : <strong>全市合计</strong>) },
              { title: '放款笔数', key: 'loans', render: (_, r) => formatCount(r.loansGranted) },
              { title: '放款金额', key: 'amount', render: (_, r) => formatMoney(r.amountGranted) },
              { title: '当年还款', key: 'repaid', render: (_, r) => formatMoney(r.repaid) },
              { title: '违约笔数', key: 'defaulted', render: (_, r) => formatCount(r.loansDefaulted) },
              { title: '违约损失', key: 'amountDefaulted', render: (_, r) => formatMoney(r.amountDefaulted) },
              { title: '处置回收', key: 'recovered', render: (_, r) => formatMoney(r.recovered) },
              { title: '应付贴息', key: 'subsidy', render: (_, r) => formatMoney(r.subsidyDue) },
              { title: '银行分担', key: 'lossBank', render: (_, r) => formatMoney(r.lossShares.bank) },
              { title: '保险分担', key: 'lossInsurer', render: (_, r) => formatMoney(r.lossShares.insurer) },
              { title: '风险补偿资金分担', key: 'lossCity', render: (_, r) => formatMoney(r.lossShares.cityFund) },
            ]}
          />
        </QueryStates>
      </SectionCard>
      <RiskScheme year={year} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
    </>
  );
}
