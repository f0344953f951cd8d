/**
 * The shape every Diagnosis must have, whatever Evidence it came from (diagnosis.ts,
 * ids.ts): a known verdict with one of its own reasons, sentences that are non-empty text,
 * and claims, warnings and suspects that cite only exchanges present in the Evidence.
 */
import type { Diagnosis } from '../../src/diagnosis/diagnosis';
import { VERDICT_REASONS, VERDICTS } from '../../src/diagnosis/ids';
import type { Evidence } from '../../src/evidence/evidence';
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
