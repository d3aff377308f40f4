// Every route group, in menu order. A new kind of user adds its file and one line here.
import { bankRoutes } from './bank';
import { holderRoutes } from './holder';
import { insurerRoutes } from './insurer';
import { appraiserRoutes } from './appraiser';
import { officeRoutes } from './office';
import { guestRoutes, publicRoutes } from './public';
import { needsOwnerRoutes, needsPublicRoutes, savedSearchRoutes } from './needs';
import type { RouteGroup } from './types';

export const routeGroups: RouteGroup[] = [publicRoutes, needsPublicRoutes, holderRoutes, needsOwnerRoutes, savedSearchRoutes, bankRoutes, insurerRoutes, appraiserRoutes, officeRoutes, guestRoutes];
