/**
 * What opening Evidence must give, whatever the Evidence: grid summaries with a status or
 * an error, a validation with a proof or a stated problem, and a Diagnosis (diagnosis.ts,
 * ids.ts) with a known verdict and one of its own reasons, sentences that are non-empty
 * text, and claims, warnings and suspects that cite only exchanges present in the Evidence;
 * then the page's chain panel, exchange details and Markdown report (never HTML).
 */
import { chainView } from '../../src/diagnosis/chain-view';
import { diagnose } from '../../src/diagnosis/diagnose';
import type { Diagnosis } from '../../src/diagnosis/diagnosis';
import { VERDICT_REASONS, VERDICTS } from '../../src/diagnosis/ids';
import { validateEvidence, type EvidenceValidation } from '../../src/diagnosis/validate-evidence';
import { STATUSES } from '../../src/dnssec/status';
import type { Evidence } from '../../src/evidence/evidence';
import { describeExchange } from '../../src/report/describe';
import { TRANSPORT_ERROR_CLASSES } from '../../src/evidence/codec';
import { markdownReport } from '../../src/report/markdown';
import { summariseExchange } from '../../src/report/summarise';
import { reportVerdictOf } from '../../src/ui/share/report-verdict';
import { nonEmptyString, shape, stringList } from './entry';

const CONFIDENCE = new Set(['high', 'medium', 'low']);
const FIX_KINDS = new Set(['fix', 'emergency', 'workaround', 'check']);

/** Text a person reads must not show a JavaScript value that leaked into a sentence. */
function sentence(value: unknown, what: string): void {
  nonEmptyString(value, what);
  shape(!/\bundefined\b|\[object \w+\]/.test(value), `${what} shows a JavaScript value: ${value}`);
}

export function checkDiagnosis(d: Diagnosis, evidence: Evidence): void {
  shape(Object.hasOwn(VERDICTS, d.verdict), `unknown verdict ${d.verdict}`);
  shape(VERDICT_REASONS[d.verdict].includes(d.reason), `${d.verdict} with reason ${d.reason}`);
  shape(CONFIDENCE.has(d.confidence), `confidence ${d.confidence}`);
  sentence(d.headline, 'headline');
  sentence(d.whatToDo, 'whatToDo');
  stringList(d.detail, 'detail');
  d.detail.forEach((p, i) => sentence(p, `detail[${i}]`));
  const ids = new Set([
    ...evidence.exchanges.map((x) => x.id),
    ...(evidence.rdap ?? []).map((l) => l.id),
  ]);
  const cites = (list: readonly string[], what: string): void => {
    stringList(list, what);
    for (const id of list) shape(ids.has(id), `${what} cites ${id}, which is not in the evidence`);
  };
  d.claims.forEach((c, i) => {
    sentence(c.text, `claim ${i}`);
    cites(c.exchanges, `claim ${i}`);
    stringList(c.records, `claim ${i} records`);
  });
  d.warnings.forEach((w, i) => {
    sentence(w.text, `warning ${i}`);
    cites(w.exchanges, `warning ${i}`);
  });
  d.suspects.forEach((s, i) => {
    sentence(s.text, `suspect ${i}`);
    stringList(s.problems, `suspect ${i} problems`);
    cites(s.exchanges, `suspect ${i}`);
  });
  d.fixes.forEach((f, i) => {
    shape(FIX_KINDS.has(f.kind), `fix ${i} kind ${f.kind}`);
    sentence(f.title, `fix ${i} title`);
    sentence(f.text, `fix ${i} text`);
    stringList(f.records, `fix ${i} records`);
    stringList(f.commands, `fix ${i} commands`);
  });
  stringList(d.oddResolvers, 'oddResolvers');
  stringList(d.unknowns, 'unknowns');
  stringList(d.notDone, 'notDone');
  shape(d.stats.queries === evidence.exchanges.length, 'stats.queries');
  // A Diagnosis crosses the worker boundary and is saved: it must be plain data.
  structuredClone(d);
}

/**
 * What the app does with Evidence it opens (lens.worker.ts `finish`, then the page): the
 * grid summaries, validation and diagnosis as of `finishedAt`, the chain panel, each
 * exchange's detail (dig text, commands) and the Markdown report. Every piece is checked;
 * returns the `verdict/reason` class.
 */
