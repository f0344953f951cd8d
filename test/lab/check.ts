/**
 * `npm run lab:check [-- --write]`: every scenario at each of its resolvers (CD=0 and
 * CD=1), delv's verdict, and what each broken DoH front answers, as Markdown. The output has no timings or key tags, so two runs against
 * the same lab print the same text. `--write` puts it into test/lab/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { checkDelv, checkLab } from './check-lab';
import { checkBrokenFronts, frontsTable } from './fronts-check';
import { loadLabManifest } from './manifest';
import { runPaths } from './paths';
import { delvTable, replaceBetweenMarkers, resolverTable } from './table';

try {
  const manifest = loadLabManifest();
  // One after the other: delv's fetches must not land in the middle of a check.
  const rows = await checkLab(manifest);
  const delvRows = await checkDelv(manifest);
  const frontRows = await checkBrokenFronts(manifest);
  const report = [
    '### Resolvers through their DoH fronts (EDNS DO=1)',
    '',
    resolverTable(rows),
    '',
    '### delv',
    '',
    delvTable(delvRows),
    '',
    '### Broken DoH fronts (GET www.alg13.lab. A, 3 s limit)',
    '',
    frontsTable(frontRows),
  ].join('\n');
  console.log(report);
  if (process.argv.includes('--write')) {
    const readme = readFileSync(runPaths.readme, 'utf8');
    writeFileSync(runPaths.readme, replaceBetweenMarkers(readme, report));
    console.error(`lab:check: table written to ${runPaths.readme}`);
  }
} catch (error) {
  console.error(`lab:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
