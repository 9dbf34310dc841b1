import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { billingOfFault, InputProblem, VendorFailure } from './errors';

/**
 * Max Billed Calls: a bound a compliance team sets on a node's billed calls, for agents that loop.
 * n8n's MCP Server Trigger runs each tool call as an execution of its own, so a bound per
 * execution cannot stop an MCP client; the time windows are counted in this n8n process, per
 * workflow and node, across executions (in queue mode each worker counts its own). An AI Agent's
 * tool calls all happen in one execution, which "Execution" bounds.
 */

export type LimitWindow = 'execution' | 'minute' | 'hour' | 'day';

const WINDOW_MS: Record<Exclude<LimitWindow, 'execution'>, number> = {
	minute: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
};

/** A count nothing has used for this long is dropped: every time window is over by then. */
const IDLE_MS = WINDOW_MS.day;

/** The name that starts every refusal, for messages and tests. */
export const LIMIT_NAME = 'Max Billed Calls';

export const billedCallLimitOptions: INodeProperties[] = [
	{
		displayName: 'Max Billed Calls',
		name: 'maxBilledCalls',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: 100000 },
		description:
			'The most billed calls this node may send per Max Billed Calls Per window; a call past it fails before it is sent (nothing billed), with a message an AI agent can read. Free calls (look-ups, status reads) and calls that end not billed do not count. 0 means no limit.',
	},
	{
		displayName: 'Max Billed Calls Per',
		name: 'maxBilledCallsPer',
		type: 'options',
		default: 'hour',
		options: [
			{
				name: 'Execution',
				value: 'execution',
				description:
					'One execution: bounds an AI Agent, whose tool calls run in one execution; not an MCP client, whose every tool call is an execution',
			},
			{
				name: 'Minute',
				value: 'minute',
				description:
					'The last 60 seconds, across the executions of this workflow and node in this n8n process',
			},
			{
				name: 'Hour',
				value: 'hour',
				description:
					'The last 60 minutes, across the executions of this workflow and node in this n8n process',
			},
			{
				name: 'Day',
				value: 'day',
				description:
					'The last 24 hours, across the executions of this workflow and node in this n8n process',
			},
		],
		description:
			'The window Max Billed Calls counts in. Minute, Hour and Day count in this n8n process, per workflow and node (in queue mode each worker counts its own).',
	},
];

interface Window {
	/** When each counted call was sent, oldest first. */
	sent: number[];
	touchedAt: number;
}

/** Keyed by workflow and node (and execution, for Per Execution); a Map keeps the least recently used first. */
const windows = new Map<string, Window>();

function prune(now: number): void {
	for (const [key, window] of windows) {
		if (now - window.touchedAt <= IDLE_MS) break;
		windows.delete(key);
	}
}

/** The UTC time of `at`, to the second: "2026-12-07 16:20:03 UTC" (a form the scrubber leaves whole). */
const utc = (at: number) =>
	new Date(at)
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d{3}Z$/, ' UTC');

/**
 * Behind n8n's MCP Server Trigger a tool runs in the client's request, before n8n creates the
 * execution that records the call, so it has no execution id: that run of the node (its
 * `IExecuteFunctions`) is the call's execution.
 */
const unsavedRuns = new WeakMap<IExecuteFunctions, string>();
let unsavedCount = 0;

function executionScope(fn: IExecuteFunctions): string {
	const id = fn.getExecutionId();
	if (typeof id === 'string' && id !== '') return `execution ${id}`;
	let run = unsavedRuns.get(fn);
	if (run === undefined) {
		run = `run without execution ${++unsavedCount}`;
		unsavedRuns.set(fn, run);
	}
	return run;
}

/** A counted call; giving it back frees its place (the call ended not billed). */
export interface BilledCallSlot {
	release(): void;
}

export class BilledCallLimit {
	private constructor(
		readonly max: number,
		readonly per: LimitWindow,
		private readonly key: string,
	) {}

	/** The node's limit for this item, or undefined when it has none (0). */
	static of(fn: IExecuteFunctions, itemIndex: number): BilledCallLimit | undefined {
		const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const max = Math.floor(Number(options.maxBilledCalls ?? 0));
		if (!(max > 0)) return undefined;
		const per = String(options.maxBilledCallsPer ?? 'hour') as LimitWindow;
		if (per !== 'execution' && !(per in WINDOW_MS))
			throw new InputProblem(
				'Max Billed Calls Per',
				`"${per}" is not one of Execution, Minute, Hour, Day`,
			);
		const node = fn.getNode();
		const scope = [fn.getWorkflow().id ?? '', node.id ?? node.name];
		if (per === 'execution') scope.push(executionScope(fn));
		return new BilledCallLimit(max, per, scope.join('\u0000'));
	}

	/**
	 * Counts one billed call before it is sent, or refuses it. Check and count are one synchronous
	 * step, so calls sent at once (Concurrency above 1) can never pass the limit together.
	 */
	reserve(now = Date.now()): BilledCallSlot {
		prune(now);
		const window = windows.get(this.key) ?? { sent: [], touchedAt: now };
		windows.delete(this.key);
		windows.set(this.key, window);
		window.touchedAt = now;
		if (this.per !== 'execution') {
			const start = now - WINDOW_MS[this.per];
			while (window.sent.length > 0 && window.sent[0] <= start) window.sent.shift();
		}
		if (window.sent.length >= this.max) throw this.refusal(window.sent);
		const entry = now;
		window.sent.push(entry);
		return {
			release: () => {
				const index = window.sent.indexOf(entry);
				if (index >= 0) window.sent.splice(index, 1);
			},
		};
	}

	private refusal(sent: number[]): VendorFailure {
		const counted =
			this.per === 'execution'
				? `${sent.length} billed calls in this execution`
				: `${sent.length} billed calls since ${utc(sent[0])}`;
		const after =
			this.per === 'execution'
				? 'run it in a new execution'
				: `wait until ${utc(sent[0] + WINDOW_MS[this.per])}`;
		return new VendorFailure(LIMIT_NAME, {
			code: `(${this.max} per ${this.per}) reached for this node`,
			meaning: `${counted}; nothing was sent, nothing billed. Ask a person to raise the limit in the node's options or ${after}`,
			billed: false,
			hint: 'The limit is your team’s (this node’s Options → Max Billed Calls), not the vendor’s: calling again now is refused too, and KYC (Any Vendor) tries no other vendor.',
		});
	}
}

/** Whether a failed call left nothing billed, so that its place is free again. */
function leftNothingBilled(error: unknown): boolean {
	if (error instanceof InputProblem) return true;
	return error instanceof VendorFailure && billingOfFault(error.fault) === 'none';
}

/** Sends a billable call within the limit: counted before it is sent, given back when not billed. */
export async function sendWithinLimit<T>(
	limit: BilledCallLimit | undefined,
	send: () => Promise<T>,
): Promise<T> {
	if (!limit) return await send();
	const slot = limit.reserve();
	return await send().catch(async (error: unknown) => {
		if (leftNothingBilled(error)) slot.release();
		return await Promise.reject(error);
	});
}

/** Forgets every count, as a new process would start (tests). */
export function forgetBilledCalls(): void {
	windows.clear();
}
