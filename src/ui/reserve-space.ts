/**
 * The verdict's place, kept from the moment a check view is drawn (issue 14: nothing moves
 * when results arrive). A verdict arrives after the grid and the chain panel are on screen,
 * and may be a few lines or a long page of fixes; no fixed height fits both. So its slot
 * takes at least the rest of the window below its top: what is drawn under it while the
 * check runs starts below the fold, where a verdict of any length moves it unseen.
 */

/** Never less than this, whatever the window (a phone held sideways). */
const MIN_SLOT_PX = 256;

/** A Svelte attachment: sets the slot's minimum height through CSSOM (the CSP allows no style attributes). */
export function reserveRestOfWindow(slot: HTMLElement): void {
  const top = Math.max(0, slot.getBoundingClientRect().top);
  const rest = Math.round(window.innerHeight - top);
  slot.style.minHeight = `${Math.max(MIN_SLOT_PX, rest)}px`;
}
