// 付款计划: a scheduled deal's upfront part, milestones and royalties. The seller marks milestones
// reached and confirms bank transfers; the buyer pays instalments (Stripe or bank transfer) and files
// royalty reports. Overdue instalments are flagged to both parties. docs/deals.md "Payment schedules".
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PayDealMutation } from '../../gql/graphql';
import { formatDate, formatMoney } from '../../format';
import { label } from '../../labels';
import { problemOf, type ApiProblem } from '../../errors';
import { ErrorState, Loading, ProblemAlert } from '../../components/States';
import { instalmentKinds, instalmentStatuses, royaltyPeriods } from './scheduleLabels';
import { InstalmentTransferModal, type TransferTarget } from './InstalmentTransferModal';
import { RoyaltyReportForm } from './RoyaltyReportForm';
import { PaymentPanel } from './DealPage';

const DealScheduleDocument = graphql(`
  query DealSchedule($id: ID!) {
    deal(id: $id) {
      id status type
      schedule { upfront royalty { rateBps period minimumAnnual } }
      instalments {
        id kind description amount dueOn status overdue reachedOn settlement paidOn
        bankTransfer { id reference paidOn status }
        royaltyReport { period netSales royalty minimumTopUp }
      }
      overdueInstalments { id }
    }
  }
`);
const MarkReachedDocument = graphql(`mutation MarkMilestoneReached($dealId: ID!, $instalmentId: ID!) { markMilestoneReached(dealId: $dealId, instalmentId: $instalmentId) { id } }`);
const PayInstalmentDocument = graphql(`
  mutation PayInstalment($dealId: ID!, $instalmentId: ID!) {
    payInstalment(dealId: $dealId, instalmentId: $instalmentId) { dealId instalmentId paymentIntentId clientSecret amount currency status publishableKey }
  }
`);
const ConfirmInstalmentTransferDocument = graphql(`mutation ConfirmInstalmentTransfer($dealId: ID!, $instalmentId: ID!) { confirmInstalmentTransfer(dealId: $dealId, instalmentId: $instalmentId) { id } }`);
const DisputeInstalmentTransferDocument = graphql(`
  mutation DisputeInstalmentTransfer($dealId: ID!, $instalmentId: ID!, $reason: String!) { disputeInstalmentTransfer(dealId: $dealId, instalmentId: $instalmentId, reason: $reason) { id } }
`);

type Side = 'BUYER' | 'SELLER';

