// One URL per page: every ConsoleRoute of every group under the Shell, behind its access rule.
import { Suspense, useEffect, type ReactNode } from 'react';
import { Result } from 'antd';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { useAuth } from './auth';
import { Loading } from './components/States';
import { Shell } from './Shell';
import { routeGroups } from './routes';
import { allows, HOLDER_KINDS, type Access } from './routes/types';
import type { OrgKind } from './gql/graphql';

/** Where a user lands after signing in (and on "/"). */
export function homeOf(kind: OrgKind | null | undefined): string {
  if (kind && HOLDER_KINDS.includes(kind)) return '/me/assets';
  if (kind === 'BANK') return '/bank';
  if (kind === 'INSURER') return '/insurer';
  if (kind === 'APPRAISER') return '/appraiser';
  if (kind === 'REGULATOR') return '/office';
  return '/search';
}

function Guard({ access, title, children }: { access: Access; title: string; children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  useEffect(() => {
    document.title = `${title} · 鹤岗知识产权运营平台`;
  }, [title]);
  if (access === 'public') return <>{children}</>;
  if (me === undefined) return <Loading />;
  if (access === 'guest') return me ? <Navigate to={homeOf(me.organization.kind)} replace /> : <>{children}</>;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!allows(access, me.organization.kind)) return <Result status="403" title="无权访问" subTitle="您所在机构的类型不能使用此页面。" />;
  return <>{children}</>;
}

function Home() {
  const { me } = useAuth();
  if (me === undefined) return <Loading />;
  return <Navigate to={homeOf(me?.organization.kind)} replace />;
}

function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="请检查地址，或从左侧菜单进入。" />;
}

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: '/', element: <Home /> },
      ...routeGroups.flatMap((g) =>
        g.routes.map((r) => ({
          path: r.path,
          element: (
            <Guard access={g.access} title={r.title}>
              <Suspense fallback={<Loading />}>
                <r.page />
              </Suspense>
            </Guard>
          ),
        })),
      ),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
