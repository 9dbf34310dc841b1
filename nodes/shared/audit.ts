import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemBilling, VendorFault } from './errors';
import { removeSecrets } from './scrub';
import type { AuditVendor, KycOperation, KycResource, KycVendor } from './types';

/** What an item's calls at one vendor left behind, as `ItemCalls` counted them. */
export interface CallLog {
	/** HTTP calls made, polls and transport retries included. */
	calls: number;
	startedAt: number;
	endedAt: number;
	/** ItemCalls' decision: the audit never decides billing itself. */
	billing: ItemBilling;
	/** Why the billing is 'maybe'. */
	maybeReason?: string;
	reference?: string;
}

/** One vendor attempt of one item: what was checked and what it cost, never about whom. */
export interface AuditRecord extends IDataObject {
	vendor: AuditVendor;
	product: string;
	operation: string;
	outcome: 'success' | 'failed';
	billed: boolean | 'maybe';
	billedReason?: string;
	vendorReference?: string;
	startedAt: string;
	durationMs: number;
	calls: number;
	executionId: string;
	workflowId: string;
	node: string;
	itemIndex: number;
}

/** The same for every record of a node run. */
export interface AuditSource {
	executionId: string;
	workflowId: string;
	node: string;
}

export function auditSource(fn: IExecuteFunctions): AuditSource {
	return {
		executionId: String(fn.getExecutionId() ?? ''),
		workflowId: String(fn.getWorkflow().id ?? ''),
		node: fn.getNode().name,
	};
}

/** A vendor's id as the audit keeps it: a short single-line string, or nothing. */
export function referenceText(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	return text !== '' && text.length <= 128 && !/\s/.test(text) ? text : undefined;
}

/** Why a failed call leaves its billing open, in the node's own words (the vendor's code aside). */
export function maybeReason(vendor: string, fault: VendorFault): string {
	return fault.mayHaveProcessed
		? `${fault.code}: the call may have been processed and billed, and no answer says whether`
		: `${fault.code}: ${vendor} does not document whether this outcome is billed`;
}

/** `resource.operation`, as the node's parameters name the operation. */
export function operationName(resources: KycResource[], operation: KycOperation): string {
	const resource = resources.find((entry) => entry.operations.includes(operation));
	return resource ? `${resource.value}.${operation.value}` : operation.value;
}

interface Attempt {
	vendor: KycVendor;
	product: string;
	operation: string;
	calls: { log(): CallLog | undefined };
	outcome: 'success' | 'failed';
}

/**
 * One input item's vendor attempts, in the order they were made. An attempt that sent nothing has
 * no record. `enabled` is the item's Audit Record option.
 */
export class AuditTrail {
	enabled = false;

	readonly #attempts: Attempt[] = [];

	constructor(
		private readonly source: AuditSource,
		private readonly itemIndex: number,
	) {}

	/** An attempt at `vendor` through `calls`: failed until `succeeded()` is called. */
	track(
		vendor: KycVendor,
		operation: KycOperation,
		name: string,
		calls: Attempt['calls'],
	): { succeeded(): void } {
		const attempt: Attempt = {
			vendor,
			product: operation.product,
			operation: name,
			calls,
			outcome: 'failed',
		};
		this.#attempts.push(attempt);
		return {
			succeeded: () => {
				attempt.outcome = 'success';
			},
		};
	}

	/**
	 * The records of the attempts that sent a call. `secrets` (the credential's values) are removed
	 * from the two fields with the vendor's words in them; the rest are the node's own.
	 */
	records(secrets: readonly string[]): AuditRecord[] {
		if (!this.enabled) return [];
		const records: AuditRecord[] = [];
		for (const attempt of this.#attempts) {
			const log = attempt.calls.log();
			if (log) records.push(this.record(attempt, log, secrets));
		}
		return records;
	}

	private record(
		{ vendor, product, operation, outcome }: Attempt,
		log: CallLog,
		secrets: readonly string[],
	): AuditRecord {
		const billed = log.billing === 'none' ? false : log.billing === 'billed' ? true : 'maybe';
		const reason = log.maybeReason ?? 'the vendor may have processed the call';
		return {
			vendor: vendor.auditName,
			product: `${vendor.auditName}.${product}`,
			operation,
			outcome,
			billed,
			...(billed === 'maybe' ? { billedReason: removeSecrets(reason, secrets) } : {}),
			...(log.reference !== undefined
				? { vendorReference: removeSecrets(log.reference, secrets) }
				: {}),
			startedAt: new Date(log.startedAt).toISOString(),
			durationMs: Math.max(0, log.endedAt - log.startedAt),
			calls: log.calls,
			...this.source,
			itemIndex: this.itemIndex,
		};
	}
}
