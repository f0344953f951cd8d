/**
 * What the worker needs only once the answers are in: DNSSEC validation (the validator,
 * WebCrypto glue and the pure-JavaScript curves), the diagnosis, what changed between two
 * results, the full response of one exchange (a cell opened), and the DS check before
 * publishing (its two queries and the validator that judges them). A chunk of its own, so the worker starts on the DoH queries
 * at once; lens-api.ts fetches it in the background as soon as a live check's first wave has
 * left, so it is ready when the answers are (a recorded evidence loads it at once).
 */
export { analyseEvidence, compareEvidence } from './analyse';
export { describeExchange } from '../report/describe';
export { runDsCheck } from './ds-check';
