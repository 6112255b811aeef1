import { stripFodselsnummer } from '../../src/projections/index.js';
import { KjoretoysokResponseSchema } from '../../src/schemas/index.js';
import { rawKjoretoysokResponse } from '../fixtures/svv-sample.js';

const FNR = '01837740130';

describe('stripFodselsnummer', () => {
  it('removes every fodselsnummer at any depth and leaves the input untouched', () => {
    const raw = rawKjoretoysokResponse() as {
      kjoretoyresponser: Array<{
        kjoretoy: { eierskap: { eier: { person: Record<string, unknown> } } };
      }>;
    };
    for (const hit of raw.kjoretoyresponser) hit.kjoretoy.eierskap.eier.person['fodselsnummer'] = FNR;
    const response = KjoretoysokResponseSchema.parse(raw);

    const stripped = stripFodselsnummer(response);

    expect(JSON.stringify(stripped)).not.toContain('fodselsnummer');
    expect(JSON.stringify(stripped)).not.toContain(FNR);
    expect(stripped.kjoretoyresponser?.[0]?.kjoretoy?.eierskap?.eier?.person?.fornavn).toBe('HELGE');
    expect(response.kjoretoyresponser?.[0]?.kjoretoy?.eierskap?.eier?.person?.fodselsnummer).toBe(FNR);
  });

  it('keeps everything else, so stripping a response without fnr gives an equal copy', () => {
    const response = KjoretoysokResponseSchema.parse(rawKjoretoysokResponse());
    const stripped = stripFodselsnummer(response);
    expect(stripped).toStrictEqual(response);
    expect(stripped).not.toBe(response);
  });

  it('handles arrays, primitives and null', () => {
    expect(stripFodselsnummer([{ fodselsnummer: FNR, a: [{ fodselsnummer: FNR, b: 1 }] }])).toEqual([
      { a: [{ b: 1 }] },
    ]);
    expect(stripFodselsnummer(null)).toBeNull();
    expect(stripFodselsnummer('tekst')).toBe('tekst');
  });
});
