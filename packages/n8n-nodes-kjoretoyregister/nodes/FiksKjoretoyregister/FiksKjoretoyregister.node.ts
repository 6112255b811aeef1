import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { router } from './v1/actions/router.js';
import { versionProperties } from './v1/actions/versionDescription.js';

/**
 * Fiks Kjøretøyregister: lookups and searches through @kjoretoyregister/core. Version 1 lives in
 * `v1/`; a later version is added with light versioning (`version: [1, 2]`, branching on
 * `getNode().typeVersion`). The credential test is the credential's own (declarative `test`).
 */
export class FiksKjoretoyregister implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Fiks Kjøretøyregister',
    name: 'fiksKjoretoyregister',
    icon: { light: 'file:fiksKjoretoyregister.svg', dark: 'file:fiksKjoretoyregister.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: "Look up and search vehicles in Statens vegvesen's register through KS Fiks",
    defaults: { name: 'Fiks Kjøretøyregister' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'fiksKjoretoyregisterApi', required: true }],
    properties: versionProperties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router.call(this);
  }
}
