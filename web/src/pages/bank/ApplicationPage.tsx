// 质押申请详情: the application, its due diligence (every risk flag in words, every asset's checks),
// the review actions the signed-in user's role allows (four-eyes), and the pledge registration
// (record once approved, release once registered).
import { Card, Descriptions, Table, Timeline } from 'antd';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { BankApplicationQuery, RiskFlag } from '../../gql/graphql';
import { ipKinds, label, legalStatuses, pledgeStatuses, riskFlags } from '../../labels';
import { formatDate, formatDateTime, formatMoney, formatYears } from '../../format';
import { SectionCard } from '../../components/SectionCard';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { ToneTag } from '../../components/AssetTags';
import { annualFeeStatuses, restrictionKinds, valuationMethods } from './bankText';
import { ReviewActions } from './ReviewActions';
import { RegistrationPanel } from './RegistrationPanel';
import { ValuationPanel } from '../../components/ValuationPanel';
import { LoanContractPanel } from './LoanContractPanel';

export const BankApplicationDocument = graphql(`
  query BankApplication($id: ID!) {
    pledgeApplication(id: $id) {
      id status requestedAmount approvedAmount termMonths createdAt updatedAt
      applicant { id name county }
      product { id name maxAmount maxLoanToValue maxTermMonths annualRatePercent }
      assets { id number title kind }
      valuation { amount method valuedOn appraiser { name } }
      appraiser { id name }
      valuationReport { reportNumber method valuedOn total confirmedAt values { value asset { id number title } } }
      insurancePolicy { id policyNumber status coverage }
      history { from to at reason by { id name } }
      registration {
        id registrationNumber securedAmount registeredOn expiresOn status releasedOn
        changes { changedOn at by { id name } reason securedAmountBefore securedAmountAfter expiresOnBefore expiresOnAfter }
      }
      loan { id contractNumber status }
      dueDiligence {
        loanToValue risks amount loanEndsOn checkedAt valuationUsed valuationConfirmed
        assets {
          asset { id number title kind }
          legalStatus remainingYears ownerMatches alreadyPledged exclusiveLicenses expiresOn expiresWithinTerm
          annualFeeStatus restriction coOwnerConsentMissing kindAccepted
        }
      }
    }
  }
`);

export type Application = NonNullable<BankApplicationQuery['pledgeApplication']>;

/** Reasons the server writes itself, in Chinese; people's own reasons as typed. */
function reasonText(reason: string): string {
  return reason.replace(/^CNIPA registration /, '国家知识产权局质押登记号 ');
}

const ALL_FLAGS = Object.keys(riskFlags) as RiskFlag[];
const yes = (b: boolean, good: boolean) => <ToneTag tone={b === good ? 'green' : 'red'}>{b ? '是' : '否'}</ToneTag>;

