// 贷款合同: on an APPROVED (or REGISTERED) application without a loan, the bank records the contract
// (number, principal <= the approved amount, the rate asked in % and sent in basis points, term,
// repayment method with the rows of a CUSTOM schedule, signing date); once recorded, a link to the loan.
import { App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { RepaymentMethod } from '../../gql/graphql';
import { label, options } from '../../labels';
import { formatMoney, parseMoneyInput, todayInChina } from '../../format';
import { loanStatuses, percentToBps, repaymentMethods } from '../../loanLabels';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { preventEnterSubmit } from '../../components/formKeys';
import type { Application } from './ApplicationPage';

const RecordLoanContractDocument = graphql(`
  mutation RecordLoanContract($input: LoanContractInput!) {
    recordLoanContract(input: $input) { id contractNumber status }
  }
`);

interface Values {
  contractNumber: string;
  principal: string;
  annualRateBps: number; // in percent on the form; sent as basis points
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  customSchedule?: { dueOn: string; principal: string }[];
  signedOn: string;
}

function CustomRows() {
  return (
    <Form.List name="customSchedule">
      {(fields, { add, remove }) => (
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, fontWeight: 600 }}>自定义还款计划（每期本金与到期日，本金合计须等于贷款本金）</legend>
          {fields.map((f, i) => (
            <Space key={f.key} align="baseline" wrap>
              <Form.Item name={[f.name, 'dueOn']} label={`第 ${i + 1} 期到期日`} rules={[{ required: true, message: '请选择到期日' }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name={[f.name, 'principal']} label={`第 ${i + 1} 期本金（元）`} rules={[{ required: true, message: '请填写本金' }, moneyRule('500,000.00')]}>
                <Input />
              </Form.Item>
              <Button onClick={() => remove(f.name)}>删除第 {i + 1} 期</Button>
            </Space>
          ))}
          <Button onClick={() => add({ dueOn: '', principal: '' })}>添加一期</Button>
        </fieldset>
      )}
    </Form.List>
  );
}

function ContractForm({ app }: { app: Application }) {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(RecordLoanContractDocument, form);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const method = Form.useWatch('repaymentMethod', form);
  const onFinish = async (v: Values) => {
    const bps = percentToBps(v.annualRateBps);
    if (bps === null) {
      form.setFields([{ name: ['annualRateBps'], errors: ['年利率最多两位小数（如 3.85）'] }]);
      return;
    }
    const d = await run({
      input: {
        applicationId: app.id,
        contractNumber: v.contractNumber.trim(),
        principal: parseMoneyInput(v.principal) ?? v.principal,
        annualRateBps: bps,
        termMonths: v.termMonths,
        repaymentMethod: v.repaymentMethod,
        customSchedule: v.repaymentMethod === 'CUSTOM' ? (v.customSchedule ?? []).map((r) => ({ dueOn: r.dueOn, principal: parseMoneyInput(r.principal) ?? r.principal })) : null,
        signedOn: v.signedOn,
      },
    });
    if (d) {
      message.success(`已记录贷款合同 ${d.recordLoanContract.contractNumber}`);
      navigate(`/bank/loans/${d.recordLoanContract.id}`);
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        name="loan-contract"
        layout="vertical"
        style={{ maxWidth: 640 }}
        onFinish={onFinish}
        onKeyDown={preventEnterSubmit}
        initialValues={{
          principal: app.approvedAmount ?? app.requestedAmount,
          annualRateBps: app.product.annualRatePercent,
          termMonths: app.termMonths,
          repaymentMethod: 'EQUAL_INSTALMENTS',
          signedOn: todayInChina(),
          customSchedule: [],
        }}
      >
        <Form.Item name="contractNumber" label="合同编号" rules={[{ required: true, whitespace: true, message: '请填写合同编号' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="principal" label="贷款本金（元）" extra={`不超过批准金额 ${formatMoney(app.approvedAmount)}`} rules={[{ required: true, message: '请填写本金' }, moneyRule()]}>
          <Input />
        </Form.Item>
        <Form.Item name="annualRateBps" label="年利率（%）" rules={[{ required: true, message: '请填写年利率' }]}>
          <InputNumber min={0} step={0.01} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="termMonths" label="期限（月）" extra={`不超过申请期限 ${app.termMonths} 个月`} rules={[{ required: true, message: '请填写期限' }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="repaymentMethod" label="还款方式" rules={[{ required: true, message: '请选择还款方式' }]}>
          <Select options={options(repaymentMethods)} />
        </Form.Item>
        {method === 'CUSTOM' ? <CustomRows /> : null}
        <Form.Item name="signedOn" label="签约日" rules={[{ required: true, message: '请选择签约日' }]}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>记录贷款合同</Button>
      </Form>
    </>
  );
}

export function LoanContractPanel({ app }: { app: Application }) {
  if (app.loan) {
    return (
      <SectionCard title="贷款">
        <p data-testid="application-loan">
          贷款合同 <Link to={`/bank/loans/${app.loan.id}`}>{app.loan.contractNumber}</Link>（{label(loanStatuses, app.loan.status)}）
        </p>
      </SectionCard>
    );
  }
  if (app.status !== 'APPROVED' && app.status !== 'REGISTERED') return null;
  return (
    <SectionCard title="贷款合同">
      <ContractForm app={app} />
    </SectionCard>
  );
}
