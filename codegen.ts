// GraphQL Code Generator: resolver types from the SDL files, so a resolver that disagrees with
// the schema does not compile. Output is generated at build time (not committed).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  ignoreNoDocuments: true,
  generates: {
    // The web console's typed operations (client preset): every graphql(`...`) in web/src is checked
    // against the schema, and its result and variables are typed.
    'web/src/gql/': {
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { ID: 'string', Money: 'string', Date: 'string', DateTime: 'string' },
      },
    },
    // Every schema type for the console (enum tables in web/src/labels.ts cover every value).
    'web/src/generated/schema.ts': {
      plugins: ['typescript'],
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { ID: 'string', Money: 'string', Date: 'string', DateTime: 'string' } },
    },
    'schema/generated/types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../../server/context#GraphQLContext',
        useIndexSignature: false,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        maybeValue: 'T | null',
        inputMaybeValue: 'T | null | undefined',
        scalars: {
          ID: 'string',
          Money: { input: 'number', output: 'number' },
          Date: { input: 'string', output: 'string' },
          DateTime: { input: 'Date', output: 'Date | string' },
        },
        mappers: {
          Organization: '../../models/organization#OrganizationDoc',
          User: '../../models/user#UserDoc',
          Invitation: '../../services/identity/members#IssuedInvitation',
          IpAsset: '../../models/ipAsset#IpAssetDoc',
          License: '../../models/license#LicenseDoc',
          Listing: '../../models/listing#ListingDoc',
          StatusChange: '../../models/history#StatusChangeFields',
          Deal: '../../models/deal#DealDoc',
          BankTransfer: '../../models/deal#BankTransferDoc',
          Recordal: '../../models/deal#RecordalFields',
          LicenceFiling: '../../models/deal#LicenceFilingFields',
          DealRefund: '../../models/deal#RefundFields',
          PublicNotice: '../../models/deal#DealDoc',
          NoticeObjection: '../../models/deal#ObjectionDoc',
          PaymentDispute: '../../models/deal#DisputeFields',
          ListingConnection: '../../services/listings/search#ListingSearchResult',
          Inquiry: '../../models/inquiry#InquiryDoc',
          InquiryMessage: '../../models/inquiry#InquiryMessageFields',
          LoanProduct: '../../models/loanProduct#LoanProductDoc',
          Loan: '../../models/loan#LoanDoc',
          LoanConnection: '../../services/financing/loanAccess#LoanPage',
          LoanAlert: '../../models/loanAlert#LoanAlertDoc',
          LoanAlertConnection: '../../services/financing/loanAlerts#LoanAlertPage',
          PledgeApplication: '../../models/pledgeApplication#PledgeApplicationDoc',
          Valuation: '../../models/pledgeApplication#ValuationFields',
          PledgeRegistration: '../../models/pledgeRegistration#PledgeRegistrationDoc',
          DueDiligence: '../../services/financing/dueDiligence#DueDiligenceView',
          AssetCheck: '../../services/financing/dueDiligence#AssetCheckView',
          InsuranceProduct: '../../models/insuranceProduct#InsuranceProductDoc',
          InsuranceQuote: '../../models/insuranceQuote#InsuranceQuoteDoc',
          InsurancePolicy: '../../models/insurancePolicy#InsurancePolicyDoc',
          Plan: '../../services/indicators/plans#PlanRow',
          PlanIndicator: '../../services/indicators/plans#PlanIndicatorRow',
          PlanChange: '../../services/indicators/plans#PlanChangeRow',
          PlanEvaluation: '../../services/indicators/planEvaluation#PlanEvaluationResult',
          Notification: '../../models/notification#NotificationDoc',
          NotificationConnection: '../../services/notifications/inbox#NotificationPage',
          PlanEvaluationIndicator: '../../services/indicators/planEvaluation#EvaluatedIndicator',
          AuditEntry: '../../models/auditEntry#AuditEntryDoc',
          AuditEntryConnection: '../../services/auditLog#AuditConnection',
          AssetChange: '../../services/assets/history#AssetChangeEntry',
          AssetVerification: '../../services/assets/history#VerificationView',
          PublicPerson: '../../models/user#UserDoc',
          RegisterImportResult: '../../services/assets/registerImport#ImportReport',
          TechnologyNeed: '../../models/technologyNeed#TechnologyNeedDoc',
          SavedSearch: '../../models/savedSearch#SavedSearchDoc',
          TechnologyNeedConnection: '../../services/needs/search#NeedSearchResult',
        },
      },
    },
  },
};
export default config;
