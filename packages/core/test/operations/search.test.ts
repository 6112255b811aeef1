import { ForbiddenError, UpstreamError, ValidationError } from '../../src/errors.js';
import { sok, sokAll, sokPages } from '../../src/operations/search.js';
import type { SokParams } from '../../src/operations/search-params.js';
import type { FiksCall } from '../../src/transport/requester.js';
import { AUDIT, harness } from './support/context.js';
import type { Answer } from './support/recording-requester.js';
import { found, syntheticFodselsnummer, vehicle } from './support/synthetic.js';
import { expectCoreError, expectRejection, thrownBy } from '../support/core-errors.js';

/** `count` hits starting at 1-based row `from`, each a distinct vehicle. */
function hits(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) =>
    found(
      vehicle({
        kjennemerke: `CU ${10000 + from + i}`,
        kuid: String(3378000000 + from + i),
        owner: 'person',
        adresse: true,
      }),
    ),
  );
}

/** A paged search backend holding `total` hits; honours `fra`/`antall` (docs/contract.md#s4.5). */
function pagedBackend(total: number, opts: { reportTotal?: boolean } = {}) {
  return (call: FiksCall): Answer => {
    const fra = Number(call.query?.['fra']);
    const antall = Number(call.query?.['antall']);
    const count = Math.max(0, Math.min(antall, total - fra + 1));
    if (count === 0) return { body: undefined, status: 204 };
    return {
      body: {
        antallITreffliste: count,
        ...(opts.reportTotal === false ? {} : { antallTreffTotalt: total }),
        kjoretoyresponser: hits(fra, count),
        responskoder: [],
      },
    };
  };
}

const fras = (calls: FiksCall[]): string[] => calls.map((c) => c.query?.['fra'] ?? '-');

