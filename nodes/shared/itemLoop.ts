import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError, VendorFailure } from './errors';

/** What a failed item's output carries besides the vendor failure's own output (e.g. its audit). */
const carriedByError = new WeakMap<object, IDataObject>();

/** Makes the item that `error` fails carry `json` too (with Continue On Fail, or on the error output). */
export function carryWithError(error: unknown, json: IDataObject): unknown {
	if (typeof error === 'object' && error !== null)
		carriedByError.set(error, { ...carriedByError.get(error), ...json });
	return error;
}

function carriedBy(error: unknown): IDataObject | undefined {
	const own = error instanceof VendorFailure ? error.output : undefined;
	const extra = typeof error === 'object' && error !== null ? carriedByError.get(error) : undefined;
	return own && extra ? { ...own, ...extra } : (own ?? extra);
}

/**
 * A failed item's json. n8n's engine sends an item to the error output only when its json holds
 * nothing but `error`, `message` and `details` (an item-level `error` would cut the json down to
 * the message), so there what the failure carries goes under `details`.
 */
function failedJson(message: string, carried: IDataObject | undefined, toErrorOutput: boolean) {
	if (!carried) return { error: message };
	return toErrorOutput ? { error: message, details: carried } : { ...carried, error: message };
}

/**
 * Runs `handle` for every input item, up to `concurrency` at a time, and returns the outputs in
 * input order. Each output carries `pairedItem`. With Continue On Fail a failed item yields one
 * error item and the rest go on; without it the first failure (in input order) stops the node
 * once the calls already in flight have settled.
 */
export async function runItems(
	fn: IExecuteFunctions,
	count: number,
	concurrency: number,
	handle: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const outputs: INodeExecutionData[][] = new Array(count);
	const failures = new Map<number, Error>();
	const continueOnFail = fn.continueOnFail();
	const toErrorOutput = fn.getNode().onError === 'continueErrorOutput';
	const signal = fn.getExecutionCancelSignal?.();
	let next = 0;

	const worker = async () => {
		while (next < count && failures.size === 0 && !signal?.aborted) {
			const itemIndex = next++;
			try {
				const results = await handle(itemIndex);
				outputs[itemIndex] = results.map((result) => ({
					...result,
					pairedItem: { item: itemIndex },
				}));
			} catch (error) {
				const nodeError = toNodeError(fn.getNode(), error, itemIndex);
				if (continueOnFail && !signal?.aborted) {
					const carried = carriedBy(error);
					outputs[itemIndex] = [
						{
							json: failedJson(nodeError.message, carried, toErrorOutput),
							pairedItem: { item: itemIndex },
						},
					];
				} else {
					failures.set(itemIndex, nodeError);
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	if (signal?.aborted)
		throw toNodeError(fn.getNode(), new Error('The execution was cancelled'), next - 1);
	return outputs.flat();
}
