// Members, account safety and the city IP office's queues (issue 14): thin calls into services.
import type { Resolvers } from '../schema/generated/types';
import * as members from '../services/identity/members';
import * as account from '../services/identity/account';
import * as queues from '../services/organizations/queues';

export const peopleResolvers: Resolvers = {
  Query: {
    organizationMembers: (_p, { first, after }, ctx) => members.organizationMembers(ctx, first, after),
    organizations: (_p, { filter, first, after }, ctx) => queues.listOrganizations(ctx, filter, first, after),
    financialInstitutions: (_p, { kind }, ctx) => queues.financialInstitutions(ctx, kind),
  },
  Mutation: {
    inviteMember: (_p, { email, role }, ctx) => members.inviteMember(ctx, email, role),
    acceptInvitation: (_p, { token, name, password }, ctx) => members.acceptInvitation(ctx, token, name, password),
    setMemberRole: (_p, { userId, role }, ctx) => members.setMemberRole(ctx, userId, role),
    removeMember: (_p, { userId }, ctx) => members.removeMember(ctx, userId),
    changePassword: (_p, { current, next }, ctx) => account.changePassword(ctx, current, next),
    requestPasswordReset: (_p, { email }, ctx) => account.requestPasswordReset(ctx, email),
    resetPassword: (_p, { token, password }, ctx) => account.resetPassword(ctx, token, password),
    logoutEverywhere: (_p, _a, ctx) => account.logoutEverywhere(ctx),
    revokeOrganizationVerification: (_p, { id, reason }, ctx) => queues.revokeOrganizationVerification(ctx, id, reason),
  },
  Invitation: {
    id: (i) => String(i._id),
    token: (i) => i.token ?? null,
    organization: async (i, _a, ctx) => {
      const org = await ctx.loaders.organization.load(i.organization);
      if (!org) throw new Error(`invitation ${String(i._id)} has no organization`);
      return org;
    },
  },
  Organization: {
    loanProducts: async (o, _a, ctx) => (o.kind === 'BANK' ? (await ctx.loaders.loanProductsByBank.load(o._id)).filter((p) => p.active) : []),
    insuranceProducts: async (o, _a, ctx) =>
      o.kind === 'INSURER' ? (await ctx.loaders.insuranceProductsByInsurer.load(o._id)).filter((p) => p.active) : [],
  },
};
