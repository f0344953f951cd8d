/**
 * A span of seconds as a person reads it on the card: the two largest units, the smaller
 * one rounded up, so "within about 1 h 5 min" is never sooner than the figure it stands
 * for.
 *
 * @example durationText(45) // '45 s'
 * @example durationText(600) // '10 min'
 * @example durationText(3712) // '1 h 2 min'
 * @example durationText(90000) // '1 d 1 h'
 */
export function durationText(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${rest} s`;
  }
  if (s < 86400) {
    const minutes = Math.ceil(s / 60);
    const rest = minutes % 60;
    const hours = Math.floor(minutes / 60);
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const hours = Math.ceil(s / 3600);
  const rest = hours % 24;
  const days = Math.floor(hours / 24);
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}
