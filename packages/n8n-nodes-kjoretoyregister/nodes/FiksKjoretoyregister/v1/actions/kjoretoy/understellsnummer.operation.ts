import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { dtgField, readAudit, readDtg, readText, showFor } from '../../helpers/common-fields.js';
import { projectKjoretoy, readOutputSettings, toJson } from '../../helpers/output-mode.js';
import { runPerItem } from '../../helpers/per-item.js';

/**
 * B3 `GET bulk/understellsnummer/{vin}` (docs/contract.md#s7d): one request per item, since the endpoint
 * takes one VIN; a VIN can match several vehicles, so the hits are a list.
 */
export const description: INodeProperties[] = [
  {
    displayName: 'Understellsnummer',
    name: 'understellsnummer',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'TESTDIGDIR0000016',
    description: 'Vehicle identification number (VIN) of this item, usually an expression',
    displayOptions: showFor('kjoretoy', 'understellsnummer'),
  },
  dtgField('kjoretoy', 'understellsnummer'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return runPerItem(
    this,
    async (client, itemIndex) => {
      const input = readText(this, 'understellsnummer', itemIndex) ?? '';
      const dtg = readDtg(this, itemIndex);
      const settings = readOutputSettings(this, itemIndex);
      const result = await client.lookupUnderstellsnummer(input, {
        ...(dtg === undefined ? {} : { dtg }),
        audit: readAudit(this, itemIndex),
      });
      const json: IDataObject = {
        status: result.status,
        antallTreff: result.kjoretoy.length,
        treff: result.kjoretoy.map((kjoretoy) => ({ status: 'found', ...projectKjoretoy(kjoretoy, settings) })),
      };
      if (result.status !== 'found') json['responskoder'] = toJson(result.responskoder) as unknown as IDataObject[];
      return json;
    },
    (itemIndex) => {
      const dtg = readDtg(this, itemIndex);
      return { input: readText(this, 'understellsnummer', itemIndex) ?? '', ...(dtg === undefined ? {} : { dtg }) };
    },
  );
}
