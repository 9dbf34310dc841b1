import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputProblem } from './errors';
import { checkImage, decodeBase64, type ImageSpec, type KycImage } from './image';
import { runItems } from './itemLoop';
import { optionsProperty, readOptions } from './options';
import { maskSensitive } from './privacy';
import { checkBaseUrl, sendRequest } from './transport';
import type { KycItemContext, KycOperation, KycResource, KycResult, KycVendor } from './types';

/** Resource and operation selectors, every operation's own parameters, and the shared options. */
export function describeOperations(resources: KycResource[]): INodeProperties[] {
	const resourceSelector: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })),
		default: '',
	};
	resourceSelector.default = resources[0].value;
	const properties: INodeProperties[] = [resourceSelector];
	for (const resource of resources) {
		const operationSelector: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: '',
		};
		operationSelector.default = resource.operations[0].value;
		properties.push(operationSelector);
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const show = { show: { resource: [resource.value], operation: [operation.value] } };
			properties.push(...updateDisplayOptions(show, operation.properties));
		}
	}
	properties.push(optionsProperty);
	return properties;
}

function findOperation(resources: KycResource[], resource: string, operation: string): KycOperation {
	const found = resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
	if (!found) throw new InputProblem('Operation', `"${resource} → ${operation}" is not supported by this node`);
	return found;
}

function imageLabel(operation: KycOperation, prefix: string): string {
	const source = operation.properties.find((property) => property.name === `${prefix}Source`);
	return source ? source.displayName.replace(/ Source$/, '') : prefix;
}

async function readImage(
	fn: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	label: string,
	prefix: string,
	spec: ImageSpec,
): Promise<KycImage> {
	const source = fn.getNodeParameter(`${prefix}Source`, itemIndex, 'binary') as string;
	if (source === 'base64') {
		const text = fn.getNodeParameter(`${prefix}Base64`, itemIndex, '') as string;
		return checkImage(decodeBase64(String(text ?? ''), label), label, spec);
	}
	const field = String(fn.getNodeParameter(`${prefix}BinaryField`, itemIndex, 'data') ?? '').trim();
	if (field === '') throw new InputProblem(`${label} Binary Field`, 'is required but empty');
	const binary = item.binary?.[field];
	if (!binary) {
		const present = Object.keys(item.binary ?? {});
		const has = present.length ? `its binary fields are: ${present.join(', ')}` : 'it has no binary data';
		throw new InputProblem(label, `the input item has no binary field "${field}"; ${has}`);
	}
	const data = await fn.helpers.getBinaryDataBuffer(itemIndex, field);
	return checkImage(data, label, spec, binary.fileName);
}

/** The whole `execute()` of a vendor node: the item loop, the context each operation gets, the output. */
export async function executeKyc(
	fn: IExecuteFunctions,
	vendor: KycVendor,
	resources: KycResource[],
): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	if (items.length === 0) return [[]];
	const credentials = await fn.getCredentials(vendor.credentialType);
	const { concurrency } = readOptions(fn, 0);
	// Resource and operation take no expressions, so one read serves every item.
	const resource = fn.getNodeParameter('resource', 0) as string;
	const operationName = fn.getNodeParameter('operation', 0) as string;

	const output = await runItems(fn, items.length, concurrency, async (itemIndex) => {
		const item = items[itemIndex];
		const options = readOptions(fn, itemIndex);
		const baseUrl = checkBaseUrl(credentials[vendor.baseUrlField], vendor);
		const operation = findOperation(resources, resource, operationName);
		const ctx: KycItemContext = {
			fn,
			itemIndex,
			item,
			param: <T>(name: string, fallback?: T) => fn.getNodeParameter(name, itemIndex, fallback) as T,
			image: async (prefix, spec) => await readImage(fn, itemIndex, item, imageLabel(operation, prefix), prefix, spec),
			request: async (request) => {
				const settings = { baseUrl, retries: options.retries, timeoutMs: options.timeoutMs };
				const response = await sendRequest(fn, vendor, request, settings);
				return (response.body ?? {}) as IDataObject;
			},
		};
		const result = await operation.execute(ctx);
		const results: KycResult[] = Array.isArray(result) ? result : [result];
		return results.map(({ json, binary }) => ({
			json: options.privacy ? maskSensitive(json) : json,
			...(binary ? { binary } : !options.privacy && item.binary ? { binary: item.binary } : {}),
		}));
	});
	return [output];
}
