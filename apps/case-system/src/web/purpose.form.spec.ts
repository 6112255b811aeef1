import type { WebLookupConfig } from '../config/web-lookup.config.js';
import { readBulkLookupForm } from './bulk-lookup.form.js';
import type { FieldError } from './views/layout.js';
import { ANNET, emptyPurposeForm, validatePurpose, type PurposeForm } from './purpose.form.js';
import { readWebLookupForm, readNySakForm, validateNySak, type NySakForm } from './web-lookup.form.js';

const config: WebLookupConfig = {
  purposes: ['HENSATT_KJORETOY', 'PARKERING'],
  legalBases: ['vegtrafikkloven § 37'],
  freeTextPurpose: true,
  freeTextLegalBasis: false,
  fodselsnummerRoles: [],
  pageSize: 20,
};
const purpose = (form: Partial<PurposeForm>): PurposeForm => ({
  formal: '',
  formalAnnet: '',
  hjemmel: '',
  hjemmelAnnet: '',
  ...form,
});

describe('validatePurpose (shared by Oppslag and Masseoppslag)', () => {
  it('accepts configured entries and free text where the configuration allows it', () => {
    const errors: FieldError[] = [];
    expect(validatePurpose(purpose({ formal: 'PARKERING', hjemmel: 'vegtrafikkloven § 37' }), config, errors)).toEqual({
      purpose: 'PARKERING',
      legalBasis: 'vegtrafikkloven § 37',
    });
    expect(
      validatePurpose(
        purpose({ formal: ANNET, formalAnnet: '  Tilsyn  ', hjemmel: 'vegtrafikkloven § 37' }),
        config,
        errors,
      ),
    ).toEqual({ purpose: 'Tilsyn', legalBasis: 'vegtrafikkloven § 37' });
    expect(errors).toEqual([]);
  });

  it('lists both problems at once, free text refused where not allowed', () => {
    const errors: FieldError[] = [];
    expect(validatePurpose(purpose({ formal: ANNET, hjemmel: ANNET, hjemmelAnnet: 'egen' }), config, errors)).toBe(
      undefined,
    );
    expect(errors).toEqual([
      { field: 'formalAnnet', message: 'Skriv inn formål' },
      { field: 'hjemmel', message: 'Velg hjemmel' },
    ]);
  });

  it('chooses the only configured entry in an empty form', () => {
    expect(emptyPurposeForm({ ...config, purposes: ['HENSATT_KJORETOY'] })).toMatchObject({
      formal: 'HENSATT_KJORETOY',
      hjemmel: 'vegtrafikkloven § 37',
    });
    expect(emptyPurposeForm(config).formal).toBe('');
  });

  it('is read the same way by both forms, a missing or repeated field as empty', () => {
    const body = { formal: 'PARKERING', formalAnnet: ['a', 'b'], hjemmel: 'vegtrafikkloven § 37', type: 'kuid' };
    const expected = { formal: 'PARKERING', formalAnnet: '', hjemmel: 'vegtrafikkloven § 37', hjemmelAnnet: '' };
    expect(readWebLookupForm(body)).toMatchObject({ ...expected, type: 'kuid', verdi: '', erPerson: '' });
    expect(readBulkLookupForm(body)).toEqual({ ...expected, type: 'kuid', linjer: '' });
  });
});

describe('validateNySak', () => {
  const form = (identifiers: Partial<NySakForm>): NySakForm => ({
    ...readNySakForm({ observert: '2024-03-01T10:00', adresse: 'Storgata 1', lat: '59,9', lon: '10,7' }),
    ...identifiers,
  });

  it('points problems with identifiers carried from a lookup at the form, typed ones at their own fields', () => {
    const bad = form({ kjennemerke: 'X', understellsnummer: '!' });
    const fromLookup = validateNySak(bad);
    const byHand = validateNySak(bad, 'manuell');
    expect(fromLookup.ok || fromLookup.errors.map((e) => e.field)).toEqual(['observert', 'observert']);
    expect(byHand.ok || byHand.errors.map((e) => e.field)).toEqual(['kjennemerke', 'understellsnummer']);
    const none = validateNySak(form({}), 'manuell');
    expect(none.ok || none.errors).toEqual([
      { field: 'kjennemerke', message: 'Skriv kjennemerke eller understellsnummer' },
    ]);
  });

  it('checks time and place the same way from both ways in', () => {
    const wrong = form({ kjennemerke: 'ST10001', lat: 'nord' });
    for (const source of ['oppslag', 'manuell'] as const) {
      const checked = validateNySak(wrong, source);
      expect(checked.ok || checked.errors.map((e) => e.field)).toEqual(['lat']);
    }
    const ok = validateNySak(form({ kjennemerke: 'st 10001' }), 'manuell');
    expect(ok.ok && ok.observasjon).toMatchObject({ kjennemerke: 'ST10001', sted: { lat: 59.9, lon: 10.7 } });
  });
});
