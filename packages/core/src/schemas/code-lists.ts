// Known values of the code lists the toolkit branches on (docs/contract.md#s5.7). Every list is open
// (docs/contract.md#s5.9): the types end in `(string & {})`, so a new SVV code still type-checks and parses.
import type { Kjennemerke } from './generated.js';

/** `registrering.registreringsstatus.kodeVerdi` (docs/contract.md#s5.7). */
export const KNOWN_REGISTRERINGSSTATUS = ['REGISTRERT', 'AVREGISTRERT', 'UREGISTRERT', 'VRAKET', 'UTFORT'] as const;
export type Registreringsstatus = (typeof KNOWN_REGISTRERINGSSTATUS)[number] | (string & {});

/** Skjermingsomfang: `kjoretoyId.unntattOffentlighet[].kodeVerdi` (docs/contract.md#s5.7). */
export const KNOWN_SKJERMINGSOMFANG = ['EIERSKAP', 'TEKNISK_DATA'] as const;
export type Skjermingsomfang = (typeof KNOWN_SKJERMINGSOMFANG)[number] | (string & {});

/** `kjennemerke[].kjennemerkekategori`; `NORMAL` is deprecated and means `KJORETOY` (docs/contract.md#s5.4). */
export type Kjennemerkekategori = NonNullable<Kjennemerke['kjennemerkekategori']>;
