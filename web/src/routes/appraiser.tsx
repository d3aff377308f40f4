// Pages of the 评估工作台 (APPRAISER, 资产评估机构): the valuation requests naming it, and a report to confirm.
import { lazy } from 'react';
import type { RouteGroup } from './types';

export const appraiserRoutes: RouteGroup = {
  key: 'appraiser',
  title: '评估工作台',
  access: ['APPRAISER'],
  routes: [
    { path: '/appraiser', title: '评估委托', page: lazy(() => import('../pages/appraiser/Requests')), menu: true },
    { path: '/appraiser/requests/:id', title: '确认评估报告', page: lazy(() => import('../pages/appraiser/RequestPage')) },
  ],
};
