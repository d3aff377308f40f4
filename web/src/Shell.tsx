// The console's frame: header (platform name, who is signed in, sign in/out), the side menu of the
// route groups the user may open, and the page.
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth';
import { label, orgKinds } from './labels';
import { routeGroups } from './routes';
import { allows } from './routes/types';

export function Shell() {
  const { me, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const kind = me?.organization.kind;
  const groups = routeGroups.filter((g) => allows(g.access, kind) && g.routes.some((r) => r.menu));
  const items = groups.map((g) => ({
    type: 'group' as const,
    key: g.key,
    label: g.title,
    children: g.routes.filter((r) => r.menu).map((r) => ({ key: r.path, icon: r.icon, label: <Link to={r.path}>{r.title}</Link> })),
  }));
  // The longest menu path the URL starts with (so /office/statistics does not also select /office).
  const selected = groups.flatMap((g) => g.routes).filter((r) => r.menu && location.pathname.startsWith(r.path)).map((r) => r.path)
    .sort((a, b) => b.length - a.length).slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#0b3d91', paddingInline: 24 }}>
        <Link to="/search" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          鹤岗知识产权运营平台
        </Link>
        <Space size="middle">
          {me ? (
            <>
              <span style={{ color: '#fff' }} data-testid="signed-in-as">
                {me.organization.name}（{label(orgKinds, me.organization.kind)}）· {me.name}
              </span>
              <Button onClick={() => { signOut(); navigate('/search'); }}>退出登录</Button>
            </>
          ) : me === null ? (
            <>
              <Link to="/login" style={{ color: '#fff' }}>登录</Link>
              <Link to="/signup" style={{ color: '#fff' }}>注册</Link>
            </>
          ) : null}
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0}>
          <nav aria-label="主菜单">
            <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text>鹤岗市知识产权局 · 《鹤岗市“十四五”知识产权保护和运用规划》</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
