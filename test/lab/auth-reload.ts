/**
 * Makes the authoritative `named` load rewritten zone files and waits until it serves them.
 *
 * The lab's named.conf turns rndc off (`controls { }`, named-conf.ts), so the reload is a
 * SIGHUP to the PID in run/pids/auth-named.pid (named(8): SIGHUP reloads the configuration
 * and every zone whose file changed). Whether it worked is read off the servers: each zone's
 * SOA serial, asked over UDP at each address that serves it, must be the one just written.
 */
import { forwardQuery } from './doh-forward';
import { isRunning, recordedProcesses, type LabProcess } from './processes';
import { AUTH_PROCESS } from './servers';
import { AUTH_PORT } from './topology';
import { buildQuery, decodeMessage } from './wire';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServedSerial {
  readonly zone: string;
  /** The server's address (port 53). */
  readonly address: string;
  readonly serial: number;
}

/** A reload may land while named is still loading the previous one: signal again after this. */
const RESIGNAL_MS = 2000;

function authProcess(): LabProcess {
  const auth = recordedProcesses().find((labProcess) => labProcess.name === AUTH_PROCESS);
  if (auth === undefined || !isRunning(auth)) {
    throw new Error('the authoritative named is not running: start the lab with `npm run lab:up`');
  }
  return auth;
}

/** The serial the server gives for the zone's SOA now, or what went wrong. */
export async function servedSerial(zone: string, address: string): Promise<number | string> {
  try {
    const query = buildQuery({ qname: zone, qtype: 'SOA', cd: false });
    const answer = decodeMessage(
      await forwardQuery({ host: address, port: AUTH_PORT }, query, 1000),
    );
    const soa = answer.answers.find((record) => record.type === 'SOA');
    // RFC 1035 §3.3.13: MNAME RNAME SERIAL …
    const serial = Number(soa?.data.split(' ')[2]);
    return Number.isInteger(serial) ? serial : `${answer.rcode}, no SOA`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * SIGHUP to the authoritative named until every zone is served with its serial (none when
 * they all are already, so this also checks that a change made earlier is being served).
 */
export async function reloadAuthoritative(
  expected: readonly ServedSerial[],
  timeoutMs = 15_000,
): Promise<void> {
  const auth = authProcess();
  const deadline = Date.now() + timeoutMs;
  let signalled = 0;
  let pending = [...expected];
  const last = new Map<ServedSerial, number | string>();
  for (;;) {
    const seen = await Promise.all(pending.map((want) => servedSerial(want.zone, want.address)));
    pending = pending.filter((want, index) => {
      last.set(want, seen[index] ?? 'no answer');
      return seen[index] !== want.serial;
    });
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      const report = pending.map(
        (want) => `${want.zone} @${want.address}: ${String(last.get(want))}, not ${want.serial}`,
      );
      throw new Error(
        `named did not load the new zones within ${timeoutMs} ms: ${report.join('; ')}`,
      );
    }
    if (Date.now() - signalled >= RESIGNAL_MS) {
      process.kill(auth.pid, 'SIGHUP');
      signalled = Date.now();
    }
    await sleep(50);
  }
}
