// 核保: the insurer accepts a pending pledge-financing guarantee quote, or declines it with a reason.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { graphql } from '../../gql';
import type { UnderwritingStatus } from '../../gql/graphql';
import { label } from '../../labels';
import { underwritingStatuses } from '../../guaranteeLabels';
import { ToneTag } from '../../components/AssetTags';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';

const UnderwriteDocument = graphql(`
  mutation UnderwriteInsuranceQuote($input: UnderwriteQuoteInput!) {
    underwriteInsuranceQuote(input: $input) { id underwriting underwritingReason underwrittenAt }
  }
`);

const TONE: Record<UnderwritingStatus, 'green' | 'grey' | 'gold'> = { PENDING: 'gold', ACCEPTED: 'green', DECLINED: 'grey' };

export function UnderwriteQuote({ quote, onDone }: { quote: { id: string; underwriting?: UnderwritingStatus | null; underwritingReason?: string | null; bound: boolean }; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { run, problem, fetching } = useFormMutation(UnderwriteDocument, form);
  const [declining, setDeclining] = useState(false);
  if (!quote.underwriting) return <span>无需核保</span>;
  const tag = <ToneTag tone={TONE[quote.underwriting]}>{label(underwritingStatuses, quote.underwriting)}</ToneTag>;
  if (quote.underwriting !== 'PENDING' || quote.bound) {
    return quote.underwritingReason ? <Tooltip title={`拒保理由：${quote.underwritingReason}`}>{tag}</Tooltip> : tag;
  }
  return (
    <Space size="small" wrap>
      {tag}
      <Button size="small" type="primary" loading={fetching && !declining} onClick={async () => {
        if (await run({ input: { quoteId: quote.id, decision: 'ACCEPT' } })) { void message.success('已承保'); onDone(); }
      }}>承保</Button>
      <Button size="small" danger onClick={() => setDeclining(true)}>拒保</Button>
      {problem && !declining ? <ProblemAlert problem={problem} /> : null}
      <Modal open={declining} title="拒保" okText="确认拒保" cancelText="取消" confirmLoading={fetching} onCancel={() => setDeclining(false)} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={async (v) => {
          if (await run({ input: { quoteId: quote.id, decision: 'DECLINE', reason: v.reason } })) { setDeclining(false); void message.success('已拒保'); onDone(); }
        }}>
          <Form.Item name="reason" label="拒保理由" rules={[{ required: true, message: '请填写拒保理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
