/**
 * DNSSEC keys and signatures, made by BIND's own tools so the lab is signed the way real
 * zones are: dnssec-keygen, dnssec-signzone and dnssec-dsfromkey (BIND 9.18).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runToolOrThrow } from './shell';
import { KEYGEN_ALGORITHM, type DnssecAlgorithm, type ZoneSigning } from './zones';

/** TTL of DNSKEY records; dnssec-signzone refuses keys made without one (`-L`). */
export const DNSKEY_TTL = 300;

export interface ZoneKey {
  /** Path without extension: `<dir>/K<zone>+<alg>+<tag>` (add `.key` / `.private`). */
  readonly base: string;
  readonly role: 'ksk' | 'zsk';
}

/**
 * Generates one key pair in `dir`. A KSK carries the SEP flag (flags 257, RFC 4034 §2.1.1).
 * `ttl` is the TTL its DNSKEY record gets in the zone.
 */
export async function generateKey(
  dir: string,
  zone: string,
  algorithm: DnssecAlgorithm,
  role: 'ksk' | 'zsk',
  ttl: number = DNSKEY_TTL,
): Promise<ZoneKey> {
  const { mnemonic, bits } = KEYGEN_ALGORITHM[algorithm];
  const args = ['-q', '-K', dir, '-a', mnemonic, '-L', String(ttl)];
  if (bits !== undefined) args.push('-b', String(bits));
  if (role === 'ksk') args.push('-f', 'KSK');
  args.push(zone);
  const name = (await runToolOrThrow('dnssec-keygen', args)).trim();
  return { base: join(dir, name), role };
}

/** A KSK and a ZSK, generated concurrently. */
export async function generateKeyPair(
  dir: string,
  zone: string,
  algorithm: DnssecAlgorithm,
): Promise<readonly [ZoneKey, ZoneKey]> {
  return Promise.all([
    generateKey(dir, zone, algorithm, 'ksk'),
    generateKey(dir, zone, algorithm, 'zsk'),
  ]);
}

/** The DNSKEY record of a key in presentation format, for the zone's apex. */
export async function dnskeyRecord(key: ZoneKey): Promise<string> {
  const text = await readFile(`${key.base}.key`, 'utf8');
  const record = text.split('\n').find((line) => line.trim() !== '' && !line.startsWith(';'));
  if (record === undefined) throw new Error(`no DNSKEY in ${key.base}.key`);
  return record.trim();
}

/**
 * The DS of a key: `<owner> IN DS <tag> <alg> <type> <hex>`, SHA-256 (digest type 2,
 * RFC 4509) unless SHA-1 (type 1, RFC 4034 §5.1.4) is asked for.
 */
export async function dsRecord(key: ZoneKey, digestType: 1 | 2 = 2): Promise<string> {
  const args = [`-${digestType}`, `${key.base}.key`];
  return (await runToolOrThrow('dnssec-dsfromkey', args)).trim();
}

/**
 * The CDS and CDNSKEY records of a key (RFC 7344 §3.1, §3.2): the same RDATA as its
 * SHA-256 DS and its DNSKEY, which the child publishes for its parent to copy.
 */
export async function childSyncRecords(key: ZoneKey): Promise<readonly [string, string]> {
  // -C: dnssec-dsfromkey writes the digest as a CDS record instead of a DS.
  const cds = (await runToolOrThrow('dnssec-dsfromkey', ['-C', '-2', `${key.base}.key`])).trim();
  const dnskey = await dnskeyRecord(key);
  const cdnskey = dnskey.replace(/\sDNSKEY\s/, ' CDNSKEY ');
  if (cdnskey === dnskey) throw new Error(`no DNSKEY type in ${key.base}.key`);
  return [cds, cdnskey];
}

export interface SignRequest {
  readonly origin: string;
  readonly zoneFile: string;
  readonly signedFile: string;
  readonly keys: readonly ZoneKey[];
  readonly signing: ZoneSigning;
  /** The clock the validity window is computed from. */
  readonly now: Date;
}

/** dnssec-signzone's absolute time format, YYYYMMDDHHMMSS in UTC. */
function signzoneTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const DAY_MS = 86_400_000;

/**
 * Signs a zone file that already contains its DNSKEY records.
 *
 * Current zones use dnssec-signzone's defaults (inception one hour ago, expiration in 30
 * days). An expired zone gets a window that ended two days ago; `-P` skips the post-signing
 * verification, which would reject such signatures.
 */
export async function signZone(request: SignRequest): Promise<void> {
  // -x: only the KSK signs the DNSKEY RRset, as in the root zone, so a validator must
  // follow DS → KSK → DNSKEY RRset → ZSK → data (RFC 4035 §5).
  const args = ['-q', '-x', '-o', request.origin, '-f', request.signedFile];
  if (request.signing.denial === 'nsec3') {
    // RFC 9276 §3.1: no salt ("-") and 0 additional iterations, unless the zone exists to
    // show other parameters.
    const { salt, iterations } = request.signing.nsec3 ?? { salt: '-', iterations: 0 };
    args.push('-3', salt, '-H', String(iterations));
  }
  if (request.signing.validity === 'expired') {
    // Two days, not one: Unbound forgives a signature that expired up to a tenth of its
    // validity window ago, at most `val-sig-skew-max` (default 86400 s), so a window that
    // ended exactly a day ago still validated within the second it was signed.
    const now = request.now.getTime();
    args.push('-P', '-s', signzoneTime(new Date(now - 30 * DAY_MS)));
    args.push('-e', signzoneTime(new Date(now - 2 * DAY_MS)));
  }
  args.push(request.zoneFile, ...request.keys.map((key) => key.base));
  // dnssec-signzone also writes dsset-<zone> files into its working directory.
  await runToolOrThrow('dnssec-signzone', args, { cwd: dirname(request.signedFile) });
}