export function DealSchedule({ dealId, side }: { dealId: string; side: Side }) {
  const { message } = App.useApp();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: DealScheduleDocument, variables: { id: dealId } });
  const [, markReached] = useMutation(MarkReachedDocument);
  const [, payInstalment] = useMutation(PayInstalmentDocument);
  const [, confirm] = useMutation(ConfirmInstalmentTransferDocument);
  const [, dispute] = useMutation(DisputeInstalmentTransferDocument);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [session, setSession] = useState<PayDealMutation['payDeal'] | null>(null);
  const [transfer, setTransfer] = useState<TransferTarget | null>(null);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  if (error && !data) return <ErrorState error={error} onRetry={refresh} />;
  if (!data && fetching) return <Loading />;
  const deal = data?.deal;
  if (!deal?.schedule) return null; // paid at once: no schedule to show

  const act = async (done: string, run: () => Promise<{ error?: Parameters<typeof problemOf>[0] }>) => {
    setProblem(null);
    const res = await run();
    const p = problemOf(res.error);
    if (p) setProblem(p);
    else void message.success(done);
    refresh();
  };
  const completed = deal.status === 'COMPLETED';
  const royalty = deal.schedule.royalty;
  const reported = deal.instalments.filter((i) => i.kind === 'ROYALTY').length;
  type Row = (typeof deal.instalments)[number];

  const actions = (i: Row) => {
    const ids = { dealId: deal.id, instalmentId: i.id };
    if (!completed) return <span>交易完成后可操作</span>;
    if (side === 'SELLER' && i.status === 'NOT_REACHED') {
      return <Button size="small" onClick={() => act('已确认达成', () => markReached(ids))}>确认达成</Button>;
    }
    if (side === 'BUYER' && i.status === 'DUE') {
      return (
        <Space wrap>
          <Button
            size="small"
            type="primary"
            onClick={async () => {
              setProblem(null);
              const res = await payInstalment(ids);
              if (res.error) setProblem(problemOf(res.error));
              else if (res.data) setSession(res.data.payInstalment);
              refresh();
            }}
          >
            在线支付
          </Button>
          <Button size="small" onClick={() => setTransfer({ id: i.id, description: i.description, amount: i.amount })}>登记转账</Button>
        </Space>
      );
    }
    if (side === 'SELLER' && i.status === 'PAYMENT_PENDING' && i.bankTransfer?.status === 'RECORDED') {
      return (
        <Space wrap>
          <Button size="small" type="primary" onClick={() => act('已确认收款', () => confirm(ids))}>确认收款</Button>
          <Button size="small" danger onClick={() => act('已提出异议', () => dispute({ ...ids, reason: '未收到该笔款项' }))}>未收到</Button>
        </Space>
      );
    }
    return null;
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>付款计划</h2>} data-testid="deal-schedule">
      <ProblemAlert problem={problem} />
      {deal.overdueInstalments.length ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={`有 ${deal.overdueInstalments.length} 期款项已逾期未付`} />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label="首付款">{formatMoney(deal.schedule.upfront)}（付清后交易完成）</Descriptions.Item>
        <Descriptions.Item label="提成费">
          {royalty
            ? `净销售额的 ${(royalty.rateBps / 100).toFixed(2)}%，${label(royaltyPeriods, royalty.period)}申报${royalty.minimumAnnual ? `，年度最低 ${formatMoney(royalty.minimumAnnual)}` : ''}`
            : '无'}
        </Descriptions.Item>
      </Descriptions>
      <Table<Row>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={deal.instalments}
        locale={{ emptyText: '暂无分期款项' }}
        scroll={{ x: true }}
        columns={[
          { title: '类型', render: (_v, i) => label(instalmentKinds, i.kind) },
          {
            title: '说明',
            render: (_v, i) =>
              i.royaltyReport
                ? `${i.description}；净销售额 ${formatMoney(i.royaltyReport.netSales)}，提成 ${formatMoney(i.royaltyReport.royalty)}${i.royaltyReport.minimumTopUp !== '0.00' ? `，补足年度最低 ${formatMoney(i.royaltyReport.minimumTopUp)}` : ''}`
                : i.description,
          },
          { title: '金额', render: (_v, i) => formatMoney(i.amount) },
          { title: '到期日', render: (_v, i) => formatDate(i.dueOn) },
          {
            title: '状态',
            render: (_v, i) => (
              <Space size={4} wrap>
                <Tag color={i.status === 'PAID' ? 'green' : undefined}>{label(instalmentStatuses, i.status)}</Tag>
                {i.overdue ? <Tag color="red">逾期</Tag> : null}
                {i.bankTransfer && i.status === 'PAYMENT_PENDING' ? <span>转账 {i.bankTransfer.reference} 待确认</span> : null}
              </Space>
            ),
          },
          { title: '操作', render: (_v, i) => actions(i) },
        ]}
      />
      {side === 'BUYER' && completed && royalty ? <RoyaltyReportForm dealId={deal.id} nextPeriod={reported + 1} onDone={refresh} /> : null}
      {session ? <div style={{ marginTop: 16 }}><PaymentPanel session={session} /></div> : null}
      <InstalmentTransferModal
        dealId={deal.id}
        target={transfer}
        onClose={(changed) => {
          setTransfer(null);
          if (changed) refresh();
        }}
      />
    </Card>
  );
}
