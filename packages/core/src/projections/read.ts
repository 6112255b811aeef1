// Defensive readers for the tolerant response shape (docs/contract.md#s5.9): fields may be absent, null,
// or (from a newer or hand-edited response) of an unexpected type. Projections never throw.
import type { KodeverkType, Kjoretoy } from '../schemas/index.js';

/** A non-blank string, else undefined (`""` counts as absent, docs/contract.md#s5.8). */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function list<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** The first element that is an object, skipping nulls a tolerant parse lets through. */
export function first<T>(value: readonly T[] | null | undefined): T | undefined {
  return list(value).find((item) => typeof item === 'object' && item !== null);
}

export function kodeVerdi(kode: KodeverkType | null | undefined): string | undefined {
  return text(kode?.kodeVerdi);
}

/** Prefer the short name; some codes carry only `kodeBeskrivelse` (e.g. registreringsstatus in the sample). */
export function kodeNavn(kode: KodeverkType | null | undefined): string | undefined {
  return text(kode?.kodeNavn) ?? text(kode?.kodeBeskrivelse);
}

/** Plate as returned (with its space, docs/contract.md#s5.8); falls back to the attached plate in `kjennemerke[]`. */
export function kjennemerkeOf(kjoretoy: Kjoretoy): string | undefined {
  const fromId = text(kjoretoy.kjoretoyId?.kjennemerke);
  if (fromId) return fromId;
  const attached = list(kjoretoy.kjennemerke).find((plate) => plate && !text(plate.tilTidspunkt));
  return text(attached?.kjennemerke);
}
