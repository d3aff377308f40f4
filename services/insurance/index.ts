// IP insurance: products, quotes and policies (被侵权损失保险, 侵权责任保险, 质押融资保证保险).
import './visibility';

export { createInsuranceProduct, insuranceProducts } from './products';
export { requestInsuranceQuote, premiumFor, myInsuranceQuotes } from './quotes';
export { bindInsurancePolicy, myInsurancePolicies, effectivePolicyStatus } from './policies';
export { underwriteInsuranceQuote } from './underwriting';
export { payInsurancePremium } from './premiumStripe';
export { recordPremiumBankTransfer, confirmPremiumBankTransfer } from './premiumTransfer';
export { policyInForce } from './guaranteeCover';
export { fileInsuranceClaim, payInsuranceClaim, myInsuranceClaims, canSeeClaim } from './claims';