export async function analyse(evidence: Evidence): Promise<string> {
  const now = evidence.finishedAt / 1000;
  checkSummaries(evidence);
  const validation = await validateEvidence(evidence, { now });
  checkValidation(validation, evidence);
  const diagnosis = await diagnose(evidence, { now, validation });
  checkDiagnosis(diagnosis, evidence);
  const chain = chainView(validation);
  nonEmptyString(chain.headline, 'chain headline');
  chain.links.forEach((l, i) => stringList(l.problems, `chain link ${i} problems`));
  for (const x of evidence.exchanges) {
    const detail = describeExchange(x);
    nonEmptyString(detail.dig, `detail of ${x.id}: dig text`);
  }
  const report = markdownReport({
    evidence,
    verdict: reportVerdictOf(diagnosis),
    liveUrl: 'https://lens.example/#/check/example.com?type=A',
    evidenceUrl: null,
  });
  nonEmptyString(report, 'Markdown report');
  const tag = rawTag(report);
  shape(tag === undefined, `the Markdown report contains HTML: ${tag}`);
  return `${diagnosis.verdict}/${diagnosis.reason}`;
}

/**
 * The first `<` that would open an HTML tag in Markdown (CommonMark §6.6), outside code
 * spans (§6.1: fenced by runs of equally many backticks) and not backslash-escaped (§2.4).
 */
export function rawTag(markdown: string): string | undefined {
  let i = 0;
  while (i < markdown.length) {
    const c = markdown[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === '`') {
      let n = 0;
      while (markdown[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      let end = markdown.indexOf(fence, i + n);
      while (end !== -1 && markdown[end + n] === '`') {
        let skip = end;
        while (markdown[skip] === '`') skip++;
        end = markdown.indexOf(fence, skip);
      }
      i = end === -1 ? i + n : end + n;
    } else if (c === '<' && /^<[A-Za-z!/?]/.test(markdown.slice(i, i + 2))) {
      return markdown.slice(i, i + 40);
    } else {
      i += 1;
    }
  }
  return undefined;
}

function checkSummaries(evidence: Evidence): void {
  for (const x of evidence.exchanges) {
    const s = summariseExchange(x);
    shape(s.id === x.id && s.purpose === x.purpose, `summary of ${x.id}: wrong exchange`);
    stringList(s.flags, `summary of ${x.id}: flags`);
    stringList(s.answer, `summary of ${x.id}: answer`);
    shape(s.answer.length <= 20, `summary of ${x.id}: more than 20 answer lines`);
    shape(
      s.ttl === null || (Number.isInteger(s.ttl) && s.ttl >= 0),
      `summary of ${x.id}: ttl ${s.ttl}`,
    );
    for (const e of s.ede) {
      shape(Number.isInteger(e.code) && typeof e.text === 'string', `${x.id}: EDE shape`);
      nonEmptyString(e.name, `summary of ${x.id}: EDE name`);
    }
    if (s.answered) {
      nonEmptyString(s.status, `summary of ${x.id}: rcode`);
    } else {
      shape(
        (TRANSPORT_ERROR_CLASSES as readonly string[]).includes(s.status),
        `summary of ${x.id}: status ${s.status} is no transport class`,
      );
      nonEmptyString(s.error, `summary of ${x.id}: error`);
    }
  }
}

function checkValidation(v: EvidenceValidation, evidence: Evidence): void {
  const ids = new Set(evidence.exchanges.map((x) => x.id));
  if (v.proof === null) nonEmptyString(v.problem, 'validation without a proof: problem');
  else shape(STATUSES.includes(v.proof.status), `proof status ${v.proof.status}`);
  shape(v.targetExchange === null || ids.has(v.targetExchange), 'validation: unknown target');
  for (const s of v.sources) {
    nonEmptyString(s.zone, 'validation source zone');
    shape(s.ds === undefined || ids.has(s.ds), `validation source ${s.zone}: unknown DS id`);
    shape(s.dnskey === undefined || ids.has(s.dnskey), `${s.zone}: unknown DNSKEY id`);
  }
}
