import { describe, expect, it } from 'vitest';
import {
  STORAGE_FULL,
  STORAGE_NEWER,
  STORAGE_UNAVAILABLE,
  isQuotaError,
  storageProblem,
} from '../../../src/store/storage-errors';

const dom = (name: string, message = '') => new DOMException(message, name);

describe('storageProblem', () => {
  it.each([
    ['a full quota', dom('QuotaExceededError'), undefined, 'save', STORAGE_FULL],
    [
      'an abort caused by a full quota',
      dom('AbortError'),
      dom('QuotaExceededError'),
      'save',
      STORAGE_FULL,
    ],
    ['old Firefox', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, undefined, 'save', STORAGE_FULL],
    [
      'a full quota on import',
      dom('QuotaExceededError'),
      undefined,
      'import',
      "The browser's storage is full: nothing from this file was imported. Delete old results or export them first.",
    ],
    ['a newer schema', dom('VersionError'), undefined, 'read', STORAGE_NEWER],
    [
      'no IndexedDB',
      dom('storage-missing', 'indexedDB is missing'),
      undefined,
      'read',
      STORAGE_UNAVAILABLE,
    ],
    ['a blocked origin', dom('SecurityError'), undefined, 'save', STORAGE_UNAVAILABLE],
    [
      'anything else',
      dom('UnknownError', 'disk I/O'),
      undefined,
      'delete',
      "The result could not be deleted: the browser's storage failed (disk I/O).",
    ],
    [
      'not an error',
      'boom',
      undefined,
      'read',
      "The result could not be read: the browser's storage failed.",
    ],
  ] as const)('%s', (_, error, txError, action, message) => {
    expect(storageProblem(error, action, txError)).toBe(message);
  });

  it('names the quota message as the issue asks', () => {
    expect(STORAGE_FULL).toBe(
      "The browser's storage is full: this result was not saved. Delete old results or export them first.",
    );
    expect(isQuotaError(null, undefined)).toBe(false);
  });
});
