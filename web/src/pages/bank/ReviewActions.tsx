// Review actions with reasons, as the signed-in user's role allows (four-eyes): a CREDIT_OFFICER (or
// the admin) starts the review, an APPROVER (or the admin, not the one who started it) approves with
// an amount, either rejects with a reason. The server has the last word (FORBIDDEN / CONFLICT shown).
import { App, Alert, Button, Form, Input, Space } from 'antd';
import { graphql } from '../../gql';
import type { ReviewDecision } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { label, roles } from '../../labels';
import { formatMoney, parseMoneyInput } from '../../format';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { abilitiesOf, ROLE_RULES } from './bankText';
import type { Application } from './ApplicationPage';

const ReviewDocument = graphql(`
  mutation ReviewPledgeApplication($input: ReviewInput!) {
    reviewPledgeApplication(input: $input) { id status approvedAmount }
  }
`);

interface Values { reason?: string; approvedAmount?: string }

export function ReviewActions({ app, onDone }: { app: Application; onDone: () => void }) {
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(ReviewDocument, form);
  const { message } = App.useApp();
  if (app.status !== 'SUBMITTED' && app.status !== 'UNDER_REVIEW') return null;
  const role = me?.role ?? 'MEMBER';
  const can = abilitiesOf(role);
  const starter = [...app.history].reverse().find((h) => h.to === 'UNDER_REVIEW')?.by;
  const startedByMe = !!starter && starter.id === me?.id;
  const decide = async (decision: ReviewDecision) => {
    const fields: (keyof Values)[] = decision === 'REJECT' ? ['reason'] : decision === 'APPROVE' ? ['approvedAmount', 'reason'] : ['reason'];
    const v = await form.validateFields(fields).catch(() => null);
    if (!v) return;
    if (decision === 'REJECT' && !v.reason?.trim()) {
      form.setFields([{ name: 'reason', errors: ['拒绝时请填写理由'] }]);
      return;
    }
    const amount = v.approvedAmount?.trim() ? parseMoneyInput(v.approvedAmount) : null;
    const d = await run({
      input: { applicationId: app.id, decision, reason: v.reason?.trim() || null, ...(decision === 'APPROVE' && amount ? { approvedAmount: amount } : {}) },
    });
    if (d) {
      message.success(`已${decision === 'START_REVIEW' ? '受理审查' : decision === 'APPROVE' ? '批准' : '拒绝'}`);
      form.resetFields();
      onDone();
    }
  };
  return (
    <SectionCard title="审查">
      <p style={{ marginTop: 0 }}>
        您的角色：<strong data-testid="my-role">{label(roles, role)}</strong>。{ROLE_RULES}
      </p>
      {app.status === 'UNDER_REVIEW' && starter ? <p>受理审查人：{starter.name}{startedByMe ? '——即您本人，您不能批准此申请。' : ''}</p> : null}
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
        {app.status === 'UNDER_REVIEW' ? (
          <Form.Item
            name="approvedAmount"
            label="批准金额（元，留空为申请金额）"
            extra={`申请金额 ${formatMoney(app.requestedAmount)}`}
            rules={[moneyRule('3,000,000.00')]}
          >
            <Input placeholder={app.requestedAmount} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label="理由 / 审查意见">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          {app.status === 'SUBMITTED' ? (
            <Button type="primary" loading={fetching} disabled={!can.startReview} onClick={() => decide('START_REVIEW')}>受理审查</Button>
          ) : (
            <Button type="primary" loading={fetching} disabled={!can.approve || startedByMe} onClick={() => decide('APPROVE')}>批准</Button>
          )}
          <Button danger loading={fetching} disabled={!can.reject} onClick={() => decide('REJECT')}>拒绝</Button>
        </Space>
      </Form>
      {app.status === 'SUBMITTED' && !can.startReview ? <Alert style={{ marginTop: 12 }} type="info" showIcon title="受理审查需由信贷员或机构管理员进行。" /> : null}
      {app.status === 'UNDER_REVIEW' && !can.approve ? <Alert style={{ marginTop: 12 }} type="info" showIcon title="批准需由审批人或机构管理员进行（且不是受理审查的人）。" /> : null}
    </SectionCard>
  );
}
