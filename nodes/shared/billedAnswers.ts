import { createHash, type Hash } from 'crypto';

import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { billingOfFault, VendorFailure } from './errors';
import type { KycRequest, KycResponse } from './transport';

/**
 * n8n's Retry On Fail runs `execute()` again, in the same process, execution and run index, with the
 * same input, up to 5 times at most 5 s apart (WorkflowExecute, n8n 1.x and 2.x alike). So that a
 * retry does not pay again for calls that were billed on an earlier try, each billed call's outcome
 * is kept here until the node's run succeeds or its last try is over, and the same call of the
 * same item is answered from here instead of being sent. Only outcomes the vendor may have billed
 * are kept: results, billed errors, and answers that leave it open (502, 504, a lost connection).
 *
 * As an AI tool (an AI Agent's tool, or behind the MCP Server Trigger) n8n-core runs the node in
 * its own loop (makeHandleToolInvocation, n8n 1.x and 2.x alike): every try gets a new run index,
 * and only a thrown error is tried again, not an output item with `error`.
 */

/** A failed run's outcomes are dropped after this long without use (its tries are seconds apart). */
const IDLE_MS = 2 * 60 * 60 * 1000;
/**
 * A run keeps the answers of its first this many billed calls. Past that it keeps only that a
 * call was billed (its digest), so that a retry still never pays again; and one execution's
 * memory never pushes out another's.
 */
const MAX_ANSWERS_PER_RUN = 20_000;

/** A kept outcome (or only the fact that the call was billed), and the base URL it went to. */
type Outcome = ({ response: KycResponse } | { failure: VendorFailure } | { forgotten: true }) & {
	target: string;
};

interface Run {
	touchedAt: number;
	tries: number;
	outcomes: Map<string, Outcome>;
	/** How many outcomes keep their answer. */
	answers: number;
}

/** Keyed by execution, node and run index; a Map keeps insertion order, so the first run is the oldest. */
const runs = new Map<string, Run>();

function drop(key: string): void {
	runs.delete(key);
}

/** Drops runs unused for longer than any Retry On Fail wait; nothing else pushes a run out. */
function prune(now: number, current: string): void {
	for (const [key, run] of runs) {
		if (key === current) continue;
		if (now - run.touchedAt <= IDLE_MS) break;
		drop(key);
	}
}

/** How many runs and outcomes are kept, for tests. */
export function keptOutcomes(): { runs: number; outcomes: number; answers: number } {
	let outcomes = 0;
	let answers = 0;
	for (const run of runs.values()) {
		outcomes += run.outcomes.size;
		answers += run.answers;
	}
	return { runs: runs.size, outcomes, answers };
}

/** Whether n8n will not run the node again after this many failed tries. */
function lastTry(node: INode, tries: number, tool: boolean): boolean {
	// WorkflowExecute makes min(5, max(2, maxTries || 3)) tries, a tool min(5, max(2, maxTries ?? 3)).
	const maxTries = tool ? (node.maxTries ?? 3) : Number(node.maxTries) || 3;
	return tries >= Math.min(5, Math.max(2, Number(maxTries) || 0));
}

function cloneResponse(response: KycResponse): KycResponse {
	const { body } = response;
	return {
		statusCode: response.statusCode,
		headers: { ...response.headers },
		body: Buffer.isBuffer(body) ? Buffer.from(body) : structuredClone(body),
	};
}

function withoutVolatile(text: string, volatile: string[]): string {
	let result = text;
	for (const value of volatile)
		if (value) result = result.split(value).join('\u0000volatile\u0000');
	return result;
}

function addField(hash: Hash, label: string, value: string): void {
	hash.update(`${label}\u0000${Buffer.byteLength(value)}\u0000`).update(value);
}

/**
 * What makes two calls the same call: target, method, path, query, headers and body; a multipart
 * body by each part's name, text, file name, type and bytes. Values the request marks as volatile
 * (a fresh request ID or time stamp) do not count.
 */
