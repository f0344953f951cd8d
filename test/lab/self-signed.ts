/**
 * A self-signed certificate for an IP address (P-256, valid one day), made with openssl:
 * for DoH fronts over HTTPS on loopback (the page benchmark's HTTP/2 fronts and their test).
 * A browser takes it with `--ignore-certificate-errors`; Node's client with
 * `rejectUnauthorized: false`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyAndCertificate {
  /** PEM. */
  readonly key: string;
  /** PEM. */
  readonly cert: string;
}

export function selfSignedFor(address: string): KeyAndCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'lens-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
    args.push('-nodes', '-days', '1', '-subj', `/CN=${address}`);
    args.push('-addext', `subjectAltName=IP:${address}`, '-keyout', key, '-out', cert);
    execFileSync('openssl', args, { stdio: 'ignore' });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
