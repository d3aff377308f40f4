// 需求管理 (/me/needs/:id): the owner's view of one need: its facts, publish / close (found or
// withdrawn), the holders' answers (inquiry threads) and the suggested listings with their reasons.
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { NeedCloseReason } from '../../generated/schema';
import { formatDateTime, formatMoney } from '../../format';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ProblemAlert, QueryStates } from '../../components/States';
import { ModeTags } from '../../components/AssetTags';
import { dealTypes, label } from '../../labels';
import { NeedFacts } from './NeedFacts';
import { PublishNeedDocument } from './NewNeed';
import { closeReasons, reasonText } from './needLabels';

export const MyNeedPageDocument = graphql(`
  query MyNeedPage($id: ID!) {
    technologyNeed(id: $id) {
      id title description industries ipcPrefixes dealTypes budgetMin budgetMax county deadline status closeReason
      publishedAt nameHidden owner { id name kind }
      answers { id dealType createdAt from { id name } listing { id askingPrice holder { id name } asset { number title } } messages { body at author { id name } } }
    }
  }
`);
const NeedSuggestionsDocument = graphql(`
  query NeedSuggestions($needId: ID!) {
    suggestedListings(needId: $needId, first: 10) {
      score reasons
      listing { id askingPrice modes holder { id name } asset { number title } }
    }
  }
`);
const CloseNeedDocument = graphql(`
  mutation CloseNeed($id: ID!, $reason: NeedCloseReason!, $note: String) { closeTechnologyNeed(id: $id, reason: $reason, note: $note) { id status closeReason } }
`);

export default function MyNeedPage() {
  const { id = '' } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [result, reexecute] = useQuery({ query: MyNeedPageDocument, variables: { id }, requestPolicy: 'cache-and-network' });
  const need = result.data?.technologyNeed;
  return (
    <QueryStates fetching={result.fetching} error={result.error} hasData={!!result.data} empty={false} emptyText="" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
      {need ? (
        <>
          <PageTitle extra={<NeedActions id={need.id} status={need.status} />}>{need.title}</PageTitle>
          {notice ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={notice} /> : null}
          <NeedFacts need={need} />
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>收到的应答（{need.answers.length}）</h2>} style={{ marginBottom: 16 }}>
            {need.answers.length === 0 ? (
              <EmptyState text={need.status === 'DRAFT' ? '需求发布后，权利人可以用其挂牌应答。' : '还没有权利人应答。'} />
            ) : (
              <List
                aria-label="收到的应答"
                dataSource={need.answers}
                renderItem={(a) => (
                  <List.Item key={a.id} data-testid="need-answer" actions={[<Link key="open" to={`/me/inquiries/${a.id}`}>查看询价对话</Link>]}>
                    <List.Item.Meta
                      title={<Link to={`/listings/${a.listing.id}`}>{a.listing.asset.title}</Link>}
                      description={<span style={{ color: 'rgba(0,0,0,0.75)' }}>{a.listing.holder.name} · {a.listing.asset.number} · {label(dealTypes, a.dealType)} · {a.listing.askingPrice ? formatMoney(a.listing.askingPrice) : '价格面议'}</span>}
                    />
                    <div>{a.messages[0]?.body}</div>
                    <div style={{ color: 'rgba(0,0,0,0.7)' }}>{formatDateTime(a.messages[0]?.at ?? a.createdAt)}</div>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Suggestions needId={need.id} />
        </>
      ) : (
        <>
          <PageTitle>需求管理</PageTitle>
          <EmptyState text="找不到该需求（只能查看本机构的需求）。"><Link to="/me/needs">返回我的需求</Link></EmptyState>
        </>
      )}
    </QueryStates>
  );
}

function Suggestions({ needId }: { needId: string }) {
  const [result, reexecute] = useQuery({ query: NeedSuggestionsDocument, variables: { needId }, requestPolicy: 'cache-and-network' });
  const list = result.data?.suggestedListings;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>推荐挂牌</h2>}>
      <QueryStates fetching={result.fetching} error={result.error} hasData={!!list} empty={!!list && list.length === 0} emptyText="暂时没有与该需求匹配的挂牌。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <List
          aria-label="推荐挂牌"
          dataSource={list ?? []}
          renderItem={(s) => (
            <List.Item key={s.listing.id} data-testid="suggestion">
              <List.Item.Meta
                title={<Link to={`/listings/${s.listing.id}`}>{s.listing.asset.title}</Link>}
                description={<span style={{ color: 'rgba(0,0,0,0.75)' }}>{s.listing.holder.name} · {s.listing.asset.number} · {s.listing.askingPrice ? formatMoney(s.listing.askingPrice) : '价格面议'} · 匹配度 {s.score.toFixed(1)}</span>}
              />
              <ModeTags modes={s.listing.modes} />
              <ul aria-label="推荐理由" style={{ margin: '8px 0 0', paddingLeft: 20 }}>
                {s.reasons.map((r) => <li key={r}>{reasonText(r, formatMoney)}</li>)}
              </ul>
            </List.Item>
          )}
        />
      </QueryStates>
    </Card>
  );
}

function NeedActions({ id, status }: { id: string; status: 'DRAFT' | 'OPEN' | 'CLOSED' }) {
  const { message } = App.useApp();
  const [publishState, publish] = useMutation(PublishNeedDocument);
  const [closing, setClosing] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>(null);
  if (status === 'CLOSED') return <Link to="/me/needs">返回我的需求</Link>;
  return (
    <Space>
      {status === 'DRAFT' ? (
        <Button type="primary" loading={publishState.fetching} onClick={async () => {
          const res = await publish({ id });
          if (res.error) message.error(problemOf(res.error)?.message ?? '发布失败');
          else message.success('需求已发布');
        }}>发布</Button>
      ) : (
        <Link to={`/needs/${id}`}>查看公开页面</Link>
      )}
      <Button onClick={() => { setProblem(null); setClosing(true); }}>关闭需求</Button>
      {closing ? <CloseDialog id={id} status={status} problem={problem} setProblem={setProblem} onDone={() => setClosing(false)} /> : null}
    </Space>
  );
}

function CloseDialog({ id, status, problem, setProblem, onDone }: { id: string; status: string; problem: ReturnType<typeof problemOf>; setProblem(p: ReturnType<typeof problemOf>): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: NeedCloseReason; note?: string }>();
  const [state, close] = useMutation(CloseNeedDocument);
  const submit = async () => {
    const v = await form.validateFields();
    const res = await close({ id, reason: v.reason, note: v.note?.trim() || null });
    if (res.error) setProblem(problemOf(res.error));
    else onDone();
  };
  const reasons = status === 'OPEN' ? (['FOUND', 'WITHDRAWN'] as const) : (['WITHDRAWN'] as const);
  return (
    <Modal open title="关闭需求" okText="确认关闭" cancelText="取消" onOk={submit} confirmLoading={state.fetching} onCancel={onDone}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ reason: reasons[0] }}>
        <Form.Item name="reason" label="关闭原因" rules={[{ required: true }]}>
          <Radio.Group options={reasons.map((r) => ({ value: r, label: closeReasons[r] }))} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
