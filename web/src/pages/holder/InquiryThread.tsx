// 询价详情: one thread's messages, oldest first, and a reply box; links to the listing to propose a deal.
import { Button, Card, Form, Input, List } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { dealTypes, label } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, Loading, ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { InquiriesDocument } from './Inquiries';

const ReplyDocument = graphql(`
  mutation ReplyToInquiry($inquiryId: ID!, $message: String!) {
    replyToInquiry(inquiryId: $inquiryId, message: $message) { id messages { author { id name } body at } }
  }
`);

export default function InquiryThread() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [form] = Form.useForm<{ message: string }>();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InquiriesDocument });
  const { run, problem, fetching: sending } = useFormMutation(ReplyDocument, form, '');
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <Loading />;
  const thread = data?.inquiries.find((t) => t.id === id);
  if (!thread) return <EmptyState text="该询价不存在或您无权查看。"><Link to="/me/inquiries">返回询价列表</Link></EmptyState>;
  return (
    <>
      <PageTitle extra={<Link to={`/listings/${thread.listing.id}`}>查看挂牌</Link>}>询价：{thread.listing.asset.title}</PageTitle>
      <p>
        {thread.from.name} 向 {thread.listing.holder.name} 询问，意向交易方式：{label(dealTypes, thread.dealType)}
      </p>
      <Card>
        <List
          aria-label="留言"
          dataSource={thread.messages}
          renderItem={(m, i) => (
            <List.Item key={i} data-testid="inquiry-message" style={{ justifyContent: m.author.id === me?.organization.id ? 'flex-end' : 'flex-start' }}>
              <div style={{ maxWidth: '75%', background: m.author.id === me?.organization.id ? '#e6f4ff' : '#fafafa', padding: '8px 12px', borderRadius: 6 }}>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.7)' }}>{m.author.name} · {formatDateTime(m.at)}</div>
                <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
              </div>
            </List.Item>
          )}
        />
        <ProblemAlert problem={problem} />
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            if (await run({ inquiryId: thread.id, message: v.message.trim() })) form.resetFields();
          }}
        >
          <Form.Item name="message" label="回复" rules={[{ required: true, message: '请输入回复内容' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={sending}>发送</Button>
        </Form>
      </Card>
    </>
  );
}
