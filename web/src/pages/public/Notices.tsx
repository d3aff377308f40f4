// 成果转化公示: public institutions' negotiated deals in their 15-day notice (anyone may read them, newest
// first, paged by the last notice's id); a signed-in organization files an objection with a reason.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PublicNoticesQuery } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { formatDate, formatMoney } from '../../format';
import { dealTypes, label, licenseTypes } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates, ProblemAlert } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { useFormMutation } from '../../components/useFormMutation';

const PAGE = 10;

const PublicNoticesDocument = graphql(`
  query PublicNotices($first: Int, $after: String) {
    publicNotices(first: $first, after: $after) {
      id title assetNumber type licenseType termMonths price startsOn endsOn inForce objectionCount
      seller { id name }
      buyer { id name }
    }
  }
`);
const FileObjectionDocument = graphql(`
  mutation FileNoticeObjection($noticeId: ID!, $reason: String!) { fileNoticeObjection(noticeId: $noticeId, reason: $reason) { id reason } }
`);

type Notice = PublicNoticesQuery['publicNotices'][number];

export default function Notices() {
  const after = useAfter();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PublicNoticesDocument, variables: { first: PAGE + 1, after } });
  const [objecting, setObjecting] = useState<Notice | null>(null);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const rows = data?.publicNotices.slice(0, PAGE) ?? [];
  return (
    <>
      <PageTitle>成果转化公示</PageTitle>
      <Typography.Paragraph>
        依《促进科技成果转化法》，高等院校、科研院所以协议定价转让或许可科技成果的，成交名称、价格和条件公示不少于 15 日；公示期内任何机构可提出异议，由卖方答复。
      </Typography.Paragraph>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="目前没有处于公示期的交易。" onRetry={refresh}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {rows.map((n) => (
            <NoticeCard key={n.id} notice={n} onObject={() => setObjecting(n)} />
          ))}
        </Space>
        <Pager hasNext={(data?.publicNotices.length ?? 0) > PAGE} nextCursor={rows.at(-1)?.id} />
      </QueryStates>
      {objecting ? (
        <ObjectionModal
          notice={objecting}
          onClose={(filed) => {
            setObjecting(null);
            if (filed) refresh();
          }}
        />
      ) : null}
    </>
  );
}

function NoticeCard({ notice: n, onObject }: { notice: Notice; onObject: () => void }) {
  const { me } = useAuth();
  const location = useLocation();
  const action = !me ? (
    <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>登录后提出异议</Link>
  ) : me.organization.id === n.seller.id ? (
    <span>本机构的公示，异议在交易详情页答复</span>
  ) : (
    <Button onClick={onObject} disabled={!n.inForce}>提出异议</Button>
  );
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{n.title}</h2>} extra={action} data-testid="public-notice">
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label="号码">{n.assetNumber}</Descriptions.Item>
        <Descriptions.Item label="交易方式">{label(dealTypes, n.type)}{n.licenseType ? `（${label(licenseTypes, n.licenseType)}）` : ''}</Descriptions.Item>
        <Descriptions.Item label="许可期限">{n.termMonths ? `${n.termMonths}个月` : '—'}</Descriptions.Item>
        <Descriptions.Item label="成交价格">{formatMoney(n.price)}</Descriptions.Item>
        <Descriptions.Item label="卖方">{n.seller.name}</Descriptions.Item>
        <Descriptions.Item label="买方">{n.buyer.name}</Descriptions.Item>
        <Descriptions.Item label="公示期">{formatDate(n.startsOn)}至{formatDate(n.endsOn)}</Descriptions.Item>
        <Descriptions.Item label="异议">{n.objectionCount} 条</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function ObjectionModal({ notice, onClose }: { notice: Notice; onClose: (filed: boolean) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { run, problem, fetching } = useFormMutation(FileObjectionDocument, form, '');
  const { message } = App.useApp();
  return (
    <Modal title={`对“${notice.title}”提出异议`} open okText="提交异议" cancelText="返回" okButtonProps={{ loading: fetching }} onCancel={() => onClose(false)} onOk={() => form.submit()}>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          if (await run({ noticeId: notice.id, reason: v.reason.trim() })) {
            void message.success('异议已提交，卖方将作出答复');
            onClose(true);
          }
        }}
      >
        <Form.Item name="reason" label="异议理由" rules={[{ required: true, whitespace: true, message: '请填写异议理由' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
