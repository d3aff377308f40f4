// Pages of the 保险工作台 (INSURER): add { path, title, page: lazy(() => import('../pages/insurer/X')), menu } here.
import type { RouteGroup } from './types';

export const insurerRoutes: RouteGroup = {
  key: 'insurer',
  title: '保险工作台',
  access: ['INSURER'],
  routes: [],
};
