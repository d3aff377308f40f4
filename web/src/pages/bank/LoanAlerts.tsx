// 贷后预警 (bank): the monitoring job's alerts on the bank's pledged rights and loans (?status=, paged),
// each acknowledged with a note.
import { App, Button, Form, Input, Space, Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { LoanAlertStatus } from '../../gql/graphql';
import { ipKinds, label } from '../../labels';
import { formatDate } from '../../format';
import { loanAlertCauses, loanAlertStatuses } from '../../loanLabels';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { StatusFilter, useStatusParam } from '../../components/StatusFilter';
import { ToneTag } from '../../components/AssetTags';
import { useFormMutation } from '../../components/useFormMutation';

const LoanAlertsDocument = graphql(`
  query LoanAlerts($status: LoanAlertStatus, $first: Int, $after: String) {
    loanAlerts(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id cause detail raisedOn status note loan { id contractNumber } asset { id number title kind } } }
    }
  }
`);
const AcknowledgeDocument = graphql(`
  mutation AcknowledgeLoanAlert($id: ID!, $note: String!) { acknowledgeLoanAlert(id: $id, note: $note) { id status note } }
`);

const PAGE = 20;

function AcknowledgeForm({ id }: { id: string }) {
  const [form] = Form.useForm<{ note: string }>();
  const { run, problem, fetching } = useFormMutation(AcknowledgeDocument, form, '');
  const { message } = App.useApp();
  const onFinish = async (v: { note: string }) => {
    if (await run({ id, note: v.note.trim() })) message.success('已确认预警');
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} name={`acknowledge-${id}`} layout="inline" onFinish={onFinish}>
        <Form.Item name="note" label="处理说明" rules={[{ required: true, whitespace: true, message: '请填写处理说明' }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Button htmlType="submit" loading={fetching}>确认</Button>
      </Form>
    </>
  );
}

export default function LoanAlerts() {
  const status = useStatusParam<LoanAlertStatus>();
  const after = useAfter();
  const [{ data, fetching, error }, refetch] = useQuery({ query: LoanAlertsDocument, variables: { status, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const conn = data?.loanAlerts;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageTitle extra={<StatusFilter id="alert-status" table={loanAlertStatuses} />}>贷后预警</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="没有预警" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Space style={{ marginBottom: 8 }}>共 {conn?.totalCount ?? 0} 条</Space>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          data-testid="loan-alerts"
          columns={[
            { title: '日期', key: 'raisedOn', render: (_, a) => formatDate(a.raisedOn) },
            { title: '原因', key: 'cause', render: (_, a) => <ToneTag tone={a.status === 'OPEN' ? 'red' : 'grey'}>{label(loanAlertCauses, a.cause)}</ToneTag> },
            { title: '贷款', key: 'loan', render: (_, a) => (a.loan ? <Link to={`/bank/loans/${a.loan.id}`}>{a.loan.contractNumber}</Link> : '—') },
            { title: '权利', key: 'asset', render: (_, a) => (a.asset ? `${label(ipKinds, a.asset.kind)} ${a.asset.number}` : '—') },
            { title: '详情', key: 'detail', render: (_, a) => a.detail },
            { title: '状态', key: 'status', render: (_, a) => label(loanAlertStatuses, a.status) },
            { title: '处理', key: 'ack', render: (_, a) => (a.status === 'OPEN' ? <AcknowledgeForm id={a.id} /> : a.note ?? '—') },
          ]}
        />
        <Pager hasNext={!!conn?.pageInfo.hasNextPage} nextCursor={conn?.pageInfo.endCursor} />
      </QueryStates>
    </>
  );
}
