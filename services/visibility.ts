// Visibility of every object type, in one table. A guarded type's rule runs wherever a value of
// that type is returned (top-level query or nested field; server/visibility.ts wraps the
// resolvers): a list drops what the caller may not see, a nullable field reads null, a non-null
// field answers FORBIDDEN. Field rules guard sensitive fields of a type the caller may otherwise
// see. Every other object type is listed in OPEN_TYPES with the reason it needs no rule of its own;
// test/unit/visibilityCoverage.test.ts fails when a schema type is in none of these tables.
// docs/visibility.md is this table in prose.
import type { ServiceContext } from './context';
import { canSeeAsset, canSeeLicense } from './assets/visibility';
import { canSeeListing } from './listings';
import './listings/visibility';
import { canSeeDeal } from './deals/access';
import { canSeeApplication, canSeeValuationReport, canSeeLoan, canSeeLoanAlert, canSeeRegistration } from './financing';
import { canSeePolicy, canSeeQuote } from './insurance/visibility';
import { canSeeClaim } from './insurance/claims';
import { canSeeUserContact } from './identity/visibility';
import { isMemberOfAny, isRegulator } from './authz';
import { canSeeNeed, canSeeNeedOwner } from './needs';
import './needs/answers';

// Values are the documents the resolvers return; each rule knows its own model.
export type TypeRule = (ctx: ServiceContext, doc: any) => boolean | Promise<boolean>;
/** `reachedThrough`: the type of the object the parent was reached from (e.g. 'AuthPayload'). */
export type FieldRule = (ctx: ServiceContext, parent: any, reachedThrough: string | undefined) => boolean | Promise<boolean>;

export interface Guard<R> {
  rule: R;
  /** Who may see it, for docs/visibility.md and the coverage test. */
  who: string;
}

export const GUARDED_TYPES: Record<string, Guard<TypeRule>> = {
  IpAsset: {
    rule: canSeeAsset,
    who: 'owner members, REGULATOR; anyone while it is on a PUBLISHED listing; whoever may see one of its listings; licensor/licensee of a licence on it; buyer/seller of a deal on it; the applicant and the bank of a pledge application on it, the pledgee of a registration on it; an insurer asked to quote it',
  },
  Listing: { rule: canSeeListing, who: 'anyone while PUBLISHED; otherwise the holder, an organization that inquired about it, a buyer that proposed a deal on it' },
  Inquiry: { rule: (ctx, i) => isMemberOfAny(ctx, [i.from, i.holder]), who: 'the asking organization and the listing holder' },
  Deal: { rule: canSeeDeal, who: 'its buyer and seller; the REGULATOR once its payment is disputed at Stripe (charge.dispute.created)' },
  License: { rule: canSeeLicense, who: 'licensor, licensee, the asset’s current owner, REGULATOR' },
  PledgeApplication: { rule: canSeeApplication, who: 'the applicant, the bank it was sent to, and the APPRAISER it names (its due diligence: applicant and bank only)' },
  ValuationReport: { rule: canSeeValuationReport, who: 'the applicant, the bank of the product, the appraiser, REGULATOR' },
  PledgeRegistration: { rule: canSeeRegistration, who: 'pledgor, pledgee, REGULATOR; while ACTIVE also the current owner of a pledged asset (after a consented transfer); others learn only IpAsset.pledged' },
  Loan: { rule: canSeeLoan, who: 'the lending bank, the borrower, REGULATOR' },
  LoanAlert: { rule: canSeeLoanAlert, who: 'the lending bank, REGULATOR (not the borrower: the bank\'s monitoring)' },
  InsurancePolicy: { rule: canSeePolicy, who: 'holder, insurer, the bank of a pledge application the policy backs' },
  InsuranceQuote: { rule: canSeeQuote, who: 'the requesting organization and the insurer' },
  InsuranceClaim: { rule: canSeeClaim, who: 'the beneficiary bank that filed it and the insurer (not the borrower)' },
  Notification: { rule: (ctx, n) => !!ctx.viewer && String(n.recipient) === ctx.viewer.userId, who: 'its recipient only (one entry per user)' },
  SavedSearch: { rule: (ctx, s) => !!ctx.viewer && String(s.user) === ctx.viewer.userId, who: 'the user who saved it only' },
  TechnologyNeed: { rule: canSeeNeed, who: 'anyone while OPEN; a DRAFT only the owner’s members; a CLOSED one the owner’s members and the holders that answered it' },
};

