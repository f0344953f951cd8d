/**
 * The examples gallery is built from the lab recordings: every catalogued example must have
 * its recording in the build, be a real lab scenario, and pass the same validation as a link.
 */
import { describe, expect, it } from 'vitest';
import {
  PUBLIC_TEST_NAMES,
  RECORDED_EXAMPLES,
  availableExamples,
  bundledRecordings,
  loadExample,
} from '../../../src/ui/examples/catalog';
import { EXAMPLE_SCENARIOS } from '../../../src/ui/examples/scenarios';
import { LAB_SCENARIOS } from '../../lab/scenarios';

describe('examples catalog', () => {
  it('has a recording for every example, and the build carries no other recording', () => {
    expect(availableExamples().map((e) => e.scenario)).toEqual(
      RECORDED_EXAMPLES.map((e) => e.scenario),
    );
    expect(bundledRecordings().sort()).toEqual(RECORDED_EXAMPLES.map((e) => e.scenario).sort());
    // The build's list (which recordings go into the bundle) is the gallery's, in its order.
    expect([...EXAMPLE_SCENARIOS]).toEqual(RECORDED_EXAMPLES.map((e) => e.scenario));
  });

  it.each(RECORDED_EXAMPLES.map((e) => [e.scenario] as const))(
    '%s is a lab scenario whose recording validates',
    async (scenario) => {
      const lab = LAB_SCENARIOS.find((s) => s.id === scenario);
      expect(lab, scenario).toBeDefined();
      const evidence = await loadExample(scenario);
      expect(evidence?.question.name).toBe(lab?.qname);
      expect(evidence?.question.type).toBe(lab?.qtype);
    },
  );

  it('names each kind of failure once', () => {
    const kinds = RECORDED_EXAMPLES.map((e) => e.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('offers public names as fully qualified-looking host names', () => {
    for (const item of PUBLIC_TEST_NAMES) expect(item.name).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
  });

  it('an unknown example loads as null', async () => {
    await expect(loadExample('no-such-scenario')).resolves.toBeNull();
  });
});
