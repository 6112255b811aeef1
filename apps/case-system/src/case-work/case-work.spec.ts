import { validateCaseList, validateLukk, validateVarsel, emptyCaseWorkForms } from '../web/case-work.form.js';
import { refusalOf } from './case-work.service.js';

describe('which case-work transitions a case refuses', () => {
  const open = { fjernet: null, lukket: null };
  const closed = { fjernet: null, lukket: new Date('2024-03-10T10:00:00Z') };

  it('lets an open case take every change', () => {
    expect(refusalOf(open, { kind: 'varsel_sendt', kanal: 'brev', sendt: new Date() })).toBeUndefined();
    expect(refusalOf(open, { kind: 'fjernet', fjernet: new Date() })).toBeUndefined();
    expect(refusalOf(open, { kind: 'lukket', grunn: 'feilregistrert' })).toBeUndefined();
    expect(refusalOf(open, { kind: 'nytt_oppslag' })).toBeUndefined();
  });

  it('refuses everything on a closed case, and a second removal', () => {
    for (const transition of [
      { kind: 'varsel_sendt', kanal: 'sms', sendt: new Date() },
      { kind: 'fjernet', fjernet: new Date() },
      { kind: 'lukket', grunn: 'annet', merknad: 'x' },
      { kind: 'nytt_oppslag' },
    ] as const) {
      expect(refusalOf(closed, transition)?.code).toBe('SAK_LUKKET');
    }
    expect(refusalOf({ fjernet: new Date(), lukket: null }, { kind: 'fjernet', fjernet: new Date() })?.code).toBe(
      'ALLEREDE_FJERNET',
    );
  });
});

describe('the case-work forms', () => {
  it('lists every problem of the notice form at once', () => {
    const result = validateVarsel({ ...emptyCaseWorkForms(), kanal: 'brevdue', sendt: '2999-01-01T10:00' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'kanal-brev', message: 'Velg hvordan varselet ble sendt' },
        { field: 'sendt', message: 'Tidspunktet kan ikke være frem i tid' },
      ],
    });
  });

  it('reads Oslo wall-clock time for the notice', () => {
    const result = validateVarsel({ ...emptyCaseWorkForms(), kanal: 'digipost', sendt: '2024-07-01T12:00' });
    expect(result).toEqual({
      ok: true,
      transition: { kind: 'varsel_sendt', kanal: 'digipost', sendt: new Date('2024-07-01T10:00:00Z') },
    });
  });

  it('needs a note to close a case for "annet"', () => {
    expect(validateLukk({ ...emptyCaseWorkForms(), grunn: 'annet', lukkMerknad: '  ' })).toEqual({
      ok: false,
      errors: [{ field: 'lukkMerknad', message: 'Skriv hvorfor saken lukkes når du velger «Annet»' }],
    });
  });

  it('normalises the plate and rejects unknown filter values', () => {
    expect(validateCaseList({ status: '', apen: 'apne', frist: '1', side: '2', kjennemerke: 'st 10001' })).toEqual({
      ok: true,
      side: 2,
      filter: { apen: 'apne', fristPassert: true, kjennemerke: 'ST10001' },
    });
    const bad = validateCaseList({ status: 'SLETTET', apen: 'kanskje', frist: 'ja', side: '0', kjennemerke: '' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['status', 'apen', 'frist', 'status']);
  });
});
