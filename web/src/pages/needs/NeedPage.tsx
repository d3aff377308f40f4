// 需求详情 (/needs/:id): a need's facts for anyone who may see it; a signed-in holder answers it with
// one of its published listings; the owner is sent to its own page (suggestions, answers, closing).
import { Card } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useAuth } from '../../auth';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, QueryStates } from '../../components/States';
import { HOLDER_KINDS } from '../../routes/types';
import { NeedFacts } from './NeedFacts';
import { AnswerForm } from './AnswerForm';

export const NeedPageDocument = graphql(`
  query NeedPage($id: ID!) {
    technologyNeed(id: $id) {
      id title description industries ipcPrefixes dealTypes budgetMin budgetMax county deadline status closeReason
      publishedAt nameHidden owner { id name kind }
      answers { id listing { id asset { title } } }
    }
  }
`);

export default function NeedPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const location = useLocation();
  const [result, reexecute] = useQuery({ query: NeedPageDocument, variables: { id } });
  const need = result.data?.technologyNeed;
  const heading = <h2 style={{ fontSize: 16, margin: 0 }}>应答需求</h2>;
  let action = null;
  if (need && !me) {
    action = <Card title={heading}><p><Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>登录</Link>后可以用本机构已发布的挂牌应答此需求。</p></Card>;
  } else if (need && me && need.owner?.id === me.organization.id) {
    action = <Card title={heading}><p>这是本机构发布的需求。<Link to={`/me/needs/${need.id}`}>查看推荐挂牌与应答</Link></p></Card>;
  } else if (need && me && HOLDER_KINDS.includes(me.organization.kind)) {
    action = (
      <Card title={heading}>
        {need.answers.length ? (
          <p data-testid="my-answers">
            本机构已应答：{need.answers.map((a, i) => <span key={a.id}>{i ? '、' : ''}<Link to={`/me/inquiries/${a.id}`}>{a.listing.asset.title}</Link></span>)}
          </p>
        ) : null}
        {need.status === 'OPEN' ? <AnswerForm need={need} /> : <p>该需求已不再征集。</p>}
      </Card>
    );
  }
  return (
    <QueryStates fetching={result.fetching} error={result.error} hasData={!!result.data} empty={false} emptyText="" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
      {need ? (
        <>
          <PageTitle>{need.title}</PageTitle>
          <NeedFacts need={need} />
          {action}
        </>
      ) : (
        <>
          <PageTitle>需求详情</PageTitle>
          <EmptyState text="该需求不存在、尚未发布或已关闭。"><Link to="/needs">返回技术需求</Link></EmptyState>
        </>
      )}
    </QueryStates>
  );
}
