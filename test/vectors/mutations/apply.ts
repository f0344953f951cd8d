/**
 * Applies one mutation (mutations/cases.ts) to the recorded responses: a single change to a
 * record, a removed record or response, a different trust anchor, clock or budget.
 */

import type { Message } from '../../../src/dns/wire/message';
import { nameFromText, nameToText, nameToWire } from '../../../src/dns/wire/name';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { typeFromText } from '../../../src/dns/wire/types';
import type { ValidationInput } from '../../../src/dnssec/validate';
import { decodeRrsig } from '../../../src/dnssec/rdata/rrsig';
import { inputFor, responses, trustAnchors } from '../helpers/signed-evidence';
import type { Mutation, RecordOp, RecordSelector } from './cases';

function matches(rr: ResourceRecord, sel: RecordSelector): boolean {
  if (sel.owner !== undefined && nameToText(rr.owner).toLowerCase() !== sel.owner.toLowerCase())
    return false;
  if (rr.type !== typeFromText(sel.type)) return false;
  if (sel.covers !== undefined && ((rr.rdata[0]! << 8) | rr.rdata[1]!) !== typeFromText(sel.covers))
    return false;
  if (sel.flags !== undefined && ((rr.rdata[0]! << 8) | rr.rdata[1]!) !== sel.flags) return false;
  return true;
}

function withRdata(rr: ResourceRecord, edit: (b: Uint8Array) => Uint8Array): ResourceRecord {
  return { ...rr, rdata: edit(rr.rdata.slice()) };
}

function applyOp(rr: ResourceRecord, op: RecordOp): ResourceRecord | undefined {
  switch (op.op) {
    case 'remove':
      return undefined;
    case 'flip-last-byte':
      return withRdata(rr, (b) => ((b[b.length - 1]! ^= 0x01), b));
    case 'flip-byte':
      return withRdata(rr, (b) => ((b[op.at]! ^= 0x01), b));
    case 'set-byte':
      return withRdata(rr, (b) => ((b[op.at] = op.value), b));
    case 'add-u16':
      return withRdata(rr, (b) => {
        const v = (((b[op.at]! << 8) | b[op.at + 1]!) + op.delta) & 0xffff;
        b[op.at] = v >> 8;
        b[op.at + 1] = v & 255;
        return b;
      });
    case 'set-u16':
      return withRdata(rr, (b) => ((b[op.at] = op.value >> 8), (b[op.at + 1] = op.value & 255), b));
    case 'rrsig-signer': {
      const sig = decodeRrsig(rr.rdata);
      const signer = nameFromText(op.signer);
      if (!sig.ok || !signer.ok) throw new Error('bad rrsig-signer mutation');
      const head = rr.rdata.subarray(0, 18);
      const out = new Uint8Array([...head, ...nameToWire(signer.value), ...sig.value.signature]);
      return { ...rr, rdata: out };
    }
    case 'duplicate-flipped': {
      throw new Error('handled by the caller');
    }
  }
}

function mutateMessage(
  m: Message,
  sel: RecordSelector,
  op: RecordOp,
): { message: Message; hits: number } {
  let hits = 0;
  const edit = (list: readonly ResourceRecord[]): ResourceRecord[] => {
    const out: ResourceRecord[] = [];
    for (const rr of list) {
      if (!matches(rr, sel) || (sel.nth !== undefined && hits++ !== sel.nth)) {
        out.push(rr);
        continue;
      }
      if (sel.nth === undefined) hits++;
      if (op.op === 'duplicate-flipped') {
        // Broken copies first, so that a validator without limits would try them all.
        for (let i = 0; i < op.count; i++)
          out.push(withRdata(rr, (b) => ((b[b.length - 1 - (i % 16)]! ^= 1 + (i >> 4)), b)));
        out.push(rr);
        continue;
      }
      const changed = applyOp(rr, op);
      if (changed) out.push(changed);
    }
    return out;
  };
  return { message: { ...m, answer: edit(m.answer), authority: edit(m.authority) }, hits };
}

export function mutatedInput(mutation: Mutation): ValidationInput {
  const pool = new Map(responses);
  for (const key of mutation.removeResponses ?? []) {
    if (!pool.delete(key)) throw new Error(`${mutation.id}: no response ${key} to remove`);
  }
  for (const e of mutation.edits ?? []) {
    const m = pool.get(e.response);
    if (!m) throw new Error(`${mutation.id}: no response ${e.response}`);
    const r = mutateMessage(m, e.select, e.op);
    if (r.hits === 0) throw new Error(`${mutation.id}: selector matched nothing in ${e.response}`);
    pool.set(e.response, r.message);
  }
  const base = inputFor(mutation.scenario, pool, mutation.now);
  let anchors = trustAnchors();
  if (mutation.anchor) {
    const op = mutation.anchor;
    anchors = anchors.map((a) => ({
      ...a,
      ds: a.ds.map((rr) => applyOp(rr, op)!),
    }));
  }
  return {
    ...base,
    trustAnchors: anchors,
    ...(mutation.limits ? { limits: mutation.limits } : {}),
  };
}
