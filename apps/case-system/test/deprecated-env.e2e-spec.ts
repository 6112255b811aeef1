import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';

// The app's env names before docs/glossary.md keep working until 0.2.0, and say so at boot.
describe('deprecated environment variables', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, {
      captureLogs: true,
      env: {
        OPPSLAG_FORMAL: 'OLD_PURPOSE',
        OPPSLAG_RETTSGRUNNLAG: 'old legal basis',
        AUDIT_LEGAL_BASIS: 'new legal basis',
        OPPSLAG_LAGRE_FODSELSNUMMER: 'true',
      },
    });
    await system.stop(); // flush: every boot line is in `logs` now
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  it('uses the old names when the new ones are unset, and the new name when both are set', () => {
    expect(system.config.lookup).toMatchObject({
      purpose: 'OLD_PURPOSE',
      legalBasis: 'new legal basis',
      includeFodselsnummer: true,
    });
  });

  it('logs one warning per deprecated variable through the app logger, at boot', () => {
    const warnings = system.logs
      .map((line) => JSON.parse(line) as { level: number; msg?: string })
      .filter((entry) => entry.msg?.includes('is deprecated'));
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'OPPSLAG_FORMAL is deprecated and will be removed in 0.2.0; use AUDIT_PURPOSE',
      }),
      expect.objectContaining({
        level: 40,
        msg: 'OPPSLAG_RETTSGRUNNLAG is deprecated and will be removed in 0.2.0; use AUDIT_LEGAL_BASIS',
      }),
      expect.objectContaining({
        level: 40,
        msg: 'OPPSLAG_LAGRE_FODSELSNUMMER is deprecated and will be removed in 0.2.0; use INCLUDE_FODSELSNUMMER',
      }),
    ]);
  });
});
