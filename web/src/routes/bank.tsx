// Pages of the 银行工作台 (BANK): add { path, title, page: lazy(() => import('../pages/bank/X')), menu } here.
import type { RouteGroup } from './types';

export const bankRoutes: RouteGroup = {
  key: 'bank',
  title: '银行工作台',
  access: ['BANK'],
  routes: [],
};
