// Technology needs and saved searches (issue 18): the public needs search and need pages, the
// posting organization's own needs, and every signed-in user's saved listing searches.
import { lazy } from 'react';
import type { RouteGroup } from './types';
import { NEED_POSTERS } from '../pages/needs/needLabels';

export const needsPublicRoutes: RouteGroup = {
  key: 'needs-public',
  title: '需求对接',
  access: 'public',
  routes: [
    { path: '/needs', title: '技术需求', page: lazy(() => import('../pages/needs/NeedSearch')), menu: true },
    { path: '/needs/:id', title: '需求详情', page: lazy(() => import('../pages/needs/NeedPage')) },
  ],
};

export const needsOwnerRoutes: RouteGroup = {
  key: 'needs-owner',
  title: '我的需求',
  access: NEED_POSTERS,
  routes: [
    { path: '/me/needs', title: '我的需求', page: lazy(() => import('../pages/needs/MyNeeds')), menu: true },
    { path: '/me/needs/new', title: '发布技术需求', page: lazy(() => import('../pages/needs/NewNeed')) },
    { path: '/me/needs/:id', title: '需求管理', page: lazy(() => import('../pages/needs/MyNeedPage')) },
  ],
};

export const savedSearchRoutes: RouteGroup = {
  key: 'saved-searches',
  title: '订阅',
  access: 'signedIn',
  routes: [{ path: '/me/saved-searches', title: '已保存的检索', page: lazy(() => import('../pages/needs/SavedSearches')), menu: true }],
};
