/** The referral and case screens, loaded together as one chunk. */
export { ReferralForm } from './ReferralForm';
export { MyReferrals } from './MyReferrals';
export { ReferralQueue } from './ReferralQueue';
export { CaseRegister } from './CaseRegister';
export { CasePage } from './CasePage';
export { ResearchPage } from './ResearchPage';
