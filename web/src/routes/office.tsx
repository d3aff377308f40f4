// Pages of the 市知识产权局 (REGULATOR): add { path, title, page: lazy(() => import('../pages/office/X')), menu } here.
import type { RouteGroup } from './types';

export const officeRoutes: RouteGroup = {
  key: 'office',
  title: '市知识产权局',
  access: ['REGULATOR'],
  routes: [],
};
