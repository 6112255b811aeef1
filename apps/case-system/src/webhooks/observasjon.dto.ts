import {
  isValidKjennemerke,
  isValidUnderstellsnummer,
  normaliseKjennemerke,
  normaliseUnderstellsnummer,
} from '@kjoretoyregister/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import type { Observasjon } from '../saker/domain/sak.js';
import { problemsOf, type Problem } from '../utils/zod-body.js';

/** An observation may lie a little in the future of our clock (device clocks drift), not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The earliest observation accepted. Nothing earlier is an observation of a vehicle standing in a
 * municipality today, and the extremes are what the databases cannot store faithfully: PostgreSQL
 * has no year 0000 (a 500 before), and PGlite silently shifts the years 0001–0099 by a century.
 */
export const EARLIEST_OBSERVATION = '1970-01-01T00:00:00Z';
const EARLIEST_OBSERVATION_MS = Date.parse(EARLIEST_OBSERVATION);

// C0 controls (NUL included: PostgreSQL text and jsonb refuse it), DEL and C1 controls. Matching
// control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same without tab, line feed and carriage return, which a free-text description may hold.
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A UTF-16 half without its other half: not a character, and not storable as UTF-8 (jsonb refuses it).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string the database can store as it was sent: no control characters, no unpaired surrogates. */
function storableText(options: { max: number; multiline?: boolean }) {
  const control = options.multiline ? CONTROL_EXCEPT_WHITESPACE : CONTROL;
  return z
    .string()
    .refine((value) => !control.test(value), {
      message: options.multiline
        ? 'must not contain control characters other than tab and line breaks'
        : 'must not contain control characters',
      abort: true,
    })
    .refine((value) => !LONE_SURROGATE.test(value), { message: 'must not contain unpaired surrogates', abort: true })
    .trim()
    .max(options.max);
}

const ObservasjonSchema = z.strictObject({
  kjennemerke: z
    .string()
    .refine((value) => isValidKjennemerke(value), 'must be a Norwegian plate: 2–7 letters and digits')
    .transform(normaliseKjennemerke)
    .optional(),
  understellsnummer: z
    .string()
    .refine((value) => isValidUnderstellsnummer(value), 'must be a VIN: 1–17 letters and digits')
    .transform(normaliseUnderstellsnummer)
    .optional(),
  // docs/contract.md#s4.7: the dtg must carry an offset; it is passed on as the lookup's point in time.
  observertTidspunkt: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset, e.g. 2024-03-01T10:00:00+01:00' })
    .refine((value) => !Number.isNaN(Date.parse(value)), { message: 'must be a date that exists', abort: true })
    .refine((value) => Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS, 'must not be in the future')
    .refine((value) => Date.parse(value) >= EARLIEST_OBSERVATION_MS, `must not be before ${EARLIEST_OBSERVATION}`),
  sted: z.strictObject({
    adresse: storableText({ max: 300 }).min(1).optional(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  }),
  beskrivelse: storableText({ max: 2000, multiline: true }).optional(),
  meldtAv: storableText({ max: 200 }).optional(),
});

type ParsedObservasjon = { ok: true; value: Observasjon } | { ok: false; problems: Problem[] };

/**
 * Every problem at once. "At least one identifier" is checked beside the schema, not after it,
 * so it is reported together with the other problems rather than only once they are fixed.
 */
export function parseObservasjon(body: unknown): ParsedObservasjon {
  const parsed = ObservasjonSchema.safeParse(body);
  const problems = parsed.success ? [] : problemsOf(parsed.error);
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (raw['kjennemerke'] === undefined && raw['understellsnummer'] === undefined) {
    problems.push({ path: 'kjennemerke', message: 'kjennemerke or understellsnummer is required' });
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

// OpenAPI description of the same body (the schema above is what validates).
class StedDto {
  @ApiPropertyOptional({ example: 'Storgata 1, 0155 Oslo' }) adresse?: string;
  @ApiProperty({ example: 59.9127 }) lat!: number;
  @ApiProperty({ example: 10.7461 }) lon!: number;
}

export class ObservasjonDto {
  @ApiPropertyOptional({ example: 'ST10001', description: 'At least one of kjennemerke and understellsnummer' })
  kjennemerke?: string;
  @ApiPropertyOptional({ example: 'WVGZZZE2ZMPS00001' }) understellsnummer?: string;
  @ApiProperty({
    example: '2024-03-01T10:00:00+01:00',
    description: 'ISO-8601 with offset; the owner is looked up as of this time',
  })
  observertTidspunkt!: string;
  @ApiProperty({ type: StedDto }) sted!: StedDto;
  @ApiPropertyOptional() beskrivelse?: string;
  @ApiPropertyOptional() meldtAv?: string;
}

export class MottattDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MOTTATT' }) status!: string;
  @ApiProperty({ example: '/api/saker/0b6d…' }) href!: string;
}
