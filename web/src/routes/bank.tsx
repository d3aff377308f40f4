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
    { path: '/bank/loans', title: '贷款', page: lazy(() => import('../pages/bank/Loans')), menu: true },
    { path: '/bank/loans/:id', title: '贷款详情', page: lazy(() => import('../pages/bank/LoanPage')) },
    { path: '/bank/alerts', title: '贷后预警', page: lazy(() => import('../pages/bank/LoanAlerts')), menu: true },
    { path: '/bank/products', title: '贷款产品', page: lazy(() => import('../pages/bank/Products')), menu: true },
  ],
};
