import { auditContextFromRequest, defaultActorOf } from './audit-request.js';

const route = { purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' };

describe('defaultActorOf', () => {
  it.each([
    ['saksbehandler-1', 'saksbehandler-1'],
    [{ id: 'u-1', sub: 's-1' }, 'u-1'],
    [{ sub: 's-1', username: 'n' }, 's-1'],
    [{ username: 'kari' }, 'kari'],
    [{ userId: 42 }, '42'],
    [{ id: '  ', sub: 's-2' }, 's-2'],
    [{ name: 'Kari Nordmann' }, undefined],
    [undefined, undefined],
    ['', undefined],
  ])('%j → %j', (user, actor) => {
    expect(defaultActorOf(user)).toBe(actor);
  });
});

describe('auditContextFromRequest', () => {
  it('takes purpose and legal basis from the route, the actor from req.user and the case from the route param', () => {
    const context = auditContextFromRequest(
      { user: { id: 'u-7' }, params: { caseRef: 'SAK-2024-17' }, headers: { 'x-case-ref': 'from-header' } },
      route,
    );
    expect(context).toEqual({ ...route, actor: 'u-7', caseRef: 'SAK-2024-17' });
  });

  it('falls back to the case header when the route has no such param', () => {
    const context = auditContextFromRequest({ user: 'u-8', params: {}, headers: { 'x-case-ref': 'SAK-9' } }, route);
    expect(context.caseRef).toBe('SAK-9');
  });

  it('lets the route override the module defaults for param and header names', () => {
    const request = { user: 'u', params: { sakId: 'P-1' }, headers: { 'x-sak': 'H-1' } };
    expect(
      auditContextFromRequest(request, { ...route, caseRefParam: 'sakId' }, { caseRefParam: 'other' }).caseRef,
    ).toBe('P-1');
    expect(auditContextFromRequest(request, { ...route, caseRefHeader: 'X-Sak' }).caseRef).toBe('H-1');
    expect(auditContextFromRequest(request, route, { caseRefHeader: 'x-sak' }).caseRef).toBe('H-1');
  });

  it('uses the module actorOf and leaves actor out when nobody is authenticated', () => {
    const request = { user: { email: 'x@example.test', ansattnummer: 'A-12' }, headers: {} };
    expect(
      auditContextFromRequest(request, route, { actorOf: (u) => (u as { ansattnummer: string }).ansattnummer }).actor,
    ).toBe('A-12');
    expect(auditContextFromRequest({ headers: {} }, route)).toEqual(route);
  });
});
