// 我的挂牌: the organization's listings in every status (drafts included), with publish and withdraw.
import { Alert, App, Button, Popconfirm, Space, Table } from 'antd';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatMoney } from '../../format';
import { label, listingStatuses } from '../../labels';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { ModeTags, ToneTag, type Tone } from '../../components/AssetTags';
import { Pager, useAfter } from '../../components/Pager';
import type { ListingStatus } from '../../generated/schema';

export const MyListingsDocument = graphql(`
  query MyListings($after: String) {
    listings(filter: { mine: true }, sort: NEWEST, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id status modes askingPrice publishedAt updatedAt asset { id number title } } }
    }
  }
`);

const PublishDocument = graphql(`
  mutation PublishListing($id: ID!) { publishListing(id: $id) { id status publishedAt } }
`);
const WithdrawDocument = graphql(`
  mutation WithdrawListing($id: ID!) { withdrawListing(id: $id) { id status } }
`);

const TONE: Record<ListingStatus, Tone> = { DRAFT: 'grey', PUBLISHED: 'green', UNDER_NEGOTIATION: 'blue', CLOSED: 'gold', WITHDRAWN: 'red' };

export default function MyListings() {
  const after = useAfter();
  const { message } = App.useApp();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyListingsDocument, variables: { after } });
  const [publishState, publish] = useMutation(PublishDocument);
  const [withdrawState, withdraw] = useMutation(WithdrawDocument);
  const act = async (what: '发布' | '撤回', id: string) => {
    const res = what === '发布' ? await publish({ id }) : await withdraw({ id });
    const p = problemOf(res.error);
    if (p) void message.error(`${what}失败：${p.message}${p.detail}`);
    else {
      void message.success(`已${what}`);
      reexecute({ requestPolicy: 'network-only' });
    }
  };
  const rows = data?.listings.edges.map((e) => e.node) ?? [];
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return (
    <>
      <PageTitle extra={<Link to="/me/listings/new"><Button type="primary">新建挂牌</Button></Link>}>我的挂牌</PageTitle>
      {notice ? <Alert type="warning" showIcon role="alert" style={{ marginBottom: 16 }} title={notice} /> : null}
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="还没有挂牌。先登记权利，再为它新建挂牌。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '名称', render: (_v, l) => <Link to={`/listings/${l.id}`}>{l.asset.title}</Link> },
            { title: '号码', render: (_v, l) => l.asset.number },
            { title: '状态', render: (_v, l) => <ToneTag tone={TONE[l.status]}>{label(listingStatuses, l.status)}</ToneTag> },
            { title: '交易方式', render: (_v, l) => <ModeTags modes={l.modes} /> },
            { title: '价格', render: (_v, l) => (l.askingPrice ? formatMoney(l.askingPrice) : '面议') },
            { title: '发布日期', render: (_v, l) => formatDate(l.publishedAt) },
            {
              title: '操作',
              render: (_v, l) => (
                <Space>
                  {l.status === 'DRAFT' ? (
                    <Button size="small" type="primary" loading={publishState.fetching} onClick={() => act('发布', l.id)} aria-label={`发布 ${l.asset.title}`}>发布</Button>
                  ) : null}
                  {l.status === 'PUBLISHED' || l.status === 'DRAFT' || l.status === 'UNDER_NEGOTIATION' ? (
                    <Popconfirm title="确定撤回该挂牌？" okText="撤回" cancelText="取消" onConfirm={() => act('撤回', l.id)}>
                      <Button size="small" danger loading={withdrawState.fetching} aria-label={`撤回 ${l.asset.title}`}>撤回</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        <Pager hasNext={!!data?.listings.pageInfo.hasNextPage} nextCursor={data?.listings.pageInfo.endCursor} />
      </QueryStates>
    </>
  );
}