export async function requestDigest(request: KycRequest, target: string): Promise<string> {
	const hash = createHash('sha256');
	const volatile = request.volatile ?? [];
	const text = (value: unknown) => withoutVolatile(JSON.stringify(value ?? null), volatile);
	addField(hash, 'call', `${target} ${request.method} ${request.path} ${request.binary === true}`);
	addField(hash, 'qs', text(request.qs));
	addField(hash, 'headers', text(request.headers));
	if (request.json) addField(hash, 'json', text(request.json));
	if (request.form) addField(hash, 'form', text(request.form));
	if (request.multipart) {
		const parts: Array<[string, FormDataEntryValue]> = [];
		request.multipart().forEach((value, name) => parts.push([name, value]));
		for (const [name, value] of parts) {
			if (typeof value === 'string') {
				addField(hash, 'text part', `${name}\u0000${withoutVolatile(value, volatile)}`);
			} else {
				addField(
					hash,
					'file part',
					`${name}\u0000${value.name}\u0000${value.type}\u0000${value.size}`,
				);
				hash.update(new Uint8Array(await value.arrayBuffer()));
			}
		}
	}
	return hash.digest('hex');
}

/**
 * One `execute()` call's view of the kept outcomes. Outside Retry On Fail nothing is kept (n8n
 * will not run the node again in this execution), but billed items are still counted for the
 * message of a failing node.
 */
export class BilledAnswers {
	/** Items with a billed call answered in this try (sent now or kept from an earlier try). */
	private readonly billedItems = new Set<number>();

	private constructor(
		private readonly node: INode,
		private readonly key: string | undefined,
		private readonly tool = false,
	) {}

	static open(fn: IExecuteFunctions): BilledAnswers {
		const node = fn.getNode();
		if (node.retryOnFail !== true) return new BilledAnswers(node, undefined);
		const executionId = fn.getExecutionId();
		const inExecution = typeof executionId === 'string' && executionId !== '';
		// Called as a tool, the node's input is the tool's arguments, on the `ai_tool` connection.
		const toolCall = fn.getInputData(0, NodeConnectionTypes.AiTool);
		if (!inExecution && toolCall.length === 0) return new BilledAnswers(node, undefined);
		// Behind the MCP Server Trigger a tool runs in the trigger's webhook request, before n8n
		// creates the call's execution: there is no execution id, and the workflow names the run.
		const scope = inExecution ? executionId : `workflow\u0000${fn.getWorkflow().id ?? ''}`;
		const run = `${scope}\u0000${node.id ?? node.name}`;
		if (toolCall.length > 0) {
			// Each try has a new run index, but the same arguments: they name the call. Two calls of the
			// tool with other arguments keep apart; a later call with the same ones, after this call
			// succeeded or had its last try, finds nothing kept. Calls with the same arguments at the
			// same time share one memory (one is answered from the other's billed call, not sent again).
			const args = createHash('sha256')
				.update(JSON.stringify(toolCall.map((item) => item.json)))
				.digest('hex');
			return new BilledAnswers(node, `${run}\u0000tool\u0000${args}`, true);
		}
		// The run index tells a retry (same index) from the node's next run in a loop.
		const runIndex = Number(fn.getWorkflowDataProxy(0).$runIndex) || 0;
		return new BilledAnswers(node, `${run}\u0000${runIndex}`);
	}

	private run(create: boolean): Run | undefined {
		if (this.key === undefined) return undefined;
		const now = Date.now();
		prune(now, this.key);
		let run = runs.get(this.key);
		if (run) runs.delete(this.key);
		else if (create) run = { touchedAt: now, tries: 0, outcomes: new Map(), answers: 0 };
		if (!run) return undefined;
		run.touchedAt = now;
		runs.set(this.key, run); // now the most recently used
		return run;
	}

