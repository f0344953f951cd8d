/**
 * The worker derives the fix ETA beside the verdict, from the same evidence and validation,
 * for a loaded recording as for a live run (lens-api.ts `derive`).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnosis/diagnose';
import { fixEta } from '../../../src/diagnosis/fix-eta';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import type { Evidence } from '../../../src/evidence/evidence';
import { createLensApi } from '../../../src/worker/lens-api';
import { loadLabFixture } from '../../fixtures/lab-fixtures';

const noLiveChecks = (): Promise<Evidence> => Promise.reject(new Error('no live checks here'));

describe('the worker’s result carries the fix ETA', () => {
  it('for a failing recording: the same ETA as computed from its validation and verdict', async () => {
    const evidence = loadLabFixture('ds-mismatch');
    const result = await createLensApi(noLiveChecks).load(evidence);
    const now = evidence.finishedAt / 1000;
    const validation = await validateEvidence(evidence, { now });
    const diagnosis = await diagnose(evidence, { now, validation });
    expect(result.fixEta).toEqual(fixEta(evidence, diagnosis, validation));
    expect(result.fixEta?.seconds).toBe(600);
  }, 30_000);

  it('null for a name that works', async () => {
    const result = await createLensApi(noLiveChecks).load(loadLabFixture('alg13'));
    expect(result.diagnosis.verdict).toBe('ok');
    expect(result.fixEta).toBeNull();
  }, 30_000);
});
