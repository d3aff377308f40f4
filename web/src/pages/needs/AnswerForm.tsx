// A holder answers a need with one of its PUBLISHED listings (answerTechnologyNeed), which opens (or
// adds to) an inquiry thread with the need's owner; then the thread is shown.
import { Button, Form, Input, Select } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DealType } from '../../generated/schema';
import { dealTypes, label } from '../../labels';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';

const MyPublishedListingsDocument = graphql(`
  query MyPublishedListings {
    listings(filter: { mine: true }, sort: NEWEST, first: 100) {
      edges { node { id status modes asset { number title } } }
    }
  }
`);
const AnswerNeedDocument = graphql(`
  mutation AnswerNeed($needId: ID!, $listingId: ID!, $message: String!, $dealType: DealType) {
    answerTechnologyNeed(needId: $needId, listingId: $listingId, message: $message, dealType: $dealType) { id }
  }
`);

interface Values { listingId: string; dealType?: DealType; message: string }

export function AnswerForm({ need }: { need: { id: string; dealTypes: DealType[] } }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [listings] = useQuery({ query: MyPublishedListingsDocument });
  const { run, problem, fetching } = useFormMutation(AnswerNeedDocument, form, '');
  const published = (listings.data?.listings.edges ?? []).map((e) => e.node).filter((l) => l.status === 'PUBLISHED');
  const onFinish = async (v: Values) => {
    const data = await run({ needId: need.id, listingId: v.listingId, message: v.message.trim(), dealType: v.dealType ?? null });
    if (data) navigate(`/me/inquiries/${data.answerTechnologyNeed.id}`);
  };
  if (listings.data && published.length === 0) {
    return <p>本机构还没有已发布的挂牌。<Link to="/me/listings/new">新建挂牌</Link>后即可应答。</p>;
  }
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="listingId" label="用于应答的挂牌" rules={[{ required: true, message: '请选择一项已发布的挂牌' }]}>
          <Select
            loading={listings.fetching}
            notFoundContent={listings.error ? '无法加载挂牌' : '没有已发布的挂牌'}
            options={published.map((l) => ({ value: l.id, label: `${l.asset.number} ${l.asset.title}` }))}
          />
        </Form.Item>
        <Form.Item name="dealType" label="交易方式" extra="不选时取需求与挂牌都接受的第一种方式">
          <Select allowClear options={need.dealTypes.map((d) => ({ value: d, label: label(dealTypes, d) }))} />
        </Form.Item>
        <Form.Item name="message" label="应答留言" rules={[{ required: true, whitespace: true, message: '请输入留言' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>用此挂牌应答</Button>
      </Form>
    </>
  );
}
