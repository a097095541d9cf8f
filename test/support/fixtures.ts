/** Request bodies several tests send, with synthetic details only (no names). */

/** A referral as a police member would send it; `over` changes any field. */
export const referralBody = (over: Record<string, unknown> = {}) => ({
  agencyId: 'agency-pol',
  reason: 'Domestic incident; the woman is pregnant.',
  riskLevel: 'high',
  childrenInvolved: true,
  consent: 'refused',
  lawfulBasis: 'Prevention of serious harm (domestic abuse)',
  vulnerabilities: ['domestic abuse'],
  summary: 'Pregnant woman, partner arrested after a call-out.',
  urgent: true,
  ...over,
});
