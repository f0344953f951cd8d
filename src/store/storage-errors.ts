/**
 * What an IndexedDB failure means to the person, in one sentence. IndexedDB reports
 * failures as DOMExceptions told apart by `name`; a full disk also shows up as an aborted
 * transaction whose own `error` is the QuotaExceededError.
 */

export const STORAGE_FULL =
  "The browser's storage is full: this result was not saved. Delete old results or export them first.";

export const STORAGE_UNAVAILABLE =
  'This browser does not let SERVFAIL Lens keep results (private browsing or storage turned off). Copy the evidence link or export instead.';

export const STORAGE_NEWER =
  'Saved results were written by a newer version of SERVFAIL Lens. Reload the page to update the app.';

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const name = (error as { name: unknown }).name;
    return typeof name === 'string' ? name : '';
  }
  return '';
}

/** Whether the failure (or the transaction error behind an abort) is a full quota. */
export function isQuotaError(error: unknown, transactionError?: unknown): boolean {
  // Firefox once used its own name for the same condition.
  const quota = (e: unknown) => {
    const name = errorName(e);
    return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
  };
  return quota(error) || quota(transactionError);
}

/**
 * @example storageProblem(new DOMException('', 'QuotaExceededError'), 'save') // STORAGE_FULL
 */
export function storageProblem(
  error: unknown,
  action: 'save' | 'read' | 'delete' | 'import',
  transactionError?: unknown,
): string {
  if (isQuotaError(error, transactionError)) {
    return action === 'import'
      ? "The browser's storage is full: nothing from this file was imported. Delete old results or export them first."
      : STORAGE_FULL;
  }
  const name = errorName(error);
  if (name === 'VersionError') return STORAGE_NEWER;
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'storage-missing') {
    return STORAGE_UNAVAILABLE;
  }
  const verb = { save: 'saved', read: 'read', delete: 'deleted', import: 'imported' }[action];
  const detail = error instanceof Error && error.message !== '' ? ` (${error.message})` : '';
  return `The result could not be ${verb}: the browser's storage failed${detail}.`;
}
