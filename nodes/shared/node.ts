import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { AuditTrail, auditSource, type AuditRecord } from './audit';
import { BilledAnswers } from './billedAnswers';
import { InputProblem, VendorFailure, withoutSecrets } from './errors';
import { imageLabel, readImage } from './imageInput';
import { carryWithError, runItems } from './itemLoop';
import { readOptions } from './options';
import { maskSensitive } from './privacy';
import { credentialSecrets } from './scrub';
import { removeSecretsDeep } from './secretValues';
import { checkBaseUrl } from './transport';
import { ItemCalls } from './itemCalls';
import type { ImageSpec } from './image';
import { itemContext } from './itemContext';
import { vendorPace } from './vendorPace';
import type { KycOperation, KycResource, KycResult, KycVendor } from './types';

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
	// One pace per vendor account in this process, shared with every other execution using it.
	const limiter = vendorPace(vendor, credentials);
	const billed = BilledAnswers.open(fn);

	return await runBilledItems(fn, billed, concurrency, secrets, async (itemIndex, trail) => {
		const item = items[itemIndex];
		const options = readOptions(fn, itemIndex);
		trail.enabled = options.audit;
		const baseUrl = checkBaseUrl(credentials, vendor);
		const settings = {
			baseUrl,
			retries: options.retries,
			timeoutMs: options.timeoutMs,
			rateLimitWaitMs: options.rateLimitWaitMs,
			limiter,
		};
		const operation = findOperation(resources, resource, operationName);
		const inputs = {
			param: <T>(name: string, fallback?: T) => fn.getNodeParameter(name, itemIndex, fallback) as T,
			image: async (prefix: string, spec: ImageSpec) =>
				await readImage(fn, itemIndex, item, imageLabel(operation, prefix), prefix, spec),
		};
		const calls = new ItemCalls(fn, vendor, settings, billed, itemIndex);
		const attempt = trail.track(vendor, operation, `${resource}.${operationName}`, calls);
		const ctx = itemContext(
			fn,
			itemIndex,
			item,
			inputs,
			async (request) => await calls.send(request),
		);
		const result = await operation.execute(ctx).catch(async (error: unknown) => {
			if (options.privacy && error instanceof VendorFailure && error.output)
				error.output = maskSensitive(error.output, vendor.sensitiveKeys);
			return await Promise.reject(error);
		});
		attempt.succeeded();
		const results: KycResult[] = Array.isArray(result) ? result : [result];
		return results.map(({ json, binary }) =>
			outputItem(
				item,
				options.privacy ? maskSensitive(json, vendor.sensitiveKeys) : json,
				options.privacy,
				binary,
			),
		);
	});
}

/** An item's output: its own binary, or the input's images unless Privacy leaves them out. */
export function outputItem(
	item: INodeExecutionData,
	json: IDataObject,
	privacy: boolean,
	binary?: IBinaryKeyData,
): INodeExecutionData {
	return {
		json,
		...(binary ? { binary } : !privacy && item.binary ? { binary: item.binary } : {}),
	};
}

/** The input item's audit on its first output item only: one row per vendor attempt. */
function withAudit(items: INodeExecutionData[], audit: AuditRecord[]): INodeExecutionData[] {
	if (audit.length === 0 || items.length === 0) return items;
	const [first, ...rest] = items;
	return [{ ...first, json: { ...first.json, audit } }, ...rest];
}

/**
 * `runItems`, with Retry On Fail's memory told how this try ended, and a failing node's message
 * counting the billed results it loses. It is the one exit of an action node's items and errors:
 * the credential values of the execution (`secrets`, from `credentialSecrets`) leave in none, and
 * each item leaves with its audit (`handle` tracks its vendor attempts in `trail`).
 */
export async function runBilledItems(
	fn: IExecuteFunctions,
	billed: BilledAnswers,
	concurrency: number,
	secrets: readonly string[],
	handle: (itemIndex: number, trail: AuditTrail) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[][]> {
	const source = auditSource(fn);
	const leave = async (itemIndex: number) => {
		const trail = new AuditTrail(source, itemIndex);
		const audit = () => trail.records(secrets);
		return await handle(itemIndex, trail).then(
			(items) =>
				withAudit(
					items.map((item) => ({ ...item, json: removeSecretsDeep(item.json, secrets) })),
					audit(),
				),
			async (error: unknown) => {
				const clean = withoutSecrets(error, secrets);
				const records = audit();
				return await Promise.reject(
					records.length ? carryWithError(clean, { audit: records }) : clean,
				);
			},
		);
	};
	const output = await runItems(fn, fn.getInputData().length, concurrency, leave).catch(
		async (error: unknown) => {
			billed.endTry('thrown');
			return await Promise.reject(billed.noteLostResults(error));
		},
	);
	// n8n's Retry On Fail (not a tool's) also tries again when the first output item has an error.
	billed.endTry(output[0]?.json.error !== undefined ? 'error item' : 'output');
	return [output];
}
