// Organizations: look-up, verification and IP-advantage certification (REGULATOR only).
import { recordAudit } from '../audit';
import { Organization, type OrganizationDoc } from '../../models/organization';
import type { ServiceContext } from '../context';
import { requireRegulator, requireViewer } from '../authz';
import { badInput, conflict, notFound } from '../errors';
import { tryParseId, parseId } from '../ids';
import { updateOneDoc } from '../atomic';
import { addYears, todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { onIpAdvantageCertified } from '../indicators/hooks';
import { notifyVerification } from '../notifications/events';

/** Certifications of 知识产权优势企业 run three years from the date of certification. */
export const IP_ADVANTAGE_VALID_YEARS = 3;

/** Any signed-in caller may look an organization up (the contract lists no public organization query). */
export async function getOrganization(ctx: ServiceContext, id: string): Promise<OrganizationDoc | null> {
  requireViewer(ctx);
  const oid = tryParseId(id);
  return oid ? ctx.loaders.organization.load(oid) : null;
}

export async function verifyOrganization(ctx: ServiceContext, id: string): Promise<OrganizationDoc> {
  await requireRegulator(ctx);
  const _id = parseId('id', id);
  const org = await updateOneDoc<OrganizationDoc>(Organization, { _id }, { $set: { verified: true, verifiedAt: new Date() } });
  if (!org) throw notFound('Organization', id);
  await recordAudit(ctx, { kind: 'VERIFY_ORGANIZATION', targetType: 'Organization', targetId: String(org._id), summary: `Verified ${org.kind} ${org.name} (${org.creditCode})` });
  await notifyVerification(ctx, org);
  return org;
}

export async function certifyIpAdvantage(
  ctx: ServiceContext,
  organizationId: string,
  level: 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL',
  certifiedOn: string,
): Promise<OrganizationDoc> {
  await requireRegulator(ctx);
  const _id = parseId('organizationId', organizationId);
  v.calendarDate('certifiedOn', certifiedOn);
  if (certifiedOn > todayInShanghai()) throw badInput('certifiedOn', 'must not be in the future');
  const existing = await Organization.findById(_id);
  if (!existing) throw notFound('Organization', organizationId);
  if (existing.kind !== 'ENTERPRISE') {
    throw conflict(`Only enterprises can be certified as IP-advantage enterprises (this one is ${existing.kind})`);
  }
  const certification = { level, certifiedOn, expiresOn: addYears(certifiedOn, IP_ADVANTAGE_VALID_YEARS) };
  const org = await updateOneDoc<OrganizationDoc>(
    Organization,
    { _id, kind: 'ENTERPRISE' },
    { $set: { ipAdvantage: certification }, $push: { ipAdvantageHistory: certification } },
  );
  if (!org) throw notFound('Organization', organizationId);
  await onIpAdvantageCertified(ctx, org);
  await recordAudit(ctx, {
    kind: 'CERTIFY_IP_ADVANTAGE', targetType: 'Organization', targetId: String(org._id),
    summary: `Certified ${org.name} as a ${level} IP-advantage enterprise from ${certifiedOn}`, details: certification,
  });
  return org;
}
