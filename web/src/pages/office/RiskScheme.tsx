// The year's risk-sharing and interest-subsidy scheme (风险分担与贴息方案): the shares of a defaulted
// loan's loss borne by the bank, the insurer and the city's fund (adding up to 100), the subsidy in %
// of the interest, and the industries whose loans are eligible (none: all loans).
import { App, Button, Form, InputNumber, Select } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Industry } from '../../gql/graphql';
import { industries, options } from '../../labels';
import { SectionCard } from '../../components/SectionCard';
import { ProblemAlert, QueryStates } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';

const SchemeDocument = graphql(`
  query RiskSharingScheme($year: Int!) {
    riskSharingScheme(year: $year) { year bankSharePercent insurerSharePercent cityFundSharePercent interestSubsidyPercent subsidyIndustries }
  }
`);
const SetSchemeDocument = graphql(`
  mutation SetRiskSharingScheme($input: RiskSharingSchemeInput!) {
    setRiskSharingScheme(input: $input) { year bankSharePercent insurerSharePercent cityFundSharePercent interestSubsidyPercent subsidyIndustries }
  }
`);

interface Values { bankSharePercent: number; insurerSharePercent: number; cityFundSharePercent: number; interestSubsidyPercent: number; subsidyIndustries: Industry[] }

const PERCENTS: [keyof Values, string][] = [
  ['bankSharePercent', '银行分担比例（%）'],
  ['insurerSharePercent', '保险机构分担比例（%）'],
  ['cityFundSharePercent', '市风险补偿资金分担比例（%）'],
  ['interestSubsidyPercent', '贴息比例（占利息的 %）'],
];

function SchemeForm({ year, initial, onSaved }: { year: number; initial: Values; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(SetSchemeDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: Values) => {
    if (await run({ input: { year, ...v, subsidyIndustries: v.subsidyIndustries ?? [] } })) {
      message.success(`已保存 ${year} 年方案`);
      onSaved();
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={onFinish} initialValues={initial}>
        {PERCENTS.map(([name, text]) => (
          <Form.Item key={name} name={name} label={text} rules={[{ required: true, message: '请填写比例' }]}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Form.Item name="subsidyIndustries" label="享受贴息的产业（不选：全部贷款）">
          <Select mode="multiple" allowClear options={options(industries)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>保存方案</Button>
      </Form>
    </>
  );
}

/** `onSaved`: the summary's subsidy and loss shares follow the scheme, so the page reloads them. */
export function RiskScheme({ year, onSaved }: { year: number; onSaved: () => void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: SchemeDocument, variables: { year } });
  const s = data?.riskSharingScheme;
  const initial: Values = s
    ? { bankSharePercent: s.bankSharePercent, insurerSharePercent: s.insurerSharePercent, cityFundSharePercent: s.cityFundSharePercent, interestSubsidyPercent: s.interestSubsidyPercent, subsidyIndustries: s.subsidyIndustries }
    : { bankSharePercent: 60, insurerSharePercent: 20, cityFundSharePercent: 20, interestSubsidyPercent: 50, subsidyIndustries: [] };
  return (
    <SectionCard title={`${year}年风险分担与贴息方案`}>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={false} emptyText="" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <p data-testid="scheme-state">{s ? '本年度方案已设定，可修改后保存。' : '本年度尚未设定方案（下列为建议值）。'}</p>
        <SchemeForm key={`${year}-${s ? 'set' : 'new'}`} year={year} initial={initial} onSaved={() => { refetch({ requestPolicy: 'network-only' }); onSaved(); }} />
      </QueryStates>
    </SectionCard>
  );
}
