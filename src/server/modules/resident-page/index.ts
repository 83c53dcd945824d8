/**
 * The resident page's front door (群众诉求 · 扫码反映, issue 11 point 9): a resident without an
 * account files a problem from a village's QR code and follows it with a tracking code. Its use
 * cases serve only its public routes; nothing else needs them yet.
 */
export { submitResidentCase, titleOf } from './submit-resident-case.ts';
export { trackResidentCase } from './track-resident-case.ts';
