// Pages of the 市知识产权局 (REGULATOR).
import { lazy } from 'react';
import type { RouteGroup } from './types';

export const officeRoutes: RouteGroup = {
  key: 'office',
  title: '市知识产权局',
  access: ['REGULATOR'],
  routes: [
    { path: '/office', title: '规划指标看板', page: lazy(() => import('../pages/office/Dashboard')), menu: true },
    { path: '/office/organizations', title: '机构核验', page: lazy(() => import('../pages/office/Organizations')), menu: true },
    { path: '/office/financing', title: '质押融资风险分担', page: lazy(() => import('../pages/office/Financing')), menu: true },
    { path: '/office/disputes', title: '支付争议', page: lazy(() => import('../pages/office/DisputedDeals')), menu: true },
    { path: '/office/statistics', title: '统计数据录入', page: lazy(() => import('../pages/office/Statistics')), menu: true },
  ],
};
