/**
 * What a watch says about itself: the page's title while it runs and after a change, and
 * the sentence for the live region and the system notification when the verdict changes.
 * The name is the person's own input or a link's, so it goes through visibleText: a bidi
 * override or a line break cannot rearrange the title or the notification.
 */
import { VERDICTS } from '../../diagnosis/ids';
import { visibleText } from '../../dns/visible-text';
import { FAILED_RUN, type VerdictChange, type WatchRun } from '../../report/watch-timeline';

export const APP_TITLE = 'SERVFAIL Lens';

/** What the title says: a watch under way, or the last change it saw. */
export type TitleMark = VerdictChange | 'watching' | 'ended';

const MARKS: Readonly<Record<TitleMark, string>> = {
  watching: 'watching',
  fixed: '✓ fixed',
  broke: '✗ broken',
  changed: 'changed',
  ended: 'watch ended',
};

/**
 * @example watchTitle('fixed', 'www.example.com') // '✓ fixed: www.example.com — SERVFAIL Lens'
 */
export function watchTitle(mark: TitleMark, name: string): string {
  return `${MARKS[mark]}: ${visibleText(name)} — ${APP_TITLE}`;
}

/** A verdict and reason in the app's ids, e.g. `dnssec-bogus (ds-mismatch)`. */
export function verdictIds(run: Pick<WatchRun, 'verdict' | 'reason'>): string {
  return run.reason === '' ? run.verdict : `${run.verdict} (${run.reason})`;
}

/** The verdict's sentence from the one table of verdicts (diagnosis/ids.ts). */
function verdictSentence(verdict: string): string {
  if (verdict === FAILED_RUN) return 'The check could not finish.';
  return (VERDICTS as Readonly<Record<string, string>>)[verdict] ?? `Verdict ${verdict}.`;
}

export interface ChangeWords {
  /** The notification's title. */
  readonly title: string;
  /** The notification's body. */
  readonly body: string;
  /** The live region's sentence. */
  readonly sentence: string;
}

/**
 * @example changeWords('fixed', bogusRun, okRun, 'www.example.com').title // 'Fixed: www.example.com'
 */
export function changeWords(
  change: VerdictChange,
  before: WatchRun,
  after: WatchRun,
  name: string,
): ChangeWords {
  const shown = visibleText(name);
  const head = { fixed: 'Fixed', broke: 'Broken', changed: 'Changed' }[change];
  const body = `${verdictSentence(after.verdict)} Now ${verdictIds(after)}, before ${verdictIds(before)}.`;
  return { title: `${head}: ${shown}`, body, sentence: `${head}: ${shown}. ${body}` };
}

/** A run's time of day (the timeline's first entry also gives the date). */
export { clockText } from '../local-time';
