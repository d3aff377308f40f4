// 已保存的检索 (/me/saved-searches): the user's saved listing searches, each opening the search page
// with its conditions; deleting one stops its alerts.
import { App, Button, Popconfirm, Table } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SavedListingFilter } from '../../generated/schema';
import { formatDateTime } from '../../format';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { savedFilterSearch, savedFilterText } from './savedFilter';

export const SavedSearchesDocument = graphql(`
  query SavedSearches {
    savedSearches {
      id name createdAt
      filter { text kinds modes industries counties holderKinds classPrefix highValueOnly maxPrice minRemainingYears holderName }
    }
  }
`);
const DeleteSavedSearchDocument = graphql(`
  mutation DeleteSavedSearch($id: ID!) { deleteSavedSearch(id: $id) }
`);

export default function SavedSearches() {
  const { message } = App.useApp();
  const [result, reexecute] = useQuery({ query: SavedSearchesDocument, requestPolicy: 'cache-and-network' });
  const [, remove] = useMutation(DeleteSavedSearchDocument);
  const list = result.data?.savedSearches;
  const del = async (id: string) => {
    const res = await remove({ id });
    if (res.error) message.error(problemOf(res.error)?.message ?? '删除失败');
    else {
      message.success('已删除');
      reexecute({ requestPolicy: 'network-only' });
    }
  };
  return (
    <>
      <PageTitle extra={<Link to="/search">去检索挂牌</Link>}>已保存的检索</PageTitle>
      <p>在检索页面设置条件后点击“保存检索”。有新发布的挂牌符合条件时，会在站内消息中通知您（每人最多 20 条）。</p>
      <QueryStates fetching={result.fetching} error={result.error} hasData={!!list} empty={!!list && list.length === 0} emptyText="还没有保存的检索。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          pagination={false}
          dataSource={list ?? []}
          columns={[
            { title: '名称', render: (_v, s) => <Link to={{ pathname: '/search', search: savedFilterSearch(s.filter as SavedListingFilter) }}>{s.name}</Link> },
            { title: '条件', render: (_v, s) => savedFilterText(s.filter as SavedListingFilter) },
            { title: '保存时间', render: (_v, s) => formatDateTime(s.createdAt) },
            {
              title: '操作',
              render: (_v, s) => (
                <Popconfirm title={`删除“${s.name}”？`} okText="删除" cancelText="取消" onConfirm={() => del(s.id)}>
                  <Button size="small" danger>删除</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </QueryStates>
    </>
  );
}
