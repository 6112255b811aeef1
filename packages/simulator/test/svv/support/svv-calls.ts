/** Thin helpers for calling the SVV handler the way the platform's HTTP server does. */
import { DEFAULT_MAX_BULK_SIZE } from '../../../src/contract-assumptions.js';
import type { Register } from '../../../src/data/register.js';
import { handleSvvRequest, type SvvOptions, type SvvResult } from '../../../src/svv/handler.js';

export const OPTIONS: SvvOptions = { maxBulkSize: DEFAULT_MAX_BULK_SIZE };

export function get(
  register: Register,
  path: string,
  query: Record<string, string> = {},
  options = OPTIONS,
): SvvResult {
  return handleSvvRequest(register, { method: 'GET', path, query: new URLSearchParams(query) }, options);
}

export function post(register: Register, path: string, body: unknown, options = OPTIONS): SvvResult {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return handleSvvRequest(register, { method: 'POST', path, query: new URLSearchParams(), body: text }, options);
}

/** The story vehicle with this key, or a failed test. */
export function story(register: Register, key: string): Register['storyVehicles'][number] {
  const found = register.storyVehicles.find((vehicle) => vehicle.key === key);
  if (!found) throw new Error(`No story vehicle ${key}`);
  return found;
}

/** The plate as a request carries it (no space). */
export function requestPlate(kjennemerke: string): string {
  return kjennemerke.replace(/\s/g, '');
}

// Loose views of response bodies for assertions; the schema tests check the full shapes.
export interface Element {
  kjoretoy?: {
    kjoretoyId: {
      kjennemerke?: string;
      kuid: string;
      understellsnummer: string;
      unntattOffentlighet: { kodeVerdi: string }[];
    };
    eierskap?: Record<
      string,
      {
        person?: { fornavn: string; etternavn: string; fodselsnummer: string };
        enhet?: { organisasjonsnavn: string };
        fomTidspunkt?: string;
        tilTidspunkt?: string;
        erUnntattOffentlighet?: boolean;
      }
    >;
    kjennemerke: { kjennemerke: string; kjennemerkekategori: string; tilTidspunkt?: string }[];
    registrering?: { registreringsstatus: { kodeVerdi: string }; fomTidspunkt: string; tilTidspunkt?: string };
    godkjenning: unknown;
  };
  responskoder: { kode: string; beskrivelse: string }[];
}

export interface SokBody {
  antallITreffliste: number;
  antallTreffTotalt: number;
  kjoretoyresponser: Element[];
  responskoder: { kode: string; beskrivelse: string }[];
}
