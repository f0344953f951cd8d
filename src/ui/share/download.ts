/**
 * Offers text as a file download (an evidence file, an export). Browser-only.
 *
 * @example downloadText('evidence.json', json, 'application/json')
 */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from untrusted DNS text: letters, digits, dots and dashes only. */
export function safeFileName(stem: string, when: number): string {
  const name =
    stem
      .replace(/\.$/, '')
      .replace(/[^a-zA-Z0-9.-]+/g, '_')
      .replace(/\.{2,}/g, '.')
      .slice(0, 80) || 'root';
  const date = new Date(when);
  const day = Number.isNaN(date.getTime()) ? 'undated' : date.toISOString().slice(0, 10);
  return `servfail-lens-${name}-${day}.json`;
}

/** The absolute URL of an in-app fragment (`#/check/…`), for sharing and reports. */
export function absoluteUrl(fragment: string): string {
  return `${location.href.split('#')[0] ?? ''}${fragment}`;
}
