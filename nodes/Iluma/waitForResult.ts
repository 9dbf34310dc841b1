import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { VendorFailure } from '../shared/errors';
import { pollUntil } from '../shared/poll';
import type { KycItemContext } from '../shared/types';

/** Statuses after which an Iluma job changes no more. */
const FINAL_STATUSES = new Set([
	'COMPLETED',
	'COMPLETED_REVIEW_REQUIRED',
	'FAILED',
	'SUCCESS',
	'FOUND',
	'NOT_FOUND',
]);

export const isFinished = (body: IDataObject) =>
	typeof body.status === 'string' && FINAL_STATUSES.has(body.status);

export function waitProperties(what: string, waitByDefault = true): INodeProperties[] {
	const timeout: INodeProperties = {
		displayName: 'Wait Time-Out (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 1, maxValue: 3600 },
		displayOptions: { show: { waitForResult: [true] } },
		description:
			'How long to wait for the result. After that the item fails with the last state, or, with Continue On Fail, carries the pending request and its ID so that a later Get can finish it.',
	};
	const wait: INodeProperties = {
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: true,
		description: `Whether to check the ${what} again, at growing intervals, until Iluma has finished it, and output the final result. Off: output Iluma's first answer, which may be PENDING.`,
	};
	wait.default = waitByDefault;
	return [wait, timeout];
}

/**
 * With Wait for Result on, reads the job at `path` until it is finished, and returns its final
 * state; a job still unfinished at the time-out fails the item and carries its last state.
 */
export async function settle(
	ctx: KycItemContext,
	first: IDataObject,
	path: string,
): Promise<IDataObject> {
	if (!ctx.param('waitForResult', false) || isFinished(first)) return first;
	const seconds = Number(ctx.param('waitTimeout', 60));
	const outcome = await pollUntil(
		first,
		// No Magic Reply on these reads: it simulates the answer to the request that created the job.
		async () => await ctx.request({ method: 'GET', path, repeatable: true }),
		isFinished,
		{ timeoutMs: seconds * 1000, signal: ctx.fn.getExecutionCancelSignal?.() },
	);
	if (outcome.finished) return outcome.last;
	const id = typeof outcome.last.id === 'string' ? outcome.last.id : undefined;
	throw new VendorFailure(
		'Iluma',
		{
			code: String(outcome.last.status ?? 'PENDING'),
			meaning: `no result after waiting ${seconds} s (${outcome.reads} checks); Iluma is still working on the request`,
			...(id ? { requestId: id } : {}),
			hint: 'Raise Wait Time-Out, or pick the result up later with this resource’s Get operation and the request ID.',
		},
		outcome.last,
	);
}
