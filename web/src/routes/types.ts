// One console page = one ConsoleRoute; each kind of user has its own file of routes (public.tsx,
// holder.tsx, bank.tsx, insurer.tsx, office.tsx), merged in routes/index.ts. Pages are lazy-loaded
// (one chunk per page) so a first visitor of the search page downloads only what it needs.
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { OrgKind } from '../gql/graphql';

/** Who may open a page: anyone, only signed-out visitors, any signed-in user, or these kinds of organization. */
export type Access = 'public' | 'guest' | 'signedIn' | readonly OrgKind[];

export interface ConsoleRoute {
  /** react-router path, e.g. '/me/assets/:id'. */
  path: string;
  /** The page's title (document title and menu entry), in Chinese. */
  title: string;
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the side menu of its group (pages with parameters usually are not). */
  menu?: boolean;
  icon?: ReactNode;
}

export interface RouteGroup {
  key: string;
  /** The menu group's heading. */
  title: string;
  access: Access;
  routes: ConsoleRoute[];
}

export const HOLDER_KINDS: readonly OrgKind[] = ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE'];

export function allows(access: Access, kind: OrgKind | null | undefined): boolean {
  if (access === 'public') return true;
  if (access === 'guest') return !kind;
  if (access === 'signedIn') return !!kind;
  return !!kind && access.includes(kind);
}
