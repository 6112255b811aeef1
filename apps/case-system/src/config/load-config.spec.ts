import { REGISTER_ENV, WEBHOOK_SECRET } from '../../test/support/config-env.js';
import { CaseSystemConfigError, loadConfig } from './load-config.js';

const SECRET = WEBHOOK_SECRET;
const REGISTER = REGISTER_ENV;

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof CaseSystemConfigError) return error.issues.map((i) => i.variable);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the defaults: PGlite in ./.data/case-system, the HENSATT_KJORETOY purpose and legal basis, 14 days', () => {
    const config = loadConfig({ ...REGISTER, WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}` });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/\.data\/case-system$/) });
    expect(config.lookup).toMatchObject({
      purpose: 'HENSATT_KJORETOY',
      legalBasis: 'vegtrafikkloven § 37 / parkeringsforskriften § 38',
      includeFodselsnummer: false,
      varselFristDager: 14,
    });
    expect(config.webhooks.inbound).toEqual([{ name: 'feltapp', secret: SECRET }]);
    expect(config.app.cookieSecure).toBe(false);
  });

  it('reads the audit purpose, legal basis and fødselsnummer inclusion from their current names', () => {
    const config = loadConfig({
      ...REGISTER,
      WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}`,
      AUDIT_PURPOSE: 'PARKERING',
      AUDIT_LEGAL_BASIS: 'parkeringsforskriften § 38',
      INCLUDE_FODSELSNUMMER: 'true',
    });
    expect(config.lookup).toMatchObject({
      purpose: 'PARKERING',
      legalBasis: 'parkeringsforskriften § 38',
      includeFodselsnummer: true,
    });
    expect(config.deprecations).toEqual([]);
  });

  it('still reads the names deprecated until 0.2.0, with one deprecation line each', () => {
    const config = loadConfig({
      ...REGISTER,
      WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}`,
      OPPSLAG_FORMAL: 'PARKERING',
      OPPSLAG_RETTSGRUNNLAG: 'parkeringsforskriften § 38',
      OPPSLAG_LAGRE_FODSELSNUMMER: '1',
    });
    expect(config.lookup).toMatchObject({
      purpose: 'PARKERING',
      legalBasis: 'parkeringsforskriften § 38',
      includeFodselsnummer: true,
    });
    expect(config.deprecations).toEqual([
      'OPPSLAG_FORMAL is deprecated and will be removed in 0.2.0; use AUDIT_PURPOSE',
      'OPPSLAG_RETTSGRUNNLAG is deprecated and will be removed in 0.2.0; use AUDIT_LEGAL_BASIS',
      'OPPSLAG_LAGRE_FODSELSNUMMER is deprecated and will be removed in 0.2.0; use INCLUDE_FODSELSNUMMER',
    ]);
  });

  it('prefers the current name when both are set, and still warns about the old one', () => {
    const config = loadConfig({
      ...REGISTER,
      WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}`,
      OPPSLAG_FORMAL: 'OLD',
      AUDIT_PURPOSE: 'NEW',
      OPPSLAG_LAGRE_FODSELSNUMMER: 'true',
      INCLUDE_FODSELSNUMMER: 'false',
    });
    expect(config.lookup).toMatchObject({ purpose: 'NEW', includeFodselsnummer: false });
    expect(config.deprecations).toEqual([
      'OPPSLAG_FORMAL is deprecated and will be removed in 0.2.0; use AUDIT_PURPOSE',
      'OPPSLAG_LAGRE_FODSELSNUMMER is deprecated and will be removed in 0.2.0; use INCLUDE_FODSELSNUMMER',
    ]);
  });

  it('names the variable the user set when its value is invalid', () => {
    const base = { ...REGISTER, WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}` };
    expect(issuesOf({ ...base, OPPSLAG_LAGRE_FODSELSNUMMER: 'maybe' })).toEqual(['OPPSLAG_LAGRE_FODSELSNUMMER']);
    expect(issuesOf({ ...base, INCLUDE_FODSELSNUMMER: 'maybe' })).toEqual(['INCLUDE_FODSELSNUMMER']);
  });

  it('batches up to 100 cases per register request with a 5 ms linger by default, and refuses more than a bulk request holds', () => {
    const base = { ...REGISTER, WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}` };
    expect(loadConfig(base).lookup.worker).toMatchObject({ batchSize: 100, batchLingerMs: 5 });
    expect(loadConfig({ ...base, WORKER_BATCH_SIZE: '1', WORKER_BATCH_LINGER_MS: '0' }).lookup.worker).toMatchObject({
      batchSize: 1,
      batchLingerMs: 0,
    });
    expect(issuesOf({ ...base, WORKER_BATCH_SIZE: '101' })).toEqual(['WORKER_BATCH_SIZE']);
    expect(issuesOf({ ...base, WORKER_BATCH_SIZE: '0' })).toEqual(['WORKER_BATCH_SIZE']);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({
      ...REGISTER,
      WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}`,
      DATABASE_URL: 'postgres://u:p@db:5432/saker',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/saker', poolMax: 10 });
  });

  it('lists every problem of every area at once, naming variables and never values', () => {
    let error: CaseSystemConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        WORKER_LEASE_MS: '5',
        WEBHOOK_INBOUND_SOURCES: 'Feltapp=whsec_c2hvcnQ=',
        FIKS_INTEGRASJON_PASSORD: 'hunter2',
      });
    } catch (caught) {
      error = caught as CaseSystemConfigError;
    }
    expect(error).toBeInstanceOf(CaseSystemConfigError);
    const variables = error?.issues.map((i) => i.variable) ?? [];
    expect(variables).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'WORKER_LEASE_MS',
        'WEBHOOK_INBOUND_SOURCES',
        'FIKS_ORG_ID',
        'MASKINPORTEN_CLIENT_ID',
      ]),
    );
    expect(error?.message).not.toContain('hunter2');
    expect(error?.message).not.toContain('c2hvcnQ');
  });

  it('refuses placeholder secrets in production only', () => {
    const placeholder = {
      ...REGISTER,
      FIKS_INTEGRASJON_PASSORD: 'demo-integrasjon-passord',
      WEBHOOK_INBOUND_SOURCES: `feltapp=whsec_${Buffer.from('change-me-change-me-change-me!!').toString('base64')}`,
    };
    expect(issuesOf(placeholder)).toEqual([]);
    expect(issuesOf({ ...placeholder, NODE_ENV: 'production' })).toEqual([
      'FIKS_INTEGRASJON_PASSORD',
      'WEBHOOK_INBOUND_SOURCES',
    ]);
    const example = `whsec_${Buffer.from('example-example-example-example').toString('base64')}`;
    expect(
      issuesOf({
        ...REGISTER,
        NODE_ENV: 'production',
        WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}`,
        WEBHOOK_OUTBOUND_URLS: 'https://sub.example/h',
        WEBHOOK_OUTBOUND_SECRET: example,
      }),
    ).toEqual(['WEBHOOK_OUTBOUND_SECRET']);
  });

  it('needs an outbound secret when subscribers are configured', () => {
    expect(
      issuesOf({
        ...REGISTER,
        WEBHOOK_INBOUND_SOURCES: `feltapp=${SECRET}`,
        WEBHOOK_OUTBOUND_URLS: 'https://sub.example/h',
      }),
    ).toEqual(['WEBHOOK_OUTBOUND_SECRET']);
  });
});