function DueDiligence({ app }: { app: Application }) {
  const dd = app.dueDiligence;
  const present = new Set(dd.risks);
  return (
    <SectionCard title="尽职调查">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="评估金额">
          <span data-testid="dd-valuation">{formatMoney(dd.valuationUsed)}</span>
          {dd.valuationUsed ? (dd.valuationConfirmed ? '（评估机构确认）' : '（申请人自报，未确认）') : ''}
        </Descriptions.Item>
        <Descriptions.Item label="质押率">{dd.loanToValue === null || dd.loanToValue === undefined ? '—（无评估）' : `${Math.round(dd.loanToValue * 1000) / 10}%`}（产品上限 {Math.round(app.product.maxLoanToValue * 1000) / 10}%）</Descriptions.Item>
        <Descriptions.Item label="判断金额">{formatMoney(dd.amount)}</Descriptions.Item>
        <Descriptions.Item label="贷款到期日">{formatDate(dd.loanEndsOn)}</Descriptions.Item>
        <Descriptions.Item label="核查时间">{formatDateTime(dd.checkedAt)}</Descriptions.Item>
      </Descriptions>
      <h3 style={{ fontSize: 14 }}>风险提示（{dd.risks.length ? `${dd.risks.length} 项` : '未发现风险'}）</h3>
      <ul data-testid="risk-flags" style={{ paddingLeft: 20 }}>
        {dd.risks.map((r) => (
          <li key={r} data-testid="risk-flag">
            <ToneTag tone="red">存在</ToneTag>
            {label(riskFlags, r)}
          </li>
        ))}
        {ALL_FLAGS.filter((f) => !present.has(f)).map((f) => (
          <li key={f}>
            <ToneTag tone="green">未发现</ToneTag>
            {riskFlags[f]}
          </li>
        ))}
      </ul>
      <Table
        rowKey={(c) => c.asset.id}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={dd.assets}
        columns={[
          { title: '权利', key: 'asset', render: (_, c) => `${label(ipKinds, c.asset.kind)} ${c.asset.number}《${c.asset.title}》` },
          { title: '法律状态', key: 'legal', render: (_, c) => label(legalStatuses, c.legalStatus) },
          { title: '剩余保护期', key: 'rem', render: (_, c) => formatYears(c.remainingYears) },
          { title: '届满日', key: 'exp', render: (_, c) => formatDate(c.expiresOn) },
          { title: '期内到期', key: 'ewt', render: (_, c) => yes(c.expiresWithinTerm, false) },
          { title: '权利人一致', key: 'owner', render: (_, c) => yes(c.ownerMatches, true) },
          { title: '已质押', key: 'pledged', render: (_, c) => yes(c.alreadyPledged, false) },
          { title: '独占许可', key: 'excl', render: (_, c) => `${c.exclusiveLicenses} 件` },
          { title: '年费', key: 'fee', render: (_, c) => label(annualFeeStatuses, c.annualFeeStatus) },
          { title: '权利限制', key: 'restr', render: (_, c) => (c.restriction ? label(restrictionKinds, c.restriction) : '无') },
          { title: '共有人同意', key: 'co', render: (_, c) => yes(!c.coOwnerConsentMissing, true) },
          { title: '产品接受该类', key: 'kind', render: (_, c) => yes(c.kindAccepted, true) },
        ]}
      />
    </SectionCard>
  );
}

function History({ app }: { app: Application }) {
  return (
    <SectionCard title="处理记录">
      <Timeline
        items={app.history.map((h, i) => ({
          key: i,
          content: (
            <span data-testid="history-entry">
              {formatDateTime(h.at)} · {h.from ? `${label(pledgeStatuses, h.from as never)} → ` : ''}
              {label(pledgeStatuses, h.to as never)}
              {h.by ? ` · ${h.by.name}` : ''}
              {h.reason ? ` · 理由：${reasonText(h.reason)}` : ''}
            </span>
          ),
        }))}
      />
    </SectionCard>
  );
}

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: BankApplicationDocument, variables: { id } });
  const app = data?.pledgeApplication;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageTitle>质押申请详情</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={!app} emptyText="未找到该申请，或您无权查看" onRetry={reload}>
        {app ? (
          <>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="状态">
                  <strong data-testid="application-status">{label(pledgeStatuses, app.status)}</strong>
                </Descriptions.Item>
                <Descriptions.Item label="申请人">{app.applicant.name}</Descriptions.Item>
                <Descriptions.Item label="产品">{app.product.name}（年利率 {app.product.annualRatePercent}%，最高 {formatMoney(app.product.maxAmount)}）</Descriptions.Item>
                <Descriptions.Item label="申请金额">{formatMoney(app.requestedAmount)}</Descriptions.Item>
                <Descriptions.Item label="批准金额">{formatMoney(app.approvedAmount)}</Descriptions.Item>
                <Descriptions.Item label="期限">{app.termMonths}个月</Descriptions.Item>
                <Descriptions.Item label="评估">
                  {app.valuation ? `${formatMoney(app.valuation.amount)}（${label(valuationMethods, app.valuation.method)}，${formatDate(app.valuation.valuedOn)}${app.valuation.appraiser ? `，${app.valuation.appraiser.name}` : ''}）` : '无'}
                </Descriptions.Item>
                <Descriptions.Item label="保证保险">{app.insurancePolicy ? `${app.insurancePolicy.policyNumber}（保额 ${formatMoney(app.insurancePolicy.coverage)}）` : '无'}</Descriptions.Item>
                <Descriptions.Item label="提交时间">{formatDateTime(app.createdAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <ReviewActions app={app} onDone={reload} />
            <LoanContractPanel app={app} />
            <RegistrationPanel app={app} onDone={reload} />
            <ValuationPanel app={app} />
            <DueDiligence app={app} />
            <History app={app} />
          </>
        ) : null}
      </QueryStates>
    </>
  );
}
