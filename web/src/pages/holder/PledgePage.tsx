// 质押申请详情: status and history, the bank's due diligence with every risk flag in words, the
// collateral checks, the registration once recorded; the applicant may withdraw before approval.
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatDateTime, formatMoney, formatYears } from '../../format';
import { annualFeeStatuses, label, legalStatuses, pledgeStatuses, riskFlags, valuationMethods } from '../../labels';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { PledgeStatusTag } from './PledgeStatusTag';
import { ValuationPanel } from '../../components/ValuationPanel';

export const PledgeApplicationDocument = graphql(`
  query PledgeApplication($id: ID!) {
    pledgeApplication(id: $id) {
      id status requestedAmount approvedAmount termMonths createdAt updatedAt
      applicant { id name }
      bank { id name }
      product { id name maxAmount maxLoanToValue annualRatePercent }
      valuation { amount method valuedOn }
      appraiser { id name }
      valuationReport { reportNumber method valuedOn total confirmedAt values { value asset { id number title } } }
      insurancePolicy { id policyNumber }
      history { from to at reason by { name organization { name } } }
      registration { id registrationNumber securedAmount registeredOn expiresOn status }
      dueDiligence {
        loanToValue risks amount loanEndsOn checkedAt
        assets { asset { id number title } legalStatus remainingYears expiresOn ownerMatches alreadyPledged exclusiveLicenses expiresWithinTerm annualFeeStatus coOwnerConsentMissing kindAccepted }
      }
    }
  }
`);
const WithdrawPledgeDocument = graphql(`mutation WithdrawPledgeApplication($id: ID!) { withdrawPledgeApplication(id: $id) { id status } }`);

export default function PledgePage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PledgeApplicationDocument, variables: { id } });
  const [withdrawState, withdraw] = useMutation(WithdrawPledgeDocument);
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <Loading />;
  const app = data?.pledgeApplication;
  if (!app) return <EmptyState text="该申请不存在或您无权查看。"><Link to="/me/pledges">返回质押融资</Link></EmptyState>;
  const dd = app.dueDiligence;
  return (
    <>
      <PageTitle extra={<PledgeStatusTag status={app.status} />}>质押贷款申请：{app.product.name}</PageTitle>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>申请信息</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="pledge-terms">
            <Descriptions.Item label="银行">{app.bank.name}</Descriptions.Item>
            <Descriptions.Item label="申请人">{app.applicant.name}</Descriptions.Item>
            <Descriptions.Item label="申请金额">{formatMoney(app.requestedAmount)}</Descriptions.Item>
            <Descriptions.Item label="批准金额">{formatMoney(app.approvedAmount)}</Descriptions.Item>
            <Descriptions.Item label="期限">{app.termMonths}个月</Descriptions.Item>
            <Descriptions.Item label="年利率">{app.product.annualRatePercent}%</Descriptions.Item>
            <Descriptions.Item label="评估">{app.valuation ? `${formatMoney(app.valuation.amount)}（${label(valuationMethods, app.valuation.method)}，${formatDate(app.valuation.valuedOn)}）` : '未提供'}</Descriptions.Item>
            <Descriptions.Item label="保单">{app.insurancePolicy?.policyNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="状态">{label(pledgeStatuses, app.status)}</Descriptions.Item>
            <Descriptions.Item label="申请时间">{formatDateTime(app.createdAt)}</Descriptions.Item>
          </Descriptions>
          {app.registration ? (
            <Alert style={{ marginTop: 16 }} type="success" showIcon title={`质押已登记：登记号 ${app.registration.registrationNumber}，担保债权 ${formatMoney(app.registration.securedAmount)}，${formatDate(app.registration.registeredOn)}至${formatDate(app.registration.expiresOn)}${app.registration.status === 'RELEASED' ? '（已注销）' : ''}`} />
          ) : null}
          {['SUBMITTED', 'UNDER_REVIEW'].includes(app.status) ? (
            <Popconfirm title="确定撤回该申请？" okText="撤回" cancelText="取消" onConfirm={async () => {
              const res = await withdraw({ id: app.id });
              const p = problemOf(res.error);
              if (p) void message.error(`撤回失败：${p.message}${p.detail}`);
              else void message.success('申请已撤回');
            }}>
              <Button danger style={{ marginTop: 16 }} loading={withdrawState.fetching}>撤回申请</Button>
            </Popconfirm>
          ) : null}
        </Card>
        <ValuationPanel app={app} />
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>尽职调查（{formatDateTime(dd.checkedAt)} 按实时数据计算）</h2>}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="审查金额">{formatMoney(dd.amount)}</Descriptions.Item>
            <Descriptions.Item label="质押率">{dd.loanToValue === null || dd.loanToValue === undefined ? '无评估，无法计算' : `${(dd.loanToValue * 100).toFixed(1)}%`}</Descriptions.Item>
            <Descriptions.Item label="贷款到期日">{formatDate(dd.loanEndsOn)}</Descriptions.Item>
          </Descriptions>
          {dd.risks.length ? (
            <Alert type="warning" showIcon data-testid="risk-flags" title={`风险提示（${dd.risks.length}项）`} description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{dd.risks.map((r) => <li key={r}>{label(riskFlags, r)}</li>)}</ul>} />
          ) : (
            <Alert type="success" showIcon data-testid="risk-flags" title="未发现风险" />
          )}
          <Table
            style={{ marginTop: 16 }}
            rowKey={(c) => c.asset.id}
            pagination={false}
            size="small"
            dataSource={dd.assets}
            columns={[
              { title: '权利', render: (_v, c) => `${c.asset.number} ${c.asset.title}` },
              { title: '法律状态', render: (_v, c) => label(legalStatuses, c.legalStatus) },
              { title: '剩余保护期', render: (_v, c) => formatYears(c.remainingYears) },
              { title: '届满日', render: (_v, c) => `${formatDate(c.expiresOn)}${c.expiresWithinTerm ? '（贷款期内到期）' : ''}` },
              { title: '年费', render: (_v, c) => label(annualFeeStatuses, c.annualFeeStatus) },
              { title: '权属', render: (_v, c) => (c.ownerMatches ? '一致' : '与申请人不一致') },
              { title: '已质押', render: (_v, c) => (c.alreadyPledged ? '是' : '否') },
              { title: '独占许可', render: (_v, c) => `${c.exclusiveLicenses}项` },
            ]}
          />
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>进程</h2>}>
          <Timeline items={app.history.map((h) => ({
            children: <span>{formatDateTime(h.at)} {h.from ? `${label(pledgeStatuses, h.from as never)} → ` : ''}{label(pledgeStatuses, h.to as never)}{h.by ? `（${h.by.organization?.name ?? ''} ${h.by.name}）` : ''}{h.reason ? `：${h.reason}` : ''}</span>,
          }))} />
        </Card>
      </Space>
    </>
  );
}
