// 询价: every inquiry thread the organization is in (asked by it, or about its listings), newest message first.
import { List } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { dealTypes, label } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { ToneTag } from '../../components/AssetTags';

export const InquiriesDocument = graphql(`
  query Inquiries {
    inquiries {
      id dealType createdAt
      from { id name }
      listing { id holder { id name } asset { id title number } }
      messages { author { id name } body at }
    }
  }
`);

export default function Inquiries() {
  const { me } = useAuth();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InquiriesDocument });
  const threads = [...(data?.inquiries ?? [])].sort((a, b) => lastAt(b).localeCompare(lastAt(a)));
  return (
    <>
      <PageTitle>询价</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={threads.length === 0} emptyText="还没有询价。在挂牌详情页可以向权利人询价。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <List
          dataSource={threads}
          renderItem={(t) => {
            const last = t.messages.at(-1);
            const mine = t.from.id === me?.organization.id;
            return (
              <List.Item key={t.id} extra={<span>{formatDateTime(last?.at ?? t.createdAt)}</span>}>
                <List.Item.Meta
                  title={<Link to={`/me/inquiries/${t.id}`}>{t.listing.asset.title}（{t.listing.asset.number}）</Link>}
                  description={
                    <span style={{ color: 'rgba(0,0,0,0.75)' }}>
                      <ToneTag tone={mine ? 'blue' : 'gold'}>{mine ? `我方询问 ${t.listing.holder.name}` : `${t.from.name} 询问`}</ToneTag>
                      意向：{label(dealTypes, t.dealType)} · 共 {t.messages.length} 条 · 最新：{last ? `${last.author.name}：${last.body.slice(0, 60)}` : '—'}
                    </span>
                  }
                />
              </List.Item>
            );
          }}
        />
      </QueryStates>
    </>
  );
}

function lastAt(t: { createdAt: string; messages: readonly { at: string }[] }): string {
  return t.messages.at(-1)?.at ?? t.createdAt;
}
