/**
 * Every command the app offers for copying, pasted into a real bash: lab recordings made
 * hostile (NS and CNAME targets, the question, the registry's nameservers holding
 * `` ` $( ) ; | & < > ' " \ ``, line breaks, globs, `!`, a leading `-` and bidi overrides),
 * diagnosed, and every command of every fix and of every exchange's detail pane pasted at
 * once. `dig`, `delv`, `curl` and `python3` are stubs that record their argv; `touch` and
 * friends are canaries (shell-stubs.ts).
 *
 * Then: no file appears, no canary runs, bash complains of nothing, each stub runs once per
 * command with exactly the words the builder quoted, and the hostile name reaches dig as
 * one argument that reads back as the same octets.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/diagnosis/diagnosis';
import { fqdn } from '../../../src/dns/name';
import { CURL_DECODER, commandName, shellQuote } from '../../../src/dns/shell-command';
import { lowerName, nameFromText, nameToText, type Name } from '../../../src/dns/wire/name';
import type { Evidence } from '../../../src/evidence/evidence';
import { describeExchange } from '../../../src/report/describe';
import { diagnoseAt, fixture } from '../diagnosis/lab-evidence';
import {
  HOSTILE_LABELS,
  hostileName,
  mapExchanges,
  rewriteResponse,
  withCnameTarget,
  withNsTargets,
  withQuestionName,
  withRegistryNameservers,
} from './hostile-evidence';
import { pasteIntoBash, type Invocation } from './shell-stubs';

/** One hostile evidence and the name argument that must reach dig intact. */
interface Case {
  readonly label: string;
  /** The lab recording it was made from. */
  readonly from: string;
  readonly evidence: Evidence;
  /** The hostile name as dig must receive it (after `@` for a server). */
  readonly argument: string;
  /** Its octets, when it came from DNS (a registry string has no octets of its own). */
  readonly octets?: Name;
}

const octetsOf = (name: Name) => name.map((label) => [...label]);

/**
 * The parent (`lab.`) delegates to a hostile nameserver: the lame card's `dig @… NS`. The
 * diagnosis lowers the case of NS hosts (RFC 4343), so dig gets the lower-case octets.
 */
function parentNsCase(label: string): Case {
  const ns = lowerName(hostileName(label, 'evil', 'lab'));
  return {
    label,
    from: 'lame',
    evidence: mapExchanges(
      fixture('lame'),
      (x) => x.purpose === 'ns' && x.question.name === 'lab.',
      withNsTargets([hostileName(label, 'EVIL', 'lab')]),
    ),
    argument: `@${commandName(nameToText(ns))}`,
    octets: ns,
  };
}

/** A link's question holds the label: DoH reproductions, and `+trace` where offered. */
function questionCase(label: string): Case {
  const name = hostileName(label, 'lame', 'lab');
  return {
    label,
    from: 'lame',
    evidence: withQuestionName(fixture('lame'), name),
    argument: commandName(nameToText(name)),
    octets: name,
  };
}

/**
 * An alias to a hostile zone: the CNAME target, and the follow-up questions the collector
 * would then have asked about it (as the wire layer prints the name).
 */
function cnameCase(label: string): Case {
  const zone = hostileName(label, 'lab');
  const www = [new TextEncoder().encode('www'), ...zone];
  const renamed: Readonly<Record<string, Name>> = { 'expired.lab.': zone, 'www.expired.lab.': www };
  let evidence = mapExchanges(
    fixture('cname-bogus'),
    (x) => x.purpose === 'target',
    withCnameTarget(www),
  );
  evidence = mapExchanges(
    evidence,
    (x) => renamed[x.question.name] !== undefined,
    (x) => {
      const name = renamed[x.question.name]!;
      const asked = { ...x, question: { ...x.question, name: nameToText(name) } };
      return rewriteResponse((m) => ({ ...m, question: m.question.map((q) => ({ ...q, name })) }))(
        asked,
      );
    },
  );
  return {
    label,
    from: 'cname-bogus',
    evidence,
    argument: commandName(nameToText(zone)),
    octets: zone,
  };
}

