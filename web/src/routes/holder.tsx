// Pages of rights holders (universities, institutes, enterprises): rights, listings, inquiries,
// deals, pledge applications, insurance.
import type { RouteGroup } from './types';
import { HOLDER_KINDS } from './types';

export const holderRoutes: RouteGroup = {
  key: 'holder',
  title: '我的工作台',
  access: HOLDER_KINDS,
  routes: [],
};
