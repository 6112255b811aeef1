/**
 * Kjøretøysøk S1–S7 (docs/contract.md#s4.3 to docs/contract.md#s4.5): one search per input item, its hits in `treff` of
 * that item's single output item. "Return All" pages with `fra`/`antall` until `antallTreffTotalt`
 * (core's `sokAll`); otherwise one page of `Limit` rows.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { KjoretoyResponse, PagedSokEndpoint, SokParams } from '@kjoretoyregister/core/host';
import { readAudit, showFor } from './common-fields.js';
import { projectKjoretoy, projectKunde, readOutputSettings, toJson, type OutputSettings } from './output-mode.js';
import { runPerItem } from './per-item.js';

const UNAVAILABLE = 'OPPLYSNINGER_UTILGJENGELIG';

export function pagingFields(operation: string): INodeProperties[] {
  return [
    {
      displayName: 'Return All',
      name: 'returnAll',
      type: 'boolean',
      default: false,
      description: 'Whether to return all results or only up to a given limit',
      displayOptions: showFor('sok', operation),
    },
    {
      displayName: 'Limit',
      name: 'limit',
      type: 'number',
      typeOptions: { minValue: 1, maxValue: 1000 },
      default: 50,
      description: 'Max number of results to return',
      displayOptions: { show: { resource: ['sok'], operation: [operation], returnAll: [false] } },
    },
  ];
}

export function ekskluderVraketUtfortField(operation: string): INodeProperties {
  return {
    displayName: 'Exclude Scrapped or Exported',
    name: 'ekskluderVraketUtfort',
    type: 'boolean',
    default: false,
    description: 'Whether to leave out vehicles registered as vraket (scrapped) or utført (exported)',
    displayOptions: showFor('sok', operation),
  };
}

function hasUnavailableCode(row: KjoretoyResponse): boolean {
  return (row.responskoder ?? []).some((code) => (code as { kode?: unknown }).kode === UNAVAILABLE);
}

function hit(row: KjoretoyResponse, settings: OutputSettings): IDataObject {
  if (row.kjoretoy) return { status: 'found', ...projectKjoretoy(row.kjoretoy, settings) };
  return {
    status: hasUnavailableCode(row) ? 'unavailable' : 'not_found',
    responskoder: toJson(row.responskoder ?? []) as unknown as IDataObject[],
  };
}

function overallStatus(treff: readonly IDataObject[]): string {
  if (treff.some((row) => row['status'] === 'found')) return 'found';
  if (treff.some((row) => row['status'] === 'unavailable')) return 'unavailable';
  return 'not_found';
}

/**
 * A search's `input`: its criteria as given (before core normalises them; no paging), on answered
 * and error items alike.
 * A fødselsnummer criterion is left out unless Include Fødselsnummer is on, as in the hits.
 */
function criteriaEcho(
  context: IExecuteFunctions,
  params: (itemIndex: number) => object,
): (itemIndex: number) => IDataObject {
  return (itemIndex) => {
    const { fodselsnummer, ...rest } = params(itemIndex) as IDataObject;
    const keep = fodselsnummer !== undefined && readOutputSettings(context, itemIndex).includeFodselsnummer;
    return { input: toJson(keep ? { fodselsnummer, ...rest } : rest) };
  };
}

/** S1–S6: vehicles. `params` reads this item's search criteria (without paging). */
export function runKjoretoySearch<E extends PagedSokEndpoint>(
  context: IExecuteFunctions,
  endpoint: E,
  params: (itemIndex: number) => SokParams[E],
): Promise<INodeExecutionData[]> {
  return runPerItem(
    context,
    async (client, itemIndex) => {
      const criteria = params(itemIndex);
      const settings = readOutputSettings(context, itemIndex);
      const options = { audit: readAudit(context, itemIndex) };
      const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
      let rows: KjoretoyResponse[];
      let total: number | undefined;
      if (returnAll) {
        rows = await client.sokAll(endpoint, criteria, options);
      } else {
        const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
        const page = await client.sok(endpoint, { ...criteria, fra: 1, antall: limit }, options);
        rows = page.kjoretoyresponser ?? [];
        total = page.antallTreffTotalt ?? undefined;
      }
      const treff = rows.map((row) => hit(row, settings));
      return {
        status: overallStatus(treff),
        antallTreff: treff.length,
        ...(total === undefined ? {} : { antallTreffTotalt: total }),
        treff,
      };
    },
    criteriaEcho(context, params),
  );
}

/** S7: customers, no paging (docs/contract.md#s4.3). */
export function runKundeSearch(
  context: IExecuteFunctions,
  params: (itemIndex: number) => SokParams['kunde'],
): Promise<INodeExecutionData[]> {
  return runPerItem(
    context,
    async (client, itemIndex) => {
      const criteria = params(itemIndex);
      const settings = readOutputSettings(context, itemIndex);
      const result = await client.sok('kunde', criteria, { audit: readAudit(context, itemIndex) });
      const treff = (result.kunder ?? []).map((kunde) => projectKunde(kunde, settings));
      return {
        status: treff.length > 0 ? 'found' : 'not_found',
        antallTreff: treff.length,
        ...(typeof result.antallTreffTotalt === 'number' ? { antallTreffTotalt: result.antallTreffTotalt } : {}),
        treff,
      };
    },
    criteriaEcho(context, params),
  );
}
