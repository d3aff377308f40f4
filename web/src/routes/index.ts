// Every route group, in menu order. A new kind of user adds its file and one line here.
import { bankRoutes } from './bank';
import { holderRoutes } from './holder';
import { insurerRoutes } from './insurer';
import { officeRoutes } from './office';
import { guestRoutes, publicRoutes } from './public';
import type { RouteGroup } from './types';

export const routeGroups: RouteGroup[] = [publicRoutes, holderRoutes, bankRoutes, insurerRoutes, officeRoutes, guestRoutes];
