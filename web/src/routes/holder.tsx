// Pages of rights holders (universities, institutes, enterprises): rights, listings, inquiries,
// deals, pledge applications, insurance.
import { lazy } from 'react';
import type { RouteGroup } from './types';
import { HOLDER_KINDS } from './types';

export const holderRoutes: RouteGroup = {
  key: 'holder',
  title: '我的工作台',
  access: HOLDER_KINDS,
  routes: [
    { path: '/me/assets', title: '我的权利', page: lazy(() => import('../pages/holder/MyAssets')), menu: true },
    { path: '/me/assets/new', title: '登记权利', page: lazy(() => import('../pages/holder/NewAsset')) },
    { path: '/me/listings', title: '我的挂牌', page: lazy(() => import('../pages/holder/MyListings')), menu: true },
    { path: '/me/listings/new', title: '新建挂牌', page: lazy(() => import('../pages/holder/NewListing')) },
    { path: '/me/inquiries', title: '询价', page: lazy(() => import('../pages/holder/Inquiries')), menu: true },
    { path: '/me/inquiries/:id', title: '询价详情', page: lazy(() => import('../pages/holder/InquiryThread')) },
    { path: '/me/deals', title: '我的交易', page: lazy(() => import('../pages/holder/Deals')), menu: true },
    { path: '/me/deals/:id', title: '交易详情', page: lazy(() => import('../pages/holder/DealPage')) },
    { path: '/me/pledges', title: '质押融资', page: lazy(() => import('../pages/holder/Pledges')), menu: true },
    { path: '/me/pledges/new', title: '申请质押贷款', page: lazy(() => import('../pages/holder/NewPledge')) },
    { path: '/me/pledges/:id', title: '质押申请详情', page: lazy(() => import('../pages/holder/PledgePage')) },
    { path: '/me/loans', title: '我的贷款', page: lazy(() => import('../pages/holder/MyLoans')), menu: true },
    { path: '/me/loans/:id', title: '贷款详情', page: lazy(() => import('../pages/holder/MyLoanPage')) },
    { path: '/me/insurance', title: '知识产权保险', page: lazy(() => import('../pages/holder/Insurance')), menu: true },
  ],
};
