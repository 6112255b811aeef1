export {
  eierForVarsel,
  isEierskapShielded,
  isPartyShielded,
  type EierForVarsel,
  type EierForVarselOptions,
  type Part,
  type PostAdresse,
} from './eier-for-varsel.js';
export { tekniskSammendrag, type TekniskSammendrag } from './teknisk-sammendrag.js';
export { stripFodselsnummer } from './strip-fodselsnummer.js';