describe('sok: one request (docs/contract.md#s4.3)', () => {
  it('always sends fra and antall for S1–S6, with the default page size', async () => {
    const { ctx, requester } = harness(pagedBackend(3));
    const page = await sok(ctx, 'eiernavn', { navn: ' Helge Kroken ', erPerson: true });
    expect(requester.calls[0]).toMatchObject({
      method: 'GET',
      route: '/sok/eiernavn',
      path: '/sok/eiernavn',
      retryable: true,
      query: { navn: 'Helge Kroken', erPerson: 'true', fra: '1', antall: '50' },
    });
    expect(page.antallTreffTotalt).toBe(3);
    expect(page.kjoretoyresponser).toHaveLength(3);
  });

  it('uses the context page size and the caller fra/antall', async () => {
    const { ctx, requester } = harness(pagedBackend(30), { searchPageSize: 20 });
    await sok(ctx, 'kjennemerke', { kjennemerke: 'af 3676?', ekskluderVraketUtfort: true });
    await sok(ctx, 'kjennemerke', { kjennemerke: 'AF3676?', fra: 11, antall: 10 });
    expect(requester.calls.map((c) => c.query)).toEqual([
      { kjennemerke: 'AF3676?', ekskluderVraketUtfort: 'true', fra: '1', antall: '20' },
      { kjennemerke: 'AF3676?', fra: '11', antall: '10' },
    ]);
  });

  it('sends no fra/antall for S7 and reads a 204 as no customers', async () => {
    const { ctx, requester } = harness(() => ({ body: undefined, status: 204 }));
    const result = await sok(ctx, 'kunde', { eiertype: 'PERSON', fornavn: 'HELGE', etternavn: 'KROKEN', kjonn: 'M' });
    expect(requester.calls[0].route).toBe('/sok/kunde');
    expect(requester.calls[0].query).toEqual({ eiertype: 'PERSON', fornavn: 'HELGE', etternavn: 'KROKEN', kjonn: 'M' });
    expect(result.kunder).toEqual([]);
    expect(result.antallTreffTotalt).toBe(0);
  });

  it('reads a 204 on S1–S6 as an empty page', async () => {
    const { ctx } = harness(() => ({ body: undefined, status: 204 }));
    const page = await sok(ctx, 'organisasjonsnummer', { organisasjonsnummer: '999999999' });
    expect(page).toEqual({ antallITreffliste: 0, antallTreffTotalt: 0, kjoretoyresponser: [], responskoder: [] });
  });

  it('lists every parameter problem at once, naming parameters, never values', async () => {
    const { ctx, requester } = harness(pagedBackend(0));
    const params = {
      eiertype: 'ORGANISASJON',
      navn: 'TESTBEDRIFT AS',
      fornavn: 'HELGE',
      etternavn: 'KROKEN',
      kjonn: 'X',
      fodselsdato: '1977-13-01',
      postnummer: 'abc',
      ukjent: 'verdi',
    } as unknown as SokParams['kunde'];
    const error = await sok(ctx, 'kunde', params).catch((e: unknown) => e);
    expectCoreError(error, ValidationError, 'KJR_VALIDATION');
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['etternavn', 'fodselsdato', 'fornavn', 'kjonn', 'kjonn', 'postnummer', 'ukjent'].sort(),
    );
    expect(issues).toContainEqual({ path: 'fornavn', message: 'cannot be combined with navn' });
    expect(issues).toContainEqual({ path: 'kjonn', message: 'is only allowed with eiertype PERSON' });
    expect(issues).toContainEqual({ path: 'ukjent', message: 'is not a parameter of sok/kunde' });
    expect((error as ValidationError).message).not.toMatch(/HELGE|KROKEN|TESTBEDRIFT|verdi/);
    expect(requester.calls).toHaveLength(0);
  });

  it('allows fonetisk only together with navn', async () => {
    const { ctx } = harness(() => ({ body: undefined }));
    await expect(sok(ctx, 'kunde', { eiertype: 'BEGGE', etternavn: 'KROKEN', fonetisk: true })).rejects.toMatchObject({
      constructor: ValidationError,
      code: 'KJR_VALIDATION',
      issues: [{ path: 'fonetisk', message: 'is only allowed together with navn' }],
    });
    await expect(sok(ctx, 'kunde', { eiertype: 'BEGGE', navn: 'KROKEN', fonetisk: true })).resolves.toBeDefined();
  });

  it.each<[string, () => Promise<unknown>]>([
    ['S1 with four wildcards', () => sok(harness(pagedBackend(0)).ctx, 'kjennemerke', { kjennemerke: 'AF????' })],
    [
      'S2 with an inner wildcard',
      () => sok(harness(pagedBackend(0)).ctx, 'understellsnummer', { understellsnummer: 'AB*CD' }),
    ],
    ['S3 with ten digits', () => sok(harness(pagedBackend(0)).ctx, 'fodselsnummer', { fodselsnummer: '0101700000' })],
    ['S5 with letters', () => sok(harness(pagedBackend(0)).ctx, 'kundeid', { kundeid: '12a45' })],
    ['S6 without navn', () => sok(harness(pagedBackend(0)).ctx, 'eiernavn', {} as SokParams['eiernavn'])],
    ['fra 0', () => sok(harness(pagedBackend(0)).ctx, 'eiernavn', { navn: 'KROKEN', fra: 0 })],
  ])('rejects %s', async (_label, run) => {
    await expectRejection(run(), ValidationError, 'KJR_VALIDATION');
  });

  it('accepts a synthetic fødselsnummer and a S2 suffix wildcard', async () => {
    const { ctx, requester } = harness(pagedBackend(1));
    await sok(ctx, 'fodselsnummer', { fodselsnummer: syntheticFodselsnummer(1, 1, 1970) });
    await sok(ctx, 'understellsnummer', { understellsnummer: '1234234ergww01a*', merkekode: '4011' });
    expect(requester.calls[1].query).toMatchObject({ understellsnummer: '1234234ERGWW01A*', merkekode: '4011' });
  });

  it('reports a 403/404 on a non-eiernavn search as not available through Fiks (CONTRACT-ASSUMPTION (h))', async () => {
    const notFound404 = new UpstreamError('Upstream answered 404', { status: 404, requestId: 'req-404' });
    const { ctx } = harness(() => {
      throw notFound404;
    });
    const error = await sok(ctx, 'kundeid', { kundeid: '124000639' }).catch((e: unknown) => e);
    expectCoreError(error, ForbiddenError, 'KJR_FORBIDDEN');
    expect((error as ForbiddenError).message).toBe(
      'sok/kundeid answered HTTP 404: taken to mean it is not available through Fiks for this integration (an assumption, docs/contract.md#s7h: KS documents only sok/eiernavn)',
    );
    expect((error as ForbiddenError).status).toBe(404);
    expect((error as ForbiddenError).searchEndpoint).toBe('kundeid');
    expect((error as ForbiddenError).requestId).toBe('req-404');
    expect((error as ForbiddenError).cause).toBe(notFound404);

    const forbidden = new ForbiddenError('Forbidden', { requestId: 'req-403' });
    const s = harness(() => {
      throw forbidden;
    });
    const notExposed = await expectRejection(
      sok(s.ctx, 'fodselsnummer', { fodselsnummer: syntheticFodselsnummer(2, 2, 1980) }),
      ForbiddenError,
      'KJR_FORBIDDEN',
    );
    expect(notExposed.message).toContain(
      'sok/fodselsnummer answered HTTP 403: taken to mean it is not available through Fiks for this integration',
    );
    expect(notExposed.searchEndpoint).toBe('fodselsnummer');
    // sok/eiernavn is documented, so its errors pass through unchanged.
    const e = harness(() => {
      throw notFound404;
    });
    await expect(sok(e.ctx, 'eiernavn', { navn: 'KROKEN' })).rejects.toBe(notFound404);
  });
});

