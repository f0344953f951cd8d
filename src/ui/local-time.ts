/**
 * A moment as the person's local date and time, `2026-12-01 14:04:16 (UTC+01:00)`, written
 * out by hand: `toLocaleString` costs ~50 ms on its first call (it loads the locale's data),
 * inside the task that draws an evidence link. Unambiguous in every locale; null for a time
 * that is not one (a damaged saved result).
 */
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * A moment's local time of day to the second, `14:04:16`; `--:--:--` for a time that is not
 * one.
 */
export function clockText(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

export function localTimeText(ms: number): string | null {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '−' : '+';
  const zone = `UTC${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day} ${clockText(ms)} (${zone})`;
}
