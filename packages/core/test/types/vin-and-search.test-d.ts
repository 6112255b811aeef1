// Compile-only (see lookup-outcome.test-d.ts): the VIN result and the search results, narrowed by status/endpoint.
import { expectTypeOf } from 'expect-type';
import type {
  KjoretoyResponse,
  Kjoretoy,
  KjoretoyregisterClient,
  Kunde,
  KundeSokResult,
  Responskode,
  SokPage,
  SokResult,
  VinLookupResult,
} from '../../src/index.js';

declare const vin: VinLookupResult;
declare const client: KjoretoyregisterClient;

if (vin.status === 'found') {
  // At least one vehicle: the first is always there.
  expectTypeOf(vin.kjoretoy[0]).toEqualTypeOf<Kjoretoy>();
  expectTypeOf(vin.kjoretoy).toEqualTypeOf<[Kjoretoy, ...Kjoretoy[]]>();
} else {
  expectTypeOf(vin.status).toEqualTypeOf<'not_found' | 'unavailable'>();
  expectTypeOf(vin.kjoretoy).toEqualTypeOf<[]>();
}
expectTypeOf(vin.responskoder).toEqualTypeOf<Responskode[]>();
expectTypeOf(vin.requestId).toEqualTypeOf<string>();
expectTypeOf(vin.input).toEqualTypeOf<string>();
// @ts-expect-error without narrowing there may be no first vehicle
const first: Kjoretoy = vin.kjoretoy[0];
void first;

// Search: S7 answers with customers, S1–S6 with a page; both with their lists always present.
expectTypeOf<SokResult<'kunde'>>().toEqualTypeOf<KundeSokResult>();
expectTypeOf<SokResult<'kjennemerke'>>().toEqualTypeOf<SokPage>();
expectTypeOf<SokResult<'eiernavn'>>().toEqualTypeOf<SokPage>();
expectTypeOf<SokPage['kjoretoyresponser']>().toEqualTypeOf<KjoretoyResponse[]>();
expectTypeOf<SokPage['responskoder']>().toEqualTypeOf<Responskode[]>();
expectTypeOf<SokPage['antallITreffliste']>().toEqualTypeOf<number>();
expectTypeOf<KundeSokResult['kunder']>().toEqualTypeOf<Kunde[]>();
expectTypeOf(client.sok<'kunde'>).returns.resolves.toEqualTypeOf<KundeSokResult>();
expectTypeOf(client.sokPages<'kjennemerke'>).returns.toEqualTypeOf<AsyncIterable<SokPage>>();
// @ts-expect-error a customer search has no vehicle hits
void ({} as SokResult<'kunde'>).kjoretoyresponser.length;
