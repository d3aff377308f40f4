// All resolvers, merged. Each domain adds its own file here.
import type { Resolvers } from '../schema/generated/types';
import { DateScalar, DateTime, Money } from './scalars';
import { identityResolvers } from './identity';
import { assetResolvers } from './assets';
import { listingResolvers } from './listings';
import { dealResolvers } from './deals';
import { dealScheduleResolvers } from './dealSchedules';
import { indicatorResolvers } from './indicators';
import { financingResolvers } from './financing';
import { loanResolvers } from './loans';
import { insuranceResolvers } from './insurance';
import { trustResolvers } from './trust';
import { notificationResolvers } from './notifications';
import { peopleResolvers } from './people';
import { needResolvers } from './needs';
import { savedSearchResolvers } from './savedSearches';
import { appraisalResolvers } from './appraisal';

const domains: Resolvers[] = [identityResolvers, assetResolvers, listingResolvers];
domains.push(dealResolvers); // after assets: its License.deal replaces the placeholder
domains.push(dealScheduleResolvers);
domains.push(indicatorResolvers);
domains.push(financingResolvers, insuranceResolvers);
domains.push(loanResolvers); // after financing: adds PledgeApplication.loan and LoanProduct.daysPastDueBeforeDefault
domains.push(trustResolvers);
domains.push(notificationResolvers);
domains.push(peopleResolvers);
domains.push(savedSearchResolvers);
domains.push(appraisalResolvers); // after financing: adds PledgeApplication.appraiser and valuationReport
domains.push(needResolvers); // after listings: its Inquiry.from and InquiryMessage.author replace those (anonymous need owners)

export function buildResolvers(): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const domain of domains) {
    for (const [typeName, fields] of Object.entries(domain)) {
      merged[typeName] = { ...(merged[typeName] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return { ...(merged as Resolvers), Money, Date: DateScalar, DateTime };
}
