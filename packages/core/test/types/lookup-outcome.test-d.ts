// Compile-only (never run by Jest: `*.test-d.ts` is outside testMatch): type-checked by `nx run core:typecheck`
// through tsconfig.spec.json. A failing expectation or an unused `@ts-expect-error` fails the typecheck.
import { expectTypeOf } from 'expect-type';
import type {
  AnyKjoretoyregisterError,
  Kjoretoy,
  KjoretoyregisterClient,
  LookupOutcome,
  LookupStatus,
  Responskode,
  ValidationError,
} from '../../src/index.js';

declare const outcome: LookupOutcome;
declare const client: KjoretoyregisterClient;

describeStatuses();
describeUnnarrowedAccess();
describeExhaustiveness();

/** Each status carries exactly its fields. */
function describeStatuses(): void {
  switch (outcome.status) {
    case 'found':
      expectTypeOf(outcome.kjoretoy).toEqualTypeOf<Kjoretoy>();
      expectTypeOf(outcome.responskoder).toEqualTypeOf<Responskode[]>();
      expectTypeOf(outcome.error).toEqualTypeOf<undefined>();
      break;
    case 'not_found':
    case 'unavailable':
      expectTypeOf(outcome.responskoder).toEqualTypeOf<Responskode[]>();
      expectTypeOf(outcome.kjoretoy).toEqualTypeOf<undefined>();
      expectTypeOf(outcome.error).toEqualTypeOf<undefined>();
      break;
    case 'invalid':
      expectTypeOf(outcome.error).toEqualTypeOf<ValidationError>();
      expectTypeOf(outcome.kjoretoy).toEqualTypeOf<undefined>();
      break;
    case 'error':
      expectTypeOf(outcome.error).toEqualTypeOf<AnyKjoretoyregisterError>();
      expectTypeOf(outcome.responskoder).toEqualTypeOf<Responskode[] | undefined>();
      break;
  }
  expectTypeOf(outcome.input).toEqualTypeOf<
    | string
    | { kjennemerke: string; dtg?: Date | string; caseRef?: string }
    | { kuid: string; dtg?: Date | string; caseRef?: string }
  >();
  expectTypeOf(outcome.requestId).toEqualTypeOf<string | undefined>();
  expectTypeOf<LookupStatus>().toEqualTypeOf<'found' | 'not_found' | 'unavailable' | 'invalid' | 'error'>();
}

/** Without narrowing, the status-bound fields may be absent, so using them is a compile error. */
function describeUnnarrowedAccess(): void {
  // @ts-expect-error kjoretoy is there only for `found`
  void outcome.kjoretoy.kjoretoyId;
  // @ts-expect-error error is there only for `invalid` and `error`
  void outcome.error.code;
  if (outcome.status === 'error') {
    // @ts-expect-error an `error` outcome need not hold a ValidationError
    void outcome.error.issues;
  }
  // Narrowing by the field itself works too.
  if (outcome.kjoretoy !== undefined) expectTypeOf(outcome.status).toEqualTypeOf<'found'>();
}

function describeExhaustiveness(): void {
  if (outcome.status === 'found' || outcome.status === 'not_found' || outcome.status === 'unavailable') return;
  if (outcome.status === 'invalid' || outcome.status === 'error') return;
  expectTypeOf(outcome).toBeNever();
}

// The client's bulk methods return the union as is.
expectTypeOf(client.lookupKjennemerke).returns.resolves.toEqualTypeOf<LookupOutcome[]>();
expectTypeOf(client.lookupKuid).returns.resolves.toEqualTypeOf<LookupOutcome[]>();