export const FIELD_RULES: Record<string, Guard<FieldRule>> = {
  'PledgeApplication.dueDiligence': { rule: (ctx, a) => isMemberOfAny(ctx, [a.applicant, a.bank]), who: 'the applicant and the bank (not the appraiser the application names)' },
  'PublicNotice.objections': {
    rule: async (ctx, d) => isMemberOfAny(ctx, [d.buyer, d.seller]) || (await isRegulator(ctx)),
    who: 'the deal’s buyer and seller, and the REGULATOR (others see objectionCount)',
  },
  'User.email': { rule: canSeeUserContact, who: 'the user, members of their organization, REGULATOR; the AuthPayload of register/login' },
  'User.role': { rule: canSeeUserContact, who: 'the user, members of their organization, REGULATOR; the AuthPayload of register/login' },
  'Invitation.email': { rule: (ctx, i) => isMemberOfAny(ctx, [i.organization]), who: 'members of the inviting organization (inviteMember answers the inviting ORG_ADMIN only)' },
  'Invitation.role': { rule: (ctx, i) => isMemberOfAny(ctx, [i.organization]), who: 'members of the inviting organization (inviteMember answers the inviting ORG_ADMIN only)' },
  'TechnologyNeed.owner': { rule: (ctx, n) => canSeeNeedOwner(ctx, n), who: 'everyone unless the owner hides its name; then its members and the holders it has written to in an answer’s thread (Inquiry.from and InquiryMessage.author show an anonymous organization to the others: resolvers/needs.ts)' },
  'TechnologyNeed.history': { rule: (ctx, n) => isMemberOfAny(ctx, [n.owner]), who: 'the owner’s members (its entries name the users who acted)' },
};

