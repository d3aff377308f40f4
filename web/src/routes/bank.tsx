// Pages of the 银行工作台 (BANK).
import { lazy } from 'react';
import type { RouteGroup } from './types';

export const bankRoutes: RouteGroup = {
  key: 'bank',
  title: '银行工作台',
  access: ['BANK'],
  routes: [
    { path: '/bank', title: '质押申请', page: lazy(() => import('../pages/bank/Applications')), menu: true },
    { path: '/bank/applications/:id', title: '质押申请详情', page: lazy(() => import('../pages/bank/ApplicationPage')) },
    { path: '/bank/products', title: '贷款产品', page: lazy(() => import('../pages/bank/Products')), menu: true },
  ],
};
