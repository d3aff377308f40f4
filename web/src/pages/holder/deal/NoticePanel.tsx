// 公示 on the deal page: the notice period (payment waits for its end), the objections filed, and the
// seller's answer to each (促进科技成果转化法 art. 18; docs/deals.md "Public notice").
import { App, Button, Form, Input, List, Typography } from 'antd';
import { Link } from 'react-router';
import { graphql } from '../../../gql';
import { formatDate, formatDateTime } from '../../../format';
import { SectionCard } from '../../../components/SectionCard';
import { ProblemAlert } from '../../../components/States';
import { useFormMutation } from '../../../components/useFormMutation';
import type { PanelProps } from './dealSettlementQuery';

const AnswerObjectionDocument = graphql(`
  mutation AnswerNoticeObjection($noticeId: ID!, $objectionId: ID!, $answer: String!) {
    answerNoticeObjection(noticeId: $noticeId, objectionId: $objectionId, answer: $answer) { id objectionCount }
  }
`);

export function NoticePanel({ deal, side }: PanelProps) {
  const n = deal.publicNotice;
  if (!n) return null;
  const objections = n.objections ?? [];
  const unanswered = objections.filter((o) => !o.answer).length;
  const waiting = deal.status === 'ACCEPTED';
  return (
    <SectionCard title="成果转化公示">
      <Typography.Paragraph data-testid="notice-period">
        公示期：{formatDate(n.startsOn)}至{formatDate(n.endsOn)}（{n.inForce ? '公示中' : '已结束'}）。
        {waiting ? `公示期满（${formatDate(n.endsOn)}起）且异议均已答复后方可付款。` : ''}
        {unanswered ? `尚有 ${unanswered} 条异议待卖方答复。` : ''}
        {n.inForce ? <Link to="/notices">查看公示列表</Link> : null}
      </Typography.Paragraph>
      {objections.length === 0 ? (
        <Typography.Paragraph>公示期内没有异议。</Typography.Paragraph>
      ) : (
        <List
          dataSource={objections}
          renderItem={(o) => (
            <List.Item data-testid="notice-objection">
              <div style={{ width: '100%' }}>
                <div>
                  <strong>{o.by.name}</strong>（{formatDateTime(o.filedAt)}）：{o.reason}
                </div>
                {o.answer ? (
                  <div style={{ marginTop: 4 }}>卖方答复（{formatDateTime(o.answeredAt)}）：{o.answer}</div>
                ) : side === 'SELLER' ? (
                  <AnswerForm noticeId={n.id} objectionId={o.id} />
                ) : (
                  <div style={{ marginTop: 4 }}>待卖方答复</div>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </SectionCard>
  );
}

function AnswerForm({ noticeId, objectionId }: { noticeId: string; objectionId: string }) {
  const [form] = Form.useForm<{ answer: string }>();
  const { run, problem, fetching } = useFormMutation(AnswerObjectionDocument, form, '');
  const { message } = App.useApp();
  return (
    <div style={{ marginTop: 8 }}>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          if (await run({ noticeId, objectionId, answer: v.answer.trim() })) void message.success('已答复异议');
        }}
      >
        <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button htmlType="submit" loading={fetching}>提交答复</Button>
      </Form>
    </div>
  );
}
