/**
 * Extra loopback addresses for the authoritative servers.
 *
 * Linux routes all of 127.0.0.0/8 to `lo`, but `named` listens only on addresses that an
 * interface carries, so each server address is added to `lo` as a /32. Only the addresses
 * this lab added are recorded, and only those are removed again.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runPaths } from './paths';
import { runTool, runToolOrThrow } from './shell';

async function addressesOnLoopback(): Promise<Set<string>> {
  const output = await runToolOrThrow('ip', ['-o', '-4', 'addr', 'show', 'dev', 'lo']);
  const addresses = [...output.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((match) => match[1]);
  return new Set(addresses.filter((address): address is string => address !== undefined));
}

function recordedAddresses(): string[] {
  if (!existsSync(runPaths.addedAddresses)) return [];
  const parsed: unknown = JSON.parse(readFileSync(runPaths.addedAddresses, 'utf8'));
  return Array.isArray(parsed)
    ? parsed.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Adds the missing addresses to `lo` and records them (together with earlier records). */
export async function addLoopbackAddresses(addresses: readonly string[]): Promise<void> {
  const present = await addressesOnLoopback();
  const added = recordedAddresses();
  for (const address of addresses) {
    if (!address.startsWith('127.')) throw new Error(`refusing a non-loopback address ${address}`);
    if (present.has(address)) continue;
    const result = await runTool('ip', ['addr', 'add', `${address}/32`, 'dev', 'lo']);
    if (result.status !== 0) {
      throw new Error(
        `ip addr add ${address}/32 dev lo: ${result.stderr.trim()} ` +
          '(needs root with CAP_NET_ADMIN; in Docker: --cap-add NET_ADMIN)',
      );
    }
    added.push(address);
    // Record after each step, so a failure half-way still lets lab:down clean up.
    writeFileSync(runPaths.addedAddresses, `${JSON.stringify(added)}\n`);
  }
}

/** Removes exactly the addresses lab:up recorded; addresses someone else added stay. */
export async function removeAddedLoopbackAddresses(): Promise<string[]> {
  const added = recordedAddresses();
  const present = await addressesOnLoopback();
  const removed: string[] = [];
  for (const address of added) {
    if (!present.has(address)) continue;
    const result = await runTool('ip', ['addr', 'del', `${address}/32`, 'dev', 'lo']);
    if (result.status !== 0) throw new Error(`ip addr del ${address}: ${result.stderr.trim()}`);
    removed.push(address);
  }
  rmSync(runPaths.addedAddresses, { force: true });
  return removed;
}

/**
 * Takes one address that lab:up added off `lo` before lab:down does (a server that goes
 * silent). It stays recorded, so lab:down knows it as the lab's and finds nothing to do.
 */
export async function removeLoopbackAddress(address: string): Promise<void> {
  if (!recordedAddresses().includes(address)) {
    throw new Error(`${address} was not added by the lab; refusing to remove it`);
  }
  if (!(await addressesOnLoopback()).has(address)) return;
  const result = await runTool('ip', ['addr', 'del', `${address}/32`, 'dev', 'lo']);
  if (result.status !== 0) throw new Error(`ip addr del ${address}: ${result.stderr.trim()}`);
}
