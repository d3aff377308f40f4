// 技术需求: public search over OPEN technology needs (text, filters, facet counts, sorts, keyset
// paging), all of it in the URL. A hidden owner is shown as 匿名企业.
import { Form, Input, List, Space, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatMoney, parseMoneyInput } from '../../format';
import { counties, dealTypes, industries, label, orgKinds } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { FacetGroup, SearchLayout, sortForKeyword, withCounts } from '../../components/SearchParts';
import { ModeTags, ToneTag } from '../../components/AssetTags';
import { useAuth } from '../../auth';
import { ANONYMOUS_OWNER, budgetText, NEED_DEAL_TYPES, NEED_POSTERS, needSorts } from './needLabels';
import { NEEDS_PAGE_SIZE, readNeedSearch, toNeedFilter, writeNeedSearch, type NeedSearchState } from './needParams';

export const SearchNeedsDocument = graphql(`
  query SearchNeeds($filter: TechnologyNeedFilter, $sort: TechnologyNeedSort, $first: Int, $after: String) {
    technologyNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      facets {
        industries { value count }
        counties { value count }
        dealTypes { value count }
        ownerKinds { value count }
      }
      edges {
        node {
          id title description industries dealTypes budgetMin budgetMax county deadline publishedAt nameHidden
          owner { id name kind }
        }
      }
    }
  }
`);


export default function NeedSearch() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { me } = useAuth();
  const state = readNeedSearch(params);
  const [result, reexecute] = useQuery({
    query: SearchNeedsDocument,
    variables: { filter: toNeedFilter(state), sort: state.sort, first: NEEDS_PAGE_SIZE, after: state.after },
  });
  const data = result.data?.technologyNeeds;
  const go = (next: Partial<NeedSearchState>) => {
    navigate({ pathname: '/needs', search: writeNeedSearch({ ...state, after: null, ...next }).toString() });
  };
  const canPost = !!me && (NEED_POSTERS as readonly string[]).includes(me.organization.kind);
  const kindCounts = (data?.facets.ownerKinds ?? []).filter((f) => f.count > 0);

  return (
    <>
      <PageTitle extra={canPost ? <Link to="/me/needs/new">发布技术需求</Link> : null}>技术需求</PageTitle>
      <SearchLayout
        keyword={{ label: '需求关键词', placeholder: '输入技术关键词，例如 石墨负极', value: state.q, onSearch: (q) => go({ q, sort: sortForKeyword(q, state.sort) }) }}
        filters={
          <>
            <FacetGroup legend="产业领域" value={state.industries} options={withCounts(industries, data?.facets.industries)} onChange={(v) => go({ industries: v })} />
            <FacetGroup legend="交易方式" value={state.dealTypes} options={withCounts(dealTypes, data?.facets.dealTypes, NEED_DEAL_TYPES)} onChange={(v) => go({ dealTypes: v })} />
            <FacetGroup legend="所在区县" value={state.counties} options={withCounts(counties, data?.facets.counties)} onChange={(v) => go({ counties: v })} />
            <Form.Item label="分类号前缀（IPC）" htmlFor="n-class">
              <Input id="n-class" defaultValue={state.classPrefix} key={state.classPrefix} placeholder="如 H01M" onBlur={(e) => e.target.value !== state.classPrefix && go({ classPrefix: e.target.value })} onPressEnter={(e) => go({ classPrefix: e.currentTarget.value })} />
            </Form.Item>
            <Form.Item label="预算上限不低于（元）" htmlFor="n-budget">
              <Input
                id="n-budget"
                defaultValue={state.budgetAtLeast}
                key={`b${state.budgetAtLeast}`}
                placeholder="不限"
                onPressEnter={(e) => go({ budgetAtLeast: parseMoneyInput(e.currentTarget.value) ?? '' })}
                onBlur={(e) => (parseMoneyInput(e.target.value) ?? '') !== state.budgetAtLeast && go({ budgetAtLeast: parseMoneyInput(e.target.value) ?? '' })}
              />
            </Form.Item>
            {kindCounts.length ? (
              <p data-testid="owner-kinds">发布方：{kindCounts.map((f) => `${label(orgKinds, f.value as keyof typeof orgKinds)} ${f.count}`).join('，')}</p>
            ) : null}
          </>
        }
        clearTo="/needs"
        bar={{ countText: data ? `共 ${data.totalCount} 条需求` : null, testId: 'need-count', sortId: 'n-sort', sort: state.sort, sorts: needSorts, onSort: (sort) => go({ sort }) }}
        result={{ fetching: result.fetching, error: result.error, onRetry: () => reexecute({ requestPolicy: 'network-only' }) }}
        page={data}
        emptyText="没有符合条件的技术需求，请调整关键词或筛选条件。"
        listLabel="需求列表"
        renderItem={(node) => (
          <List.Item key={node.id} data-testid="need-hit" extra={<div style={{ textAlign: 'right', minWidth: 150 }}><div>预算</div><div style={{ fontWeight: 600 }}>{budgetText(node.budgetMin, node.budgetMax, formatMoney)}</div></div>}>
            <List.Item.Meta
              title={<Link to={`/needs/${node.id}`}>{node.title}</Link>}
              description={
                <span style={{ color: 'rgba(0,0,0,0.75)' }}>
                  发布方 {node.owner?.name ?? ANONYMOUS_OWNER} · {label(counties, node.county)} · 截止 {formatDate(node.deadline)}
                </span>
              }
            />
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }}>{node.description}</Typography.Paragraph>
            <Space wrap>
              {node.industries.map((i) => <ToneTag key={i} tone="blue">{label(industries, i)}</ToneTag>)}
              <ModeTags modes={node.dealTypes} />
              <span>发布于 {formatDate(node.publishedAt)}</span>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