	/**
	 * Sends a call through `send`, or answers it with the outcome of the same item's same call on
	 * an earlier try. Repeatable calls (reads, free) are always sent, so they see the vendor's news.
	 */
	async send(
		itemIndex: number,
		request: KycRequest,
		target: string,
		send: () => Promise<KycResponse>,
	): Promise<KycResponse> {
		if (request.repeatable) return await send();
		const digest = this.key === undefined ? '' : await requestDigest(request, target);
		const id = `${itemIndex}\u0000${digest}`;
		const earlier = this.run(false)?.outcomes.get(id);
		if (earlier && 'response' in earlier) {
			this.billedItems.add(itemIndex);
			return cloneResponse(earlier.response);
		}
		if (earlier && 'failure' in earlier) throw earlier.failure.copy(REPEATED);
		if (earlier) throw forgotten(request);

		const response = await send().catch(async (error: unknown) => {
			if (
				this.key !== undefined &&
				error instanceof VendorFailure &&
				billingOfFault(error.fault) !== 'none'
			) {
				this.keep(id, { failure: error.copy(), target });
			}
			return await Promise.reject(error);
		});
		this.billedItems.add(itemIndex);
		if (this.key !== undefined) this.keep(id, { response: cloneResponse(response), target });
		return response;
	}

	/** The base URLs this item's billed calls went to on earlier tries of this run. */
	billedTargets(itemIndex: number): Set<string> {
		const targets = new Set<string>();
		const prefix = `${itemIndex}\u0000`;
		for (const [id, outcome] of this.run(false)?.outcomes ?? []) {
			if (id.startsWith(prefix)) targets.add(outcome.target);
		}
		return targets;
	}

	private keep(id: string, outcome: Outcome): void {
		const run = this.run(true);
		if (!run) return;
		const before = run.outcomes.get(id);
		if (before && !('forgotten' in before)) run.answers--;
		if (run.answers >= MAX_ANSWERS_PER_RUN) {
			run.outcomes.set(id, { forgotten: true, target: outcome.target });
			return;
		}
		run.answers++;
		run.outcomes.set(id, outcome);
	}

	/**
	 * Ends this try: a run that n8n will not try again (it succeeded, or had its last try) has no
	 * further use for its outcomes. n8n tries again after a thrown error and, except for a tool,
	 * after a first output item with `error`.
	 */
	endTry(ending: 'output' | 'error item' | 'thrown'): void {
		const run = this.run(false);
		if (!run || this.key === undefined) return;
		run.tries++;
		const failed = ending === 'thrown' || (ending === 'error item' && !this.tool);
		if (!failed || lastTry(this.node, run.tries, this.tool)) drop(this.key);
	}

	/**
	 * The node fails and n8n drops every result of this run: say how many items the vendor already
	 * answered and billed, and how to keep their results.
	 */
	noteLostResults(error: unknown): unknown {
		if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
		const failedItem = error.context.itemIndex;
		const lost = [...this.billedItems].filter((item) => item !== failedItem).length;
		if (lost === 0) return error;
		const note =
			`${lost} other item${lost === 1 ? ' was' : 's were'} already answered by the vendor and billed; ` +
			'their results are lost because the node failed. Set Settings → On Error → ' +
			'"Continue (using error output)" to keep them.';
		error.description = error.description ? `${error.description} ${note}` : note;
		return error;
	}
}

/** A call billed on an earlier try whose answer was not kept: it is not sent again either. */
function forgotten(request: KycRequest): VendorFailure {
	return new VendorFailure('Retry On Fail', {
		code: 'BILLED EARLIER',
		meaning: `this item's ${request.method} ${request.path} was answered and billed on an earlier try of this node in this execution, and its answer was not kept (more than ${MAX_ANSWERS_PER_RUN.toLocaleString('en-US')} billed answers in this run), so it was not sent again`,
		billed: true,
		hint: 'Look the result up at the vendor, or run fewer items per execution with Retry On Fail on.',
	});
}

const REPEATED =
	'This is the answer to this item’s call on an earlier try of this node in this execution; the call was not sent again.';
