// 检索: full-text search over published listings with every filter of ListingFilter, facet counts,
// sorts and keyset paging; all of it in the URL.
import { Form, Input, InputNumber, List, Select, Space, Switch, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatMoney, parseMoneyInput } from '../../format';
import { counties, dealTypes, industries, ipKinds, label, listingSorts, options, orgKinds } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { FacetGroup, SearchLayout, sortForKeyword, withCounts } from '../../components/SearchParts';
import { KindTag, ModeTags, ToneTag } from '../../components/AssetTags';
import { PAGE_SIZE, readSearch, toFilter, writeSearch, type SearchState } from './searchParams';
import { SaveSearchButton } from '../needs/SaveSearchButton';

export const SearchListingsDocument = graphql(`
  query SearchListings($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
    listings(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      facets {
        kinds { value count }
        modes { value count }
        industries { value count }
        counties { value count }
      }
      edges {
        cursor
        node {
          id
          askingPrice
          negotiable
          modes
          publishedAt
          holder { id name kind county }
          asset { id title number kind legalStatus highValue remainingYears }
        }
      }
    }
  }
`);


export default function Search() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const state = readSearch(params);
  const [result, reexecute] = useQuery({
    query: SearchListingsDocument,
    variables: { filter: toFilter(state), sort: state.sort, first: PAGE_SIZE, after: state.after },
  });
  const data = result.data?.listings;

  // A new query or filter starts again at the first page.
  const go = (next: Partial<SearchState>) => {
    navigate({ pathname: '/search', search: writeSearch({ ...state, after: null, ...next }).toString() });
  };

  return (
    <>
      <PageTitle extra={<SaveSearchButton filter={toFilter(state)} suggestedName={state.q || '我的检索'} />}>检索知识产权</PageTitle>
      <SearchLayout
        keyword={{ label: '检索关键词', placeholder: '输入技术关键词、专利号或分类号，例如 石墨', value: state.q, onSearch: (q) => go({ q, sort: sortForKeyword(q, state.sort) }) }}
        filters={
          <>
            <FacetGroup legend="权利类型" value={state.kinds} options={withCounts(ipKinds, data?.facets.kinds)} onChange={(kinds) => go({ kinds })} />
            <FacetGroup legend="交易方式" value={state.modes} options={withCounts(dealTypes, data?.facets.modes)} onChange={(modes) => go({ modes })} />
            <FacetGroup legend="产业领域" value={state.industries} options={withCounts(industries, data?.facets.industries)} onChange={(v) => go({ industries: v })} />
            <FacetGroup legend="所在区县" value={state.counties} options={withCounts(counties, data?.facets.counties)} onChange={(v) => go({ counties: v })} />
            <Form.Item label="权利人类型" htmlFor="f-holder-kinds">
              <Select
                id="f-holder-kinds"
                mode="multiple"
                allowClear
                value={state.holderKinds}
                options={options(orgKinds).filter((o) => ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE'].includes(o.value))}
                onChange={(holderKinds) => go({ holderKinds })}
                placeholder="全部"
              />
            </Form.Item>
            <Form.Item label="分类号前缀（IPC/尼斯）" htmlFor="f-class">
              <Input id="f-class" defaultValue={state.classPrefix} key={state.classPrefix} placeholder="如 C01B" onBlur={(e) => e.target.value !== state.classPrefix && go({ classPrefix: e.target.value })} onPressEnter={(e) => go({ classPrefix: e.currentTarget.value })} />
            </Form.Item>
            <Form.Item label="最高价格（元）" htmlFor="f-max-price">
              <Input
                id="f-max-price"
                defaultValue={state.maxPrice}
                key={`p${state.maxPrice}`}
                placeholder="不限"
                onPressEnter={(e) => go({ maxPrice: parseMoneyInput(e.currentTarget.value) ?? '' })}
                onBlur={(e) => (parseMoneyInput(e.target.value) ?? '') !== state.maxPrice && go({ maxPrice: parseMoneyInput(e.target.value) ?? '' })}
              />
            </Form.Item>
            <Form.Item label="剩余保护期不少于（年）" htmlFor="f-min-years">
              <InputNumber id="f-min-years" min={0} max={30} value={state.minRemainingYears} onChange={(v) => go({ minRemainingYears: v ?? null })} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item>
              <Space>
                <Switch id="f-high-value" checked={state.highValueOnly} onChange={(highValueOnly) => go({ highValueOnly })} />
                <label htmlFor="f-high-value">仅高价值发明专利</label>
              </Space>
            </Form.Item>
          </>
        }
        clearTo="/search"
        bar={{ countText: data ? `共 ${data.totalCount} 条结果` : null, testId: 'result-count', sortId: 'f-sort', sort: state.sort, sorts: listingSorts, onSort: (sort) => go({ sort }) }}
        result={{ fetching: result.fetching, error: result.error, onRetry: () => reexecute({ requestPolicy: 'network-only' }) }}
        page={data}
        emptyText="没有符合条件的挂牌，请调整关键词或筛选条件。"
        listLabel="检索结果"
        renderItem={(node) => (
          <List.Item key={node.id} data-testid="search-hit" extra={<div style={{ textAlign: 'right', minWidth: 150 }}><div style={{ fontSize: 16, fontWeight: 600 }}>{node.askingPrice ? formatMoney(node.askingPrice) : '价格面议'}</div>{node.negotiable ? <div>可议价</div> : null}</div>}>
            <List.Item.Meta
              title={<Link to={`/listings/${node.id}`}>{node.asset.title}</Link>}
              description={
                <span style={{ color: 'rgba(0,0,0,0.75)' }}>
                  <KindTag kind={node.asset.kind} />
                  {node.asset.highValue ? <ToneTag tone="gold">高价值</ToneTag> : null}
                  <span>号码 {node.asset.number}</span> · <span>权利人 {node.holder.name}（{label(orgKinds, node.holder.kind)}，{label(counties, node.holder.county)}）</span>
                </span>
              }
            />
            <Space wrap>
              <ModeTags modes={node.modes} />
              <Typography.Text>发布于 {formatDate(node.publishedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
