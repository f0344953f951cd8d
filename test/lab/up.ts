/**
 * `npm run lab:up`: generates, signs and starts the DNS lab (see README.md), then waits
 * until every resolver answers through its DoH front and the registry over RDAP. Needs root.
 */
import { labUp } from './lifecycle';
import { runPaths } from './paths';

const log = (line: string): void => console.log(`lab:up: ${line}`);
const started = performance.now();

try {
  const result = await labUp(log);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.alreadyUp) {
    log(`already up and healthy (checked in ${seconds} s); manifest ${runPaths.manifest}`);
  } else {
    const manifest = result.manifest;
    for (const resolver of [...(manifest?.resolvers ?? []), ...(manifest?.extraResolvers ?? [])]) {
      log(`${resolver.id.padEnd(18)} ${resolver.dohUrl}  (udp ${resolver.udp})`);
    }
    const broken = manifest?.brokenFronts.map((front) => front.id) ?? [];
    if (broken.length > 0) {
      const base = manifest?.brokenFronts[0]?.url.replace(/\/[^/]+\/dns-query$/, '') ?? '';
      log(`${'broken fronts'.padEnd(18)} ${base}/{${broken.join(',')}}/dns-query`);
    }
    if (result.manifest !== null) log(`${'rdap'.padEnd(18)} ${result.manifest.rdap.bootstrap}`);
    log(`up in ${seconds} s; manifest ${runPaths.manifest}`);
  }
} catch (error) {
  console.error(`lab:up: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
