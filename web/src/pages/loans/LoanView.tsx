// A loan as the bank and the borrower see it (issue 16): the terms, what is repaid and past due,
// the status with its history, the repayment schedule (due date, principal, interest, total, paid)
// and the repayments. One query for both; the bank's page adds its actions.
import { Descriptions, Table, Timeline } from 'antd';
import { graphql } from '../../gql';
import type { LoanDetailQuery, LoanStatus } from '../../gql/graphql';
import { label } from '../../labels';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { formatBps, loanReasonText, loanStatuses, repaymentMethods } from '../../loanLabels';
import { SectionCard } from '../../components/SectionCard';
import { ToneTag, type Tone } from '../../components/AssetTags';

export const LoanDetailDocument = graphql(`
  query LoanDetail($id: ID!) {
    loan(id: $id) {
      id contractNumber principal annualRateBps termMonths repaymentMethod signedOn disbursedOn disbursedAmount maturityOn
      scheduledTotal repaidTotal outstanding pastDue daysPastDue status settledOn defaultedOn defaultReason createdAt
      bank { id name } borrower { id name } product { id name daysPastDueBeforeDefault }
      application { id status registration { id registrationNumber status } }
      schedule { number dueOn days principal interest total outstandingAfter paid }
      repayments { paidOn amount reference recordedAt by { id name } }
      history { from to at reason by { id name } }
    }
  }
`);

export type LoanDetail = NonNullable<LoanDetailQuery['loan']>;

const loanStatusTones: Record<LoanStatus, Tone> = { CONTRACTED: 'blue', CURRENT: 'green', OVERDUE: 'gold', DEFAULTED: 'red', SETTLED: 'grey' };

export function LoanStatusTag({ status }: { status: LoanStatus }) {
  return <ToneTag tone={loanStatusTones[status]}>{label(loanStatuses, status)}</ToneTag>;
}

type Instalment = { dueOn: string; total: string; paid: string };
const toFen = (m: string) => BigInt(m.replace('.', ''));
const fenToYuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;

/** The first instalment not fully paid, with what remains of it (yuan), or null when all is paid. */
export function nextDue(schedule: readonly Instalment[]): { dueOn: string; remaining: string } | null {
  const next = schedule.find((r) => toFen(r.paid) < toFen(r.total));
  return next ? { dueOn: next.dueOn, remaining: fenToYuan(toFen(next.total) - toFen(next.paid)) } : null;
}

export function nextDueText(schedule: readonly Instalment[]): string {
  const n = nextDue(schedule);
  return n ? `${formatDate(n.dueOn)} · ${formatMoney(n.remaining)}` : '—';
}

/** A status history entry's `to`/`from` (a LoanStatus written as text). */
const statusText = (s: string) => label(loanStatuses, s as LoanStatus);

