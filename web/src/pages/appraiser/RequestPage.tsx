// 确认评估报告: one valuation request (the application's assets, the applicant's own figure) and the
// form confirming the report: number, method, valuation date, a value per asset (confirmValuationReport).
// Once confirmed the report is shown read-only (a second confirmation is refused by the server).
import { useEffect } from 'react';
import { App, Button, Descriptions, Form, Input, Select } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ValuationMethod } from '../../gql/graphql';
import { formatDateTime, formatMoney, parseMoneyInput, todayInChina } from '../../format';
import { ipKinds, label, options, pledgeStatuses, valuationMethods } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, QueryStates } from '../../components/States';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { ValuationPanel } from '../../components/ValuationPanel';
import { useFormMutation } from '../../components/useFormMutation';

export const ValuationRequestDocument = graphql(`
  query ValuationRequest($id: ID!) {
    pledgeApplication(id: $id) {
      id status requestedAmount termMonths createdAt
      applicant { id name } bank { id name } product { id name }
      assets { id number title kind }
      valuation { amount method valuedOn }
      appraiser { id name }
      valuationReport { reportNumber method valuedOn total confirmedAt values { value asset { id number title } } }
    }
  }
`);
const ConfirmDocument = graphql(`
  mutation ConfirmValuationReport($input: ValuationReportInput!) {
    confirmValuationReport(input: $input) { id valuationReport { reportNumber total } }
  }
`);

/** Form errors for `input.values[i].value|assetId`, under the input of the i-th asset. */
export function assetFieldErrors(fields: Record<string, string>, assetIds: string[]): { name: ['values', string]; errors: string[] }[] {
  return Object.entries(fields).flatMap(([path, msg]) => {
    const m = /^input\.values\[(\d+)\]\.(?:value|assetId)$/.exec(path);
    const assetId = m ? assetIds[Number(m[1])] : undefined;
    return assetId ? [{ name: ['values', assetId] as ['values', string], errors: [msg] }] : [];
  });
}

interface Values { reportNumber: string; method: ValuationMethod; valuedOn: string; values: Record<string, string> }
type Request = NonNullable<import('../../gql/graphql').ValuationRequestQuery['pledgeApplication']>;

function ConfirmForm({ app, onDone }: { app: Request; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(ConfirmDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: Values) => {
    const values = app.assets.map((a) => ({ assetId: a.id, value: parseMoneyInput(v.values?.[a.id] ?? '') ?? v.values?.[a.id] ?? '' }));
    const d = await run({ input: { applicationId: app.id, reportNumber: v.reportNumber.trim(), method: v.method, valuedOn: v.valuedOn, values } });
    if (d) {
      message.success(`评估报告已确认：${formatMoney(d.confirmValuationReport.valuationReport?.total)}`);
      onDone();
    }
  };
  // A per-asset server error (input.values[i].value) goes under that asset's input (the i-th asset sent).
  useEffect(() => {
    if (problem) form.setFields(assetFieldErrors(problem.fields, app.assets.map((a) => a.id)));
  }, [problem, form, app.assets]);
  return (
    <SectionCard title="确认评估报告">
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={onFinish}
        initialValues={{ valuedOn: todayInChina(), method: 'INCOME' }}
        data-testid="confirm-report-form"
      >
        <Form.Item name="reportNumber" label="评估报告编号" rules={[{ required: true, whitespace: true, message: '请填写评估报告编号' }]}>
          <Input placeholder="如 鹤评报字[2026]第001号" maxLength={64} />
        </Form.Item>
        <Form.Item name="method" label="评估方法" rules={[{ required: true, message: '请选择评估方法' }]}>
          <Select options={options(valuationMethods)} />
        </Form.Item>
        <Form.Item name="valuedOn" label="评估基准日" rules={[{ required: true, message: '请选择评估基准日' }]} extra="不能晚于今天，也不能早于各项权利的授权日（未授权的为申请日）；超过 12 个月的评估将被提示为过期。">
          <Input type="date" max={todayInChina()} />
        </Form.Item>
        {app.assets.map((a) => (
          <Form.Item
            key={a.id}
            name={['values', a.id]}
            label={`评估价值（元）：${label(ipKinds, a.kind)} ${a.number}《${a.title}》`}
            rules={[{ required: true, message: '请填写该项权利的评估价值' }, moneyRule('2,000,000.00')]}
          >
            <Input />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={fetching}>确认评估报告</Button>
      </Form>
    </SectionCard>
  );
}

export default function RequestPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ValuationRequestDocument, variables: { id } });
  const app = data?.pledgeApplication;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageTitle>确认评估报告</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={!app} emptyText="未找到该评估委托，或您无权查看" onRetry={reload}>
        {app ? (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label="申请人">{app.applicant.name}</Descriptions.Item>
              <Descriptions.Item label="贷款银行">{app.bank.name}（{app.product.name}）</Descriptions.Item>
              <Descriptions.Item label="申请金额">{formatMoney(app.requestedAmount)}</Descriptions.Item>
              <Descriptions.Item label="期限">{app.termMonths}个月</Descriptions.Item>
              <Descriptions.Item label="申请状态">{label(pledgeStatuses, app.status)}</Descriptions.Item>
              <Descriptions.Item label="委托时间">{formatDateTime(app.createdAt)}</Descriptions.Item>
            </Descriptions>
            <ValuationPanel app={app} />
            {app.valuationReport ? null : ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED'].includes(app.status) ? (
              <ConfirmForm app={app} onDone={reload} />
            ) : (
              <SectionCard title="确认评估报告">该申请已{label(pledgeStatuses, app.status)}，不能再确认评估报告。</SectionCard>
            )}
            <p style={{ marginTop: 16 }}><Link to="/appraiser">返回评估委托</Link></p>
          </>
        ) : null}
      </QueryStates>
    </>
  );
}
