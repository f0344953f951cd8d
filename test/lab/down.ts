/**
 * `npm run lab:down`: stops the processes listed in run/pids/ (by PID, never by name) and
 * removes the loopback addresses lab:up added. Safe to run when the lab is not up.
 */
import { labDown } from './lifecycle';

try {
  await labDown((line) => console.log(`lab:down: ${line}`));
} catch (error) {
  console.error(`lab:down: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
