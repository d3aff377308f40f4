// Pages of the 保险工作台 (INSURER).
import { lazy } from 'react';
import type { RouteGroup } from './types';

export const insurerRoutes: RouteGroup = {
  key: 'insurer',
  title: '保险工作台',
  access: ['INSURER'],
  routes: [
    { path: '/insurer', title: '保险产品', page: lazy(() => import('../pages/insurer/Products')), menu: true },
    { path: '/insurer/quotes', title: '报价', page: lazy(() => import('../pages/insurer/Quotes')), menu: true },
    { path: '/insurer/policies', title: '保单', page: lazy(() => import('../pages/insurer/Policies')), menu: true },
  ],
};
