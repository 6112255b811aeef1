/** sok/kunde (S7, docs/contract.md#s4.3): customers with antallKjoretoy, and the spec's parameter rules. */
import { createRegister } from '../../src/data/register.js';
import { get } from './support/svv-calls.js';

const register = createRegister({ seed: 1, vehicles: 3_000 });

interface KundeBody {
  antallITreffliste: number;
  antallTreffTotalt: number;
  kunder: {
    antallKjoretoy: number;
    personEnhet: {
      kundeId: string;
      person?: { fornavn: string; etternavn: string };
      enhet?: { organisasjonsnavn: string };
    };
  }[];
  responskoder: unknown[];
}

function kunde(query: Record<string, string>): KundeBody {
  const result = get(register, '/sok/kunde', query);
  expect(result.status).toBe(200);
  return result.body as KundeBody;
}

describe('sok/kunde (S7)', () => {
  it('finds a person by full name with the number of vehicles they are linked to now', () => {
    const body = kunde({ eiertype: 'PERSON', navn: 'Jarle Berger', fodselsdato: '1936' });
    expect(body.kunder).toHaveLength(1);
    expect(body.kunder[0]).toMatchObject({ antallKjoretoy: 2, personEnhet: { kundeId: '124000807' } });
    expect(body).toMatchObject({ antallITreffliste: 1, antallTreffTotalt: 1, responskoder: [] });
  });

  it('matches fornavn and etternavn exactly', () => {
    expect(kunde({ eiertype: 'PERSON', fornavn: 'MAGNUS', etternavn: 'Prøvesen' }).kunder[0]?.personEnhet.kundeId).toBe(
      '124001006',
    );
    expect(get(register, '/sok/kunde', { eiertype: 'PERSON', fornavn: 'MAGNU', etternavn: 'PRØVESEN' }).status).toBe(
      204,
    );
  });

  it('matches phonetically only when fonetisk=true', () => {
    expect(get(register, '/sok/kunde', { eiertype: 'PERSON', navn: 'Magnus Provessen' }).status).toBe(204);
    const body = kunde({ eiertype: 'PERSON', navn: 'Magnus Provessen', fonetisk: 'true' });
    expect(body.kunder.map((k) => k.personEnhet.kundeId)).toContain('124001006');
  });

  it('restricts by eiertype and by address filters', () => {
    expect(
      kunde({ eiertype: 'ORGANISASJON', navn: 'NORSK SCANIA AS' }).kunder[0]?.personEnhet.enhet?.organisasjonsnavn,
    ).toBe('NORSK SCANIA AS');
    expect(get(register, '/sok/kunde', { eiertype: 'PERSON', navn: 'NORSK SCANIA AS' }).status).toBe(204);
    expect(kunde({ eiertype: 'BEGGE', navn: 'MAGNUS PRØVESEN', kommune: 'Trondheim' }).kunder).toHaveLength(1);
    expect(get(register, '/sok/kunde', { eiertype: 'BEGGE', navn: 'MAGNUS PRØVESEN', kommune: 'Oslo' }).status).toBe(
      204,
    );
  });

  it('filters by kjonn for persons', () => {
    const men = kunde({ eiertype: 'PERSON', etternavn: 'HANSEN', kjonn: 'M' });
    const women = kunde({ eiertype: 'PERSON', etternavn: 'HANSEN', kjonn: 'K' });
    const all = kunde({ eiertype: 'PERSON', etternavn: 'HANSEN' });
    expect(men.antallTreffTotalt + women.antallTreffTotalt).toBe(all.antallTreffTotalt);
    expect(men.antallTreffTotalt).toBeGreaterThan(0);
  });

  it.each([
    ['navn together with fornavn', { eiertype: 'PERSON', navn: 'OLA HANSEN', fornavn: 'OLA' }],
    ['kjonn without eiertype PERSON', { eiertype: 'BEGGE', navn: 'OLA HANSEN', kjonn: 'M' }],
    ['fonetisk without navn', { eiertype: 'PERSON', etternavn: 'HANSEN', fonetisk: 'true' }],
    ['a missing eiertype', { navn: 'OLA HANSEN' }],
    ['an unknown eiertype', { eiertype: 'FIRMA', navn: 'OLA HANSEN' }],
    ['no name at all', { eiertype: 'PERSON', postnummer: '0150' }],
    ['an invalid kjonn', { eiertype: 'PERSON', navn: 'OLA HANSEN', kjonn: 'X' }],
  ])('answers 400 for %s', (_label, query) => {
    const result = get(register, '/sok/kunde', query);
    expect(result.status).toBe(400);
    expect((result.body as { responskoder: unknown[] }).responskoder.length).toBeGreaterThan(0);
  });
});
