// 我的权利: the organization's rights, newest first, paged by id; each can be listed.
import { Button, Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate } from '../../format';
import { label, legalStatuses, verificationStatuses } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { KindTag, ToneTag } from '../../components/AssetTags';
import { Pager, useAfter } from '../../components/Pager';

const PAGE = 20;

export const MyAssetsDocument = graphql(`
  query MyAssets($first: Int, $after: String) {
    myAssets(first: $first, after: $after) {
      id kind number title legalStatus verification expiresOn highValue
      activePledge { id }
    }
  }
`);

export default function MyAssets() {
  const after = useAfter();
  // One more than a page tells whether there is a next page.
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyAssetsDocument, variables: { first: PAGE + 1, after } });
  const rows = data?.myAssets.slice(0, PAGE) ?? [];
  return (
    <>
      <PageTitle extra={<Link to="/me/assets/new"><Button type="primary">登记权利</Button></Link>}>我的权利</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="还没有登记权利。点击“登记权利”添加专利或商标。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '号码', dataIndex: 'number' },
            { title: '名称', dataIndex: 'title' },
            { title: '类型', render: (_v, a) => <KindTag kind={a.kind} /> },
            { title: '法律状态', render: (_v, a) => label(legalStatuses, a.legalStatus) },
            { title: '核验', render: (_v, a) => <ToneTag tone={a.verification === 'VERIFIED' ? 'green' : a.verification === 'REJECTED' ? 'red' : 'grey'}>{label(verificationStatuses, a.verification)}</ToneTag> },
            { title: '届满日', render: (_v, a) => formatDate(a.expiresOn) },
            { title: '质押', render: (_v, a) => (a.activePledge ? '质押中' : '—') },
            { title: '操作', render: (_v, a) => <Link to={`/me/listings/new?assetId=${a.id}`}>挂牌</Link> },
          ]}
        />
        <Pager hasNext={(data?.myAssets.length ?? 0) > PAGE} nextCursor={rows.at(-1)?.id} />
      </QueryStates>
    </>
  );
}