describe('sokPages / sokAll: paging (docs/contract.md#s4.5, CONTRACT-ASSUMPTION (g))', () => {
  it('stops once the collected rows reach antallTreffTotalt', async () => {
    const { ctx, requester } = harness(pagedBackend(4));
    const pages = [];
    for await (const page of sokPages(ctx, 'eiernavn', { navn: 'KROKEN', antall: 2 })) pages.push(page);
    expect(pages.map((p) => p.kjoretoyresponser?.length)).toEqual([2, 2]);
    expect(fras(requester.calls)).toEqual(['1', '3']);
  });

  it('stops on a short page when no total is reported', async () => {
    const { ctx, requester } = harness(pagedBackend(5, { reportTotal: false }));
    const rows = await sokAll(ctx, 'eiernavn', { navn: 'KROKEN', antall: 2 });
    expect(rows).toHaveLength(5);
    expect(fras(requester.calls)).toEqual(['1', '3', '5']);
  });

  it('stops on a 204', async () => {
    const backend = pagedBackend(4, { reportTotal: false });
    const { ctx, requester } = harness(backend);
    const rows = await sokAll(ctx, 'kjennemerke', { kjennemerke: 'CU1??', antall: 2 });
    expect(rows).toHaveLength(4);
    expect(fras(requester.calls)).toEqual(['1', '3', '5']);
  });

  it('starts at the caller fra and counts rows from there', async () => {
    const { ctx, requester } = harness(pagedBackend(7));
    const rows = await sokAll(ctx, 'eiernavn', { navn: 'KROKEN', fra: 3, antall: 2 });
    expect(rows.map((r) => r.kjoretoy?.kjoretoyId?.kjennemerke)).toEqual([
      'CU 10003',
      'CU 10004',
      'CU 10005',
      'CU 10006',
      'CU 10007',
    ]);
    expect(fras(requester.calls)).toEqual(['3', '5', '7']);
  });

  it('stops when a server ignores fra and repeats a page forever', async () => {
    const { ctx, requester, logger } = harness(() => ({
      body: { antallITreffliste: 2, antallTreffTotalt: 1000, kjoretoyresponser: hits(1, 2), responskoder: [] },
    }));
    const rows = await sokAll(ctx, 'eiernavn', { navn: 'KROKEN', antall: 2 });
    expect(rows).toHaveLength(2);
    expect(requester.calls).toHaveLength(2);
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('emits one audit event for all pages, with the search criteria and every request id', async () => {
    const { ctx, sink, logger } = harness(pagedBackend(5));
    await sokAll(ctx, 'eiernavn', { navn: 'HELGE KROKEN', postnummer: '0603', antall: 2 }, { audit: AUDIT });
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({
      ...AUDIT,
      operation: 'sok/eiernavn',
      identifiers: ['HELGE KROKEN'],
      query: { navn: 'HELGE KROKEN', postnummer: '0603' },
      outcome: { found: 5, notFound: 0, unavailable: 0, invalid: 0, error: 0 },
      dataCategories: ['technical', 'owner', 'address'],
      requestIds: ['req-1', 'req-2', 'req-3'],
    });
    expect(logger.text()).not.toContain('KROKEN');
  });

  it('emits the event when the caller stops iterating early', async () => {
    const { ctx, sink, requester } = harness(pagedBackend(10));
    for await (const page of sokPages(ctx, 'eiernavn', { navn: 'KROKEN', antall: 2 })) {
      expect(page.kjoretoyresponser).toHaveLength(2);
      break;
    }
    expect(requester.calls).toHaveLength(1);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0].outcome.found).toBe(2);
  });

  it('audits a failed page with its error and keeps the rows already read', async () => {
    const backend = pagedBackend(10);
    const failure = new UpstreamError('Upstream answered 502', { status: 502, requestId: 'req-502', svvguid: 'svv-2' });
    const { ctx, sink } = harness((call, index) => {
      if (index === 1) throw failure;
      return backend(call);
    });
    const seen: number[] = [];
    const run = async (): Promise<void> => {
      for await (const page of sokPages(ctx, 'eiernavn', { navn: 'KROKEN', antall: 2 }))
        seen.push(page.kjoretoyresponser?.length ?? 0);
    };
    await expect(run()).rejects.toBe(failure);
    expect(seen).toEqual([2]);
    expect(sink.events[0]).toMatchObject({
      outcome: { found: 2, error: 1 },
      requestIds: ['req-1', 'req-502'],
      errorCode: 'KJR_UPSTREAM',
      svvguid: 'svv-2',
    });
  });

  it('validates parameters and the audit context on call, before iterating', () => {
    const { ctx, requester } = harness(pagedBackend(1), { requireAuditContext: true });
    expect(() => sokPages(ctx, 'eiernavn', { navn: 'KROKEN' })).toThrow(
      'Audit context required: missing actor, purpose, legalBasis',
    );
    expectCoreError(
      thrownBy(() => sokPages(ctx, 'eiernavn', { navn: '' }, { audit: AUDIT })),
      ValidationError,
      'KJR_VALIDATION',
    );
    expect(() => sokPages(ctx, 'kunde' as 'eiernavn', { navn: 'KROKEN' }, { audit: AUDIT })).toThrow(
      'sok/kunde has no paging',
    );
    expect(requester.calls).toHaveLength(0);
  });
});
