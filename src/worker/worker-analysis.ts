/**
 * What the worker needs only once the answers are in: DNSSEC validation (the validator,
 * WebCrypto glue and the pure-JavaScript curves), the diagnosis, and the full response of
 * one exchange (a cell opened). A chunk of its own, so the worker starts on the DoH queries
 * at once; lens.worker.ts fetches this chunk in the background at start-up, so it is ready
 * long before the last answer arrives.
 */
export { diagnose } from '../diagnosis/diagnose';
export { validateEvidence } from '../diagnosis/validate-evidence';
export { describeExchange } from '../report/describe';
