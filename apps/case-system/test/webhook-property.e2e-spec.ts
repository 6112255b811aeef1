import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';
import fc from 'fast-check';
import { startTestCaseSystem, type TestCaseSystem } from './support/case-system.js';
import { newWebhookId, postSigned } from './support/webhooks.js';

/** Bounded so the property stays within ~30 s on a shared two-core machine. */
const RUNS = 300;

/** Any UTF-16 code unit, so lone surrogates and every control character come up. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const nastyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u0085', ' ', '', 'x'.repeat(2_001)),
);
const pad = (value: number, width: number) => String(value).padStart(width, '0');
/** Date-times with any year, impossible months and days, and odd offsets. */
const dateTime = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 24 }),
      minute: fc.integer({ min: 0, max: 60 }),
      offset: fc.constantFrom('Z', '+01:00', '-12:00', '+14:00', '+23:59', '-00:00', '+99:99', ''),
      fraction: fc.constantFrom('', '.5', '.123456789'),
    })
    .map(
      (t) =>
        `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:00${t.fraction}${t.offset}`,
    ),
  fc
    .date({ min: new Date(-8_640_000_000_000_000), max: new Date(8_640_000_000_000_000), noInvalidDate: true })
    .map((d) => d.toISOString()),
  nastyText,
);
const plate = fc.oneof(fc.constantFrom('ST10001', 'CU10942', 'st 10001', 'AB'), nastyText);
const vin = fc.oneof(fc.constantFrom('WVGZZZE2ZMPS00001', '1'), nastyText);
const coordinate = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 90, -180, 1e308), nastyText);
const anything = fc.anything({ maxDepth: 2, maxKeys: 3 });

/** Text a field may hold, or hostile text: in an otherwise valid body it tests what reaches the database. */
const fieldText = (unit: 'grapheme' | 'grapheme-ascii', maxLength: number) =>
  fc.oneof({ weight: 2, arbitrary: fc.string({ unit, maxLength }) }, { weight: 1, arbitrary: nastyText });

/** Bodies the schema accepts, except for the text fields, which are sometimes hostile. */
const validBody = fc.record(
  {
    kjennemerke: fc.constantFrom('ST10001', 'CU10942', 'st 10001'),
    observertTidspunkt: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
      { weight: 1, arbitrary: dateTime },
    ),
    sted: fc.record(
      {
        adresse: fieldText('grapheme', 60),
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
      },
      { requiredKeys: ['lat', 'lon'] },
    ),
    beskrivelse: fieldText('grapheme', 200),
    meldtAv: fieldText('grapheme-ascii', 40),
  },
  { requiredKeys: ['kjennemerke', 'observertTidspunkt', 'sted'] },
);

/** Mostly observation-shaped bodies, with every field sometimes missing, wrong or hostile. */
const body = fc.oneof(
  { weight: 3, arbitrary: validBody },
  {
    weight: 8,
    arbitrary: fc.record(
      {
        kjennemerke: fc.oneof(plate, anything),
        understellsnummer: fc.oneof(vin, anything),
        observertTidspunkt: fc.oneof({ weight: 4, arbitrary: dateTime }, { weight: 1, arbitrary: anything }),
        sted: fc.oneof(
          {
            weight: 4,
            arbitrary: fc.record(
              { adresse: fc.oneof(nastyText, anything), lat: coordinate, lon: coordinate },
              { requiredKeys: ['lat', 'lon'] },
            ),
          },
          { weight: 1, arbitrary: anything },
        ),
        beskrivelse: fc.oneof(nastyText, anything),
        meldtAv: fc.oneof(nastyText, anything),
        farge: anything,
      },
      { requiredKeys: ['observertTidspunkt', 'sted'] },
    ),
  },
  { weight: 1, arbitrary: fc.dictionary(nastyText, anything, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(anything, { maxLength: 3 }) },
);
const webhookId = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 3_000,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('msg_reused-1', 'msg_reused-2') },
);

describe('any validly signed body', () => {
  let simulator: RunningSimulator;
  let system: TestCaseSystem;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, vehicles: 0 });
    system = await startTestCaseSystem(simulator, { env: { WORKER_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await system?.stop();
    await simulator?.stop();
  });

  it('is answered 2xx, 400 or 409, never 5xx', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, webhookId, async (payload, id) => {
        const response = await postSigned(system.url, system.secret, JSON.stringify(payload), {
          id: id ?? newWebhookId(),
        });
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        const text = await response.text();
        if (![200, 202, 400, 409].includes(response.status))
          throw new Error(`${response.status} for ${JSON.stringify(payload)}: ${text}`);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
    );
    // The generator must reach both sides of the schema, or the property proves little.
    expect(seen.get(202) ?? 0).toBeGreaterThan(0);
    expect(seen.get(400) ?? 0).toBeGreaterThan(RUNS / 4);
  });
});
