/**
 * Name matching rules for sok/eiernavn (S6) and sok/kunde (S7). SVV's rules are unknown
 * (docs/contract.md#s8.13); the simulator's are:
 *  - names compare case-insensitively with whitespace collapsed;
 *  - a person's full name is "FORNAVN [MELLOMNAVN] ETTERNAVN" and matches with or without the
 *    middle name; an organisation matches on its whole organisasjonsnavn;
 *  - `fonetisk=true` compares a simplified phonetic key instead (see `phoneticKey`).
 */
import type { PartyData } from './records.js';

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

function fold(char: string): string {
  switch (char) {
    case 'Æ':
      return 'E';
    case 'Ø':
    case 'Å':
      return 'O';
    case 'C':
    case 'Q':
      return 'K';
    case 'W':
      return 'V';
    case 'Z':
      return 'S';
    case 'X':
      return 'KS';
    default:
      return char;
  }
}

function pair(char: string, next: string | undefined): string | undefined {
  if (char === 'A' && next === 'A') return 'O';
  if (next !== 'H') return undefined;
  return char === 'P' ? 'F' : char === 'T' ? 'T' : char === 'C' ? 'K' : undefined;
}

const CONSONANTS = 'BDFGKLMNPRSTV';

/**
 * A rough Norwegian phonetic key: ÆØÅ folded, C/Q→K, W→V, Z→S, X→KS, TH→T, PH→F, silent H after
 * a consonant dropped, doubled letters collapsed and -SON spelled -SEN. One pass, no regexes:
 * the party index computes it for every party.
 */
export function phoneticKey(name: string): string {
  const text = normaliseName(name);
  let out = '';
  let previous = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const joined = pair(char, text[i + 1]);
    if (joined !== undefined) i++;
    const sound = joined ?? fold(char);
    if (sound === 'H' && previous !== '' && CONSONANTS.includes(previous)) continue;
    if (sound === previous && sound !== ' ') continue;
    out += sound;
    previous = sound.charAt(sound.length - 1);
  }
  return out.includes('SON') ? out.replace(/SON\b/g, 'SEN') : out;
}

/** Every full-name form a party answers to, normalised. */
function fullNames(party: PartyData): string[] {
  if (party.enhet) return [normaliseName(party.enhet.organisasjonsnavn)];
  const person = party.person;
  if (!person) return [];
  const short = normaliseName(`${person.fornavn} ${person.etternavn}`);
  return person.mellomnavn
    ? [normaliseName(`${person.fornavn} ${person.mellomnavn} ${person.etternavn}`), short]
    : [short];
}

/** Index keys of a party: identifier, full names, etternavn and phonetic full names. */
export function partyKeys(party: PartyData): string[] {
  const names = fullNames(party);
  const keys: string[] = [];
  for (const name of names) keys.push(`N:${name}`);
  for (const name of names) {
    const key = `P:${phoneticKey(name)}`;
    if (!keys.includes(key)) keys.push(key);
  }
  if (party.person) keys.push(`I:${party.person.fodselsnummer}`, `E:${normaliseName(party.person.etternavn)}`);
  else if (party.enhet) keys.push(`I:${party.enhet.organisasjonsnummer}`);
  return keys;
}