/** Object types without a rule of their own, and why that is safe. */
export const OPEN_TYPES: Record<string, string> = {
  Query: 'root: each field is a top-level query with its own rule; results pass the guarded types’ rules too',
  Mutation: 'root: each mutation authorizes its caller (services/authz.ts); nested fields of its result are guarded',
  Organization: 'public directory entry (name, kind, credit code, county, verified, IP-advantage certification); organization(id) needs sign-in',
  IpAdvantage: 'part of Organization (a public certification)',
  User: 'name and organization public (StatusChange.by); email and role guarded by field rules',
  AuthPayload: 'only the answer to register/login/acceptInvitation/changePassword/resetPassword, for the caller themself',
  Invitation: 'only the answer to inviteMember, for the inviting ORG_ADMIN (its token is answered there only)',
  MemberEdge: 'wrapper; node is a User (organizationMembers is ORG_ADMIN only, own organization)',
  MemberConnection: 'organizationMembers: the caller’s own organization, ORG_ADMIN only',
  OrganizationEdge: 'wrapper; node is a public Organization',
  OrganizationConnection: 'organizations: REGULATOR only (services/organizations/queues.ts)',
  StatusChange: 'history entry inside a guarded parent (Listing, Deal, PledgeApplication, PledgeRegistration); `by` is a User',
  PageInfo: 'pagination of a connection',
  PremiumTransfer: 'inside a guarded InsurancePolicy (holder, insurer, the bank of the application it backs)',
  PremiumPaymentSession: 'only the answer to payInsurancePremium, for the policy holder',
  FacetCount: 'counts over the PUBLISHED listings a search matched',
  ListingFacets: 'counts over the PUBLISHED listings a search matched',
  ListingEdge: 'search result wrapper; node is a guarded Listing',
  ListingConnection: 'search result; PUBLISHED listings or the caller’s own (filter.mine)',
  InquiryMessage: 'inside a guarded Inquiry; author is an Organization',
  PaymentSession: 'only the answer to payDeal, for the buyer',
  BankTransfer: 'inside a guarded Deal (its buyer and seller only): the transfers the buyer recorded and the seller decided',
  OpenLicenceTerms: 'inside a guarded Listing: the open-licence terms the patentee published (public while the listing is PUBLISHED)',
  PublicNotice: 'public by law (公示, 促进科技成果转化法 art. 18): the agreed name, parties, price and terms of a public institution’s negotiated deal; its objections are guarded by a field rule',
  NoticeObjection: 'inside PublicNotice.objections (field rule: the deal’s parties and the REGULATOR), or the objector’s own answer from fileNoticeObjection',
  DealRefund: 'inside a guarded Deal (its buyer and seller only): the refund of a cancelled paid deal',
  PaymentDispute: 'inside a guarded Deal (its buyer and seller, and the REGULATOR once disputed): the Stripe dispute that flags it',
  Recordal: 'inside a guarded Deal (its buyer and seller only): the CNIPA recordal of a transfer',
  LicenceFiling: 'inside a guarded Deal (its buyer and seller only): the CNIPA filing of a licence contract',
  PaymentSchedule: 'inside a guarded Deal (its parties; the REGULATOR once disputed): the upfront part and royalty terms',
  RoyaltyTerms: 'inside a guarded Deal’s PaymentSchedule: rate, period and minimum annual royalty',
  Instalment: 'inside a guarded Deal (its parties; the REGULATOR once disputed): milestones and royalties with their payments',
  RoyaltyReport: 'inside a guarded Deal’s Instalment: the licensee’s reported net sales and the royalty computed',
  LoanProduct: 'public catalogue of verified banks’ products',
  InsuranceProduct: 'public catalogue of verified insurers’ products',
  Valuation: 'inside a guarded PledgeApplication',
  AssetValue: 'inside a guarded ValuationReport; asset is a guarded IpAsset',
  PledgeeConsent: 'inside a guarded PledgeRegistration (the pledgee bank’s consent decisions); its deal is a guarded Deal',
  PledgeRegistrationCorrection: 'inside a guarded PledgeRegistration (the REGULATOR’s corrections)',
  PublicPerson: 'a user as outsiders see one: name and organization only (no email, no role)',
  AssetVerification: 'inside a guarded IpAsset (who decided is a PublicPerson)',
  AssetChange: 'inside a guarded IpAsset: its change history (by is a PublicPerson)',
  FieldChange: 'inside an AssetChange',
  RegisterImportRow: 'only the answer to importRegisterExtract (REGULATOR only)',
  RegisterImportResult: 'only the answer to importRegisterExtract (REGULATOR only)',
  AuditEntry: 'only reachable through auditLog, which requires the REGULATOR',
  AuditEntryEdge: 'inside AuditEntryConnection (REGULATOR only)',
  AuditEntryConnection: 'the answer to auditLog, which requires the REGULATOR',
  IndicatorPace: 'part of a public indicator figure (the pace still needed toward a published target)',
  NeededValue: 'inside IndicatorPace',
  IndicatorComputation: 'the public list of computations the platform knows',
  Plan: 'published plans are public (the city publishes them); drafts are filtered out for everyone but the REGULATOR by plans/plan/planEvaluation (services/indicators/plans.ts)',
  PlanIndicator: 'inside a Plan',
  PlanChange: 'inside a Plan: its edit history (by is a user id, no contact details)',
  PlanFieldChange: 'inside a PlanChange',
  PlanEvaluation: 'evaluation of a published plan (or a draft for the REGULATOR), aggregates only',
  PlanEvaluationIndicator: 'inside a PlanEvaluation (aggregates)',
  CountyContribution: 'inside a PlanEvaluationIndicator (aggregates by county)',
  OfficialStatistic: 'only the REGULATOR reads it (officialStatistic requires the REGULATOR)',
  OfficialStatisticPast: 'inside an OfficialStatistic',
  RegistrationFieldChange: 'inside a guarded PledgeRegistrationCorrection (before and after of one field)',
  DueDiligence: 'inside a guarded PledgeApplication',
  AssetCheck: 'inside DueDiligence; asset is a guarded IpAsset',
  AssetRestriction: 'part of a visible IpAsset (a register fact: dispute or court preservation)',
  PledgeRegistrationEdge: 'wrapper; node is a guarded PledgeRegistration',
  PledgeRegistrationConnection: 'pledgeRegistrations: scoped to the caller’s registrations (all for REGULATOR); totals over that scope',
  IndicatorValue: 'public plan indicators (aggregates)',
  IndicatorPoint: 'public plan indicators (aggregates)',
  IndicatorAudit: 'indicatorAudit is REGULATOR only; aggregates',
  NotificationEdge: 'wrapper; node is a guarded Notification',
  NotificationConnection: 'notifications: the caller’s own inbox; unreadCount counts only the caller’s',
  LoanInstalment: 'inside a guarded Loan (its schedule)',
  LoanRepayment: 'inside a guarded Loan (by is a User: email and role guarded by field rules)',
  CustomInstalment: 'inside a guarded Loan (the contract\'s CUSTOM schedule)',
  RemainingProtection: 'part of a public LoanProduct (its eligibility rules)',
  EligibilityRules: 'part of a public LoanProduct',
  LoanProductChange: 'part of a public LoanProduct: its edit history (by is a PublicPerson)',
  EligibilityCheck: 'inside DueDiligence of a guarded PledgeApplication; asset is a guarded IpAsset',
  LoanAlertEdge: 'wrapper; node is a guarded LoanAlert',
  LoanAlertConnection: 'loanAlerts: scoped to the caller\'s bank (all for REGULATOR); totalCount over that scope',
  PledgeRegistrationChange: 'inside a guarded PledgeRegistration (the pledgee\'s changes 变更; by is a User: email and role guarded)',
  RiskSharingScheme: 'the city\'s published policy for a year (public, set by the REGULATOR)',
  ListingEnforcement: 'inside a Listing or Deal the caller may see; its loan and registration are guarded types (null for others)',
  LoanRecovery: 'inside a guarded Loan (deal is a guarded Deal; by is a User: email and role guarded by field rules)',
  LossShares: 'inside a guarded Loan, or the REGULATOR\'s FinancingSummary (aggregates)',
  FinancingSummary: 'financingSummary requires the REGULATOR; aggregates by year and county',
  LoanEdge: 'wrapper; node is a guarded Loan',
  LoanConnection: 'loans: scoped to the caller\'s loans as bank or borrower (all for REGULATOR); totalCount over that scope',
  IndicatorAuditRow: 'inside IndicatorAudit; aggregates',
  TechnologyNeedEdge: 'wrapper; node is a guarded TechnologyNeed',
  SavedListingFilter: 'inside a guarded SavedSearch',
  ListingSuggestion: 'wrapper; listing is a guarded Listing (suggestions are PUBLISHED listings)',
  NeedSuggestion: 'wrapper; need is a guarded TechnologyNeed (suggestions are OPEN needs; a hidden owner stays null)',
  TechnologyNeedConnection: 'technologyNeeds: OPEN needs or the caller’s own (filter.mine); totals and facets over that set',
  TechnologyNeedFacets: 'counts over the needs a search matched (no names: owner kinds only)',
};
