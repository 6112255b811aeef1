/**
 * What of a vehicle reaches the workflow: core's data-minimising projections (docs/contract.md#s5.3,
 * docs/contract.md#s5.5). Fødselsnummer leaves the node only when the user switches it on.
 */

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { eierForVarsel, stripFodselsnummer, tekniskSammendrag, type Kjoretoy } from '@kjoretoyregister/core/host';

export type OutputMode = 'tekniskSammendrag' | 'eierForVarsel' | 'full';

export interface OutputSettings {
  mode: OutputMode;
  includeFodselsnummer: boolean;
}

/** n8n items are JSON: drop `undefined` fields and turn dates into strings. */
export function toJson(value: unknown): IDataObject {
  return JSON.parse(JSON.stringify(value ?? {})) as IDataObject;
}

export function readOutputSettings(context: IExecuteFunctions, itemIndex: number): OutputSettings {
  const mode = context.getNodeParameter('output', itemIndex, 'tekniskSammendrag') as string;
  const includeFodselsnummer = context.getNodeParameter('options.includeFodselsnummer', itemIndex, false) as boolean;
  return {
    mode: mode === 'eierForVarsel' || mode === 'full' ? mode : 'tekniskSammendrag',
    includeFodselsnummer: includeFodselsnummer === true,
  };
}

export function projectKjoretoy(kjoretoy: Kjoretoy, settings: OutputSettings): IDataObject {
  switch (settings.mode) {
    case 'eierForVarsel':
      return toJson(eierForVarsel(kjoretoy, { includeFodselsnummer: settings.includeFodselsnummer }));
    case 'full':
      return { kjoretoy: toJson(settings.includeFodselsnummer ? kjoretoy : stripFodselsnummer(kjoretoy)) };
    default:
      return toJson(tekniskSammendrag(kjoretoy));
  }
}

/** Customers (S7) have no vehicle projection; the full record minus fødselsnummer unless asked for. */
export function projectKunde(kunde: unknown, settings: OutputSettings): IDataObject {
  return toJson(settings.includeFodselsnummer ? kunde : stripFodselsnummer(kunde));
}
