// Public pages: search, a listing, sign in and sign up.
import { lazy } from 'react';
import type { RouteGroup } from './types';

export const publicRoutes: RouteGroup = {
  key: 'public',
  title: '技术市场',
  access: 'public',
  routes: [
    { path: '/search', title: '检索知识产权', page: lazy(() => import('../pages/public/Search')), menu: true },
    { path: '/listings/:id', title: '挂牌详情', page: lazy(() => import('../pages/public/ListingPage')) },
    { path: '/notices', title: '成果转化公示', page: lazy(() => import('../pages/public/Notices')), menu: true },
  ],
};

export const guestRoutes: RouteGroup = {
  key: 'guest',
  title: '账户',
  access: 'guest',
  routes: [
    { path: '/login', title: '登录', page: lazy(() => import('../pages/public/SignIn')) },
    { path: '/signup', title: '注册机构', page: lazy(() => import('../pages/public/SignUp')) },
  ],
};