/** The registry lists a hostile host, and a hostile "address" (past the reader's checks). */
function registryCase(label: string): Case {
  const host = `${label}.evil.lab`;
  return {
    label,
    from: 'lame',
    evidence: withRegistryNameservers(fixture('lame'), [
      { ldhName: host, v4: [] },
      { ldhName: 'ns2.evil.lab', v4: [`127.0.0.9;${label}`] },
    ]),
    argument: `@${commandName(fqdn(host))}`,
  };
}

/** The registry's only nameserver has a hostile name that does not resolve: `dig <host> A`. */
function orphanCase(label: string): Case {
  const host = fqdn(`${label}.gone.lab`);
  const evidence = mapExchanges(
    withRegistryNameservers(fixture('orphan'), [{ ldhName: host, v4: [] }]),
    (x) => x.question.name === 'ns1.gone.lab.',
    (x) => ({ ...x, question: { ...x.question, name: host } }),
  );
  return { label, from: 'orphan', evidence, argument: commandName(host) };
}

/**
 * Every command of every fix, and the copy buttons of the detail pane (dig and curl over
 * DoH) of the exchanges that asked a name `argument` stands for. Detail panes of the
 * recording's other exchanges offer the same commands in every case and are left out.
 */
function commandsOf(c: Case, d: Diagnosis): string[] {
  const fixes = d.fixes.flatMap((f) => f.commands);
  const recorded = new Set(fixture(c.from).exchanges.map((x) => x.question.name));
  const hostile = c.evidence.exchanges.filter((x) => !recorded.has(x.question.name));
  const details = hostile.slice(0, 4).flatMap((x) => {
    const detail = describeExchange(x);
    return detail.curlCommand === undefined
      ? [detail.digCommand]
      : [detail.digCommand, detail.curlCommand];
  });
  return [...new Set([...fixes, ...details])];
}

const PROGRAMS = new Set(['dig', 'delv', 'curl']);

/** The command line the builder meant, from the words bash actually passed. */
function rebuilt(call: Invocation): string {
  const line = [call.program, ...call.argv.map(shellQuote)].join(' ');
  return call.program === 'curl' ? line.replace(/^curl -sS -H/, 'curl -sS -H') : line;
}

describe.each([
  ['NS targets of the parent (the lame card)', parentNsCase],
  ['the question (from a link)', questionCase],
  ['a CNAME target', cnameCase],
  ['the registry’s nameservers and glue', registryCase],
  ['a registry nameserver without an address', orphanCase],
] as const)('hostile %s, pasted into bash', (_, make) => {
  it('runs only the stubs, with the quoted words, and creates nothing', async () => {
    const cases = HOSTILE_LABELS.map(make);
    const perCase: string[][] = [];
    for (const c of cases) perCase.push(commandsOf(c, await diagnoseAt(c.evidence)));
    const commands = [...new Set(perCase.flat())];
    for (const command of commands) expect(command).not.toMatch(/[\n\r\0]/);

    const run = pasteIntoBash(commands);
    expect(run.created).toEqual([]);
    expect(
      run.invocations.filter((i) => !PROGRAMS.has(i.program) && i.program !== 'python3'),
    ).toEqual([]);
    expect(run.stderr).not.toMatch(
      /command not found|syntax error|unexpected|No such file|event not found|bad substitution|\[\d+\]/,
    );

    // One run per command, in order, with exactly the words the builder quoted.
    const calls = run.invocations.filter((i) => PROGRAMS.has(i.program));
    expect(calls.map(rebuilt)).toEqual(
      commands.map((c) => (c.startsWith('curl ') ? c.slice(0, -` | ${CURL_DECODER}`.length) : c)),
    );
    expect(run.invocations.filter((i) => i.program === 'python3')).toHaveLength(
      commands.filter((c) => c.startsWith('curl ')).length,
    );

    // Each hostile name reaches dig as one argument, and dig reads the same octets from it.
    for (const [i, c] of cases.entries()) {
      expect(perCase[i]!.length, c.label).toBeGreaterThan(0);
      const received = calls.filter((k) => k.program === 'dig').flatMap((k) => k.argv);
      expect(received, c.label).toContain(c.argument);
      if (c.octets) {
        const read = nameFromText(c.argument.replace(/^@/, ''));
        expect(read.ok && octetsOf(read.value), c.label).toEqual(octetsOf(c.octets));
      }
    }
  }, 120_000);
});