export function LoanSummary({ loan }: { loan: LoanDetail }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="loan-summary">
      <Descriptions.Item label="状态">
        <span data-testid="loan-status"><LoanStatusTag status={loan.status} /></span>
      </Descriptions.Item>
      <Descriptions.Item label="合同编号">{loan.contractNumber}</Descriptions.Item>
      <Descriptions.Item label="贷款银行">{loan.bank.name}</Descriptions.Item>
      <Descriptions.Item label="借款人">{loan.borrower.name}</Descriptions.Item>
      <Descriptions.Item label="产品">{loan.product.name}</Descriptions.Item>
      <Descriptions.Item label="本金">{formatMoney(loan.principal)}</Descriptions.Item>
      <Descriptions.Item label="年利率">{formatBps(loan.annualRateBps)}</Descriptions.Item>
      <Descriptions.Item label="期限">{loan.termMonths}个月</Descriptions.Item>
      <Descriptions.Item label="还款方式">{label(repaymentMethods, loan.repaymentMethod)}</Descriptions.Item>
      <Descriptions.Item label="签约日">{formatDate(loan.signedOn)}</Descriptions.Item>
      <Descriptions.Item label="放款">{loan.disbursedOn ? `${formatDate(loan.disbursedOn)} · ${formatMoney(loan.disbursedAmount)}` : '尚未放款'}</Descriptions.Item>
      <Descriptions.Item label="到期日">{formatDate(loan.maturityOn)}</Descriptions.Item>
      <Descriptions.Item label="应还本息合计">{formatMoney(loan.scheduledTotal)}</Descriptions.Item>
      <Descriptions.Item label="已还">
        <span data-testid="loan-repaid">{formatMoney(loan.repaidTotal)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="未还">
        <span data-testid="loan-outstanding">{formatMoney(loan.outstanding)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="下一期应还">
        <span data-testid="loan-next-due">{nextDueText(loan.schedule)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="逾期金额">
        <span data-testid="loan-past-due">{formatMoney(loan.pastDue)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="逾期天数">
        <span data-testid="loan-days-past-due">{loan.daysPastDue} 天</span>（产品规定逾期 {loan.product.daysPastDueBeforeDefault} 天起可认定违约）
      </Descriptions.Item>
      {loan.settledOn ? <Descriptions.Item label="结清日">{formatDate(loan.settledOn)}</Descriptions.Item> : null}
      {loan.defaultedOn ? <Descriptions.Item label="违约认定">{`${formatDate(loan.defaultedOn)}${loan.defaultReason ? ` · ${loan.defaultReason}` : ''}`}</Descriptions.Item> : null}
    </Descriptions>
  );
}

export function ScheduleTable({ loan }: { loan: LoanDetail }) {
  return (
    <SectionCard title="还款计划">
      {loan.schedule.length === 0 ? (
        <p>放款后按实际放款日生成还款计划。</p>
      ) : (
        <Table
          rowKey="number"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={loan.schedule}
          data-testid="loan-schedule"
          columns={[
            { title: '期数', dataIndex: 'number', key: 'number' },
            { title: '到期日', key: 'dueOn', render: (_, r) => formatDate(r.dueOn) },
            { title: '计息天数', key: 'days', render: (_, r) => `${r.days} 天` },
            { title: '本金', key: 'principal', render: (_, r) => formatMoney(r.principal) },
            { title: '利息', key: 'interest', render: (_, r) => formatMoney(r.interest) },
            { title: '本息合计', key: 'total', render: (_, r) => formatMoney(r.total) },
            { title: '已还', key: 'paid', render: (_, r) => formatMoney(r.paid) },
            { title: '剩余本金', key: 'outstandingAfter', render: (_, r) => formatMoney(r.outstandingAfter) },
          ]}
        />
      )}
    </SectionCard>
  );
}

export function RepaymentsTable({ loan }: { loan: LoanDetail }) {
  return (
    <SectionCard title="还款记录">
      {loan.repayments.length === 0 ? (
        <p>尚无还款记录。</p>
      ) : (
        <Table
          rowKey={(r) => `${r.recordedAt}-${r.amount}`}
          size="small"
          pagination={false}
          dataSource={loan.repayments}
          data-testid="loan-repayments"
          columns={[
            { title: '还款日', key: 'paidOn', render: (_, r) => formatDate(r.paidOn) },
            { title: '金额', key: 'amount', render: (_, r) => formatMoney(r.amount) },
            { title: '凭证号', key: 'reference', render: (_, r) => r.reference ?? '—' },
            { title: '记录人', key: 'by', render: (_, r) => r.by?.name ?? '—' },
            { title: '记录时间', key: 'recordedAt', render: (_, r) => formatDateTime(r.recordedAt) },
          ]}
        />
      )}
    </SectionCard>
  );
}

export function LoanHistory({ loan }: { loan: LoanDetail }) {
  return (
    <SectionCard title="状态记录">
      <Timeline
        items={loan.history.map((h, i) => ({
          key: i,
          content: (
            <span data-testid="loan-history-entry">
              {formatDateTime(h.at)} · {h.from ? `${statusText(h.from)} → ` : ''}
              {statusText(h.to)}
              {h.by ? ` · ${h.by.name}` : ''}
              {h.reason ? ` · ${loanReasonText(h.reason)}` : ''}
            </span>
          ),
        }))}
      />
    </SectionCard>
  );
}

/** The whole loan, read-only: what the borrower sees, and the bank above its actions. */
export function LoanView({ loan }: { loan: LoanDetail }) {
  return (
    <>
      <LoanSummary loan={loan} />
      <ScheduleTable loan={loan} />
      <RepaymentsTable loan={loan} />
      <LoanHistory loan={loan} />
    </>
  );
}
