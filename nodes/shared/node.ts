import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BilledAnswers } from './billedAnswers';
import { InputProblem, VendorFailure, withoutSecrets } from './errors';
import { imageLabel, readImage } from './imageInput';
import { runItems } from './itemLoop';
import { readOptions } from './options';
import { RateLimiter } from './rateLimiter';
import { maskSensitive } from './privacy';
import { credentialSecrets } from './scrub';
import { checkBaseUrl, sendRequest } from './transport';
import type {
	KycFile,
	KycItemContext,
	KycOperation,
	KycResource,
	KycResult,
	KycVendor,
} from './types';

function describeFile(data: Buffer, headers: IDataObject): KycFile {
	const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : '';
	const disposition =
		typeof headers['content-disposition'] === 'string' ? headers['content-disposition'] : '';
	const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
	return {
		data,
		mimeType: contentType.split(';')[0].trim() || undefined,
		fileName: name ? decodeURIComponent(name) : undefined,
	};
}

export { describeOperations } from './description';

function findOperation(
	resources: KycResource[],
	resource: string,
	operation: string,
): KycOperation {
	const found = resources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.value === operation);
	if (!found)
		throw new InputProblem(
			'Operation',
			`"${resource} → ${operation}" is not supported by this node`,
		);
	return found;
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
	const secrets = credentialSecrets(credentials, vendor.baseUrlField);
	const { concurrency } = readOptions(fn, 0);
	// Resource and operation take no expressions, so one read serves every item.
	const resource = fn.getNodeParameter('resource', 0) as string;
	const operationName = fn.getNodeParameter('operation', 0) as string;
	const limiter = new RateLimiter();
	const billed = BilledAnswers.open(fn);

	const output = await runItems(fn, items.length, concurrency, async (itemIndex) => {
		const item = items[itemIndex];
		const options = readOptions(fn, itemIndex);
		const baseUrl = checkBaseUrl(credentials, vendor);
		const settings = { baseUrl, retries: options.retries, timeoutMs: options.timeoutMs, limiter };
		const operation = findOperation(resources, resource, operationName);
		const ctx: KycItemContext = {
			fn,
			itemIndex,
			item,
			param: <T>(name: string, fallback?: T) => fn.getNodeParameter(name, itemIndex, fallback) as T,
			image: async (prefix, spec) =>
				await readImage(fn, itemIndex, item, imageLabel(operation, prefix), prefix, spec),
			request: async (request) => {
				const response = await billed.send(itemIndex, request, baseUrl, async () =>
					await sendRequest(fn, vendor, request, settings),
				);
				return (response.body ?? {}) as IDataObject;
			},
			requestFile: async (request) => {
				const fileRequest = { ...request, binary: true };
				const response = await billed.send(itemIndex, fileRequest, baseUrl, async () =>
					await sendRequest(fn, vendor, fileRequest, settings),
				);
				return describeFile(response.body as Buffer, response.headers);
			},
		};
		const result = await operation.execute(ctx).catch(async (error: unknown) => {
			if (options.privacy && error instanceof VendorFailure && error.output)
				error.output = maskSensitive(error.output, vendor.sensitiveKeys);
			return await Promise.reject(withoutSecrets(error, secrets));
		});
		const results: KycResult[] = Array.isArray(result) ? result : [result];
		return results.map(({ json, binary }) => ({
			json: options.privacy ? maskSensitive(json, vendor.sensitiveKeys) : json,
			...(binary ? { binary } : !options.privacy && item.binary ? { binary: item.binary } : {}),
		}));
	}).catch(async (error: unknown) => {
		billed.endTry(true);
		return await Promise.reject(billed.noteLostResults(error));
	});
	// n8n's Retry On Fail also tries again when the first output item carries an error.
	billed.endTry(output[0]?.json.error !== undefined);
	return [output];
}
