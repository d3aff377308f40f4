// 价值评估: the applicant's own figure (unconfirmed), the appraiser it named, and the appraiser's
// confirmed report (number, method, date, value per asset, total). Shown on the bank's application
// page and the holder's pledge page (issue 16, point 5).
import { Descriptions, Table } from 'antd';
import type { ValuationMethod } from '../gql/graphql';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { label, valuationMethods } from '../labels';
import { SectionCard } from './SectionCard';
import { ToneTag } from './AssetTags';

export interface ValuationFacts {
  valuation?: { amount: string; method: ValuationMethod; valuedOn: string } | null;
  appraiser?: { name: string } | null;
  valuationReport?: {
    reportNumber: string;
    method: ValuationMethod;
    valuedOn: string;
    total: string;
    confirmedAt: string;
    values: { value: string; asset?: { id: string; number: string; title: string } | null }[];
  } | null;
}

export function ValuationPanel({ app }: { app: ValuationFacts }) {
  const report = app.valuationReport;
  return (
    <SectionCard title="价值评估">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="valuation-panel">
        <Descriptions.Item label="评估状态">
          {report ? <ToneTag tone="green">评估机构已确认</ToneTag> : <ToneTag tone="red">未经评估机构确认</ToneTag>}
        </Descriptions.Item>
        <Descriptions.Item label="评估机构">{app.appraiser?.name ?? '未指定'}</Descriptions.Item>
        <Descriptions.Item label="申请人自报价值">
          {app.valuation ? `${formatMoney(app.valuation.amount)}（${label(valuationMethods, app.valuation.method)}，${formatDate(app.valuation.valuedOn)}）` : '未提供'}
        </Descriptions.Item>
        {report ? (
          <>
            <Descriptions.Item label="确认评估价值"><strong data-testid="confirmed-value">{formatMoney(report.total)}</strong></Descriptions.Item>
            <Descriptions.Item label="评估报告编号"><span data-testid="report-number">{report.reportNumber}</span></Descriptions.Item>
            <Descriptions.Item label="评估方法">{label(valuationMethods, report.method)}</Descriptions.Item>
            <Descriptions.Item label="评估基准日">{formatDate(report.valuedOn)}</Descriptions.Item>
            <Descriptions.Item label="确认时间">{formatDateTime(report.confirmedAt)}</Descriptions.Item>
          </>
        ) : null}
      </Descriptions>
      {report ? (
        <Table
          rowKey={(v, i) => v.asset?.id ?? String(i)}
          size="small"
          pagination={false}
          dataSource={report.values}
          columns={[
            { title: '权利', key: 'asset', render: (_, v) => (v.asset ? `${v.asset.number}《${v.asset.title}》` : '—') },
            { title: '评估价值', key: 'value', render: (_, v) => formatMoney(v.value) },
          ]}
        />
      ) : null}
    </SectionCard>
  );
}
