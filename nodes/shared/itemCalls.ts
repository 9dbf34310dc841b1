import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { maybeReason, referenceText, type CallLog } from './audit';
import type { BilledAnswers } from './billedAnswers';
import { billingOfFault, VendorFailure, type ItemBilling, type VendorFault } from './errors';
import {
	sendRequest,
	type KycRequest,
	type KycResponse,
	type TransportSettings,
} from './transport';
import type { KycVendor } from './types';

const isAnswerObject = (body: unknown): body is IDataObject =>
	typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body);

/** A call the vendor may bill: everything but reads (repeatable calls are reads or free). */
const isBillable = (request: KycRequest) => request.billable ?? !request.repeatable;

/**
 * A later call's failure that is the vendor's own answer about the item (HTTP 2xx, e.g. Iluma's
 * job read back as FAILED with a temporary error, "not charged"): its billing is the vendor's
 * word on the whole item.
 * Any other failure of a later call (a status, a redirect, a lost connection) says nothing of
 * the call that was billed before it.
 */
function isVerdictOnItem(fault: VendorFault): boolean {
	const status = fault.httpStatus;
	return status !== undefined && status >= 200 && status < 300;
}

/**
 * The one place that decides an item's billing state at a vendor, and the one way an item's calls
 * are sent (through Retry On Fail's memory, then the transport). Once a billable call of the item
 * was answered, billed, or may have been processed, the item is billed at this vendor: a later
 * call's failure (a status read answering 503, a refused connection, 401) can no longer say the
 * vendor processed nothing, so no second vendor takes the item and no retry pays again.
 */
export class ItemCalls {
	#billing: ItemBilling = 'none';

	#billedBy?: KycRequest;

	#maybeReason?: string;

	/** What the audit record reads; undefined until the first call is sent. */
	#log?: Omit<CallLog, 'billing' | 'maybeReason'>;

	private readonly settings: TransportSettings;

	constructor(
		private readonly fn: IExecuteFunctions,
		private readonly vendor: KycVendor,
		settings: TransportSettings,
		private readonly answers: BilledAnswers,
		private readonly itemIndex: number,
	) {
		this.settings = {
			...settings,
			onCall: (startedAt, endedAt) => this.counted(startedAt, endedAt),
		};
	}

	get billing(): ItemBilling {
		return this.#billing;
	}

	/** The item's calls at this vendor so far, for its audit record; undefined when none was sent. */
	log(): CallLog | undefined {
		if (!this.#log) return undefined;
		return { ...this.#log, billing: this.#billing, maybeReason: this.#maybeReason };
	}

	async send(request: KycRequest): Promise<KycResponse> {
		const { fn, vendor, settings, itemIndex } = this;
		const earlier = this.#billedBy;
		// An answer kept from an earlier Retry On Fail try makes no HTTP call, yet is this item's call.
		const log = (this.#log ??= { calls: 0, startedAt: Date.now(), endedAt: Date.now() });
		const response = await this.answers
			.send(
				itemIndex,
				request,
				settings.baseUrl,
				async () => await sendRequest(fn, vendor, request, settings),
			)
			.finally(() => {
				if (log.calls === 0) log.endedAt = Date.now();
			})
			.catch(async (error: unknown) => await Promise.reject(this.failed(error, request, earlier)));
		if (isBillable(request)) this.note('billed', request);
		if (isAnswerObject(response.body)) this.referTo(vendor.reference?.(response.body));
		return response;
	}

	private counted(startedAt: number, endedAt: number): void {
		const log = (this.#log ??= { calls: 0, startedAt, endedAt });
		if (log.calls === 0) log.startedAt = startedAt;
		log.calls++;
		log.endedAt = endedAt;
	}

	/** The first id the vendor gives the item (e.g. its job's, which later reads repeat). */
	private referTo(reference: string | undefined): void {
		if (this.#log && this.#log.reference === undefined && reference !== undefined)
			this.#log.reference = reference;
	}

	/** The error a failed call leaves the item with, once its billing is noted. */
	private failed(error: unknown, request: KycRequest, earlier: KycRequest | undefined): unknown {
		if (!(error instanceof VendorFailure)) return error;
		this.referTo(referenceText(error.fault.requestId));
		if (isBillable(request)) {
			const billing = billingOfFault(error.fault);
			this.note(billing, request);
			if (billing === 'maybe' && this.#billing === 'maybe')
				this.#maybeReason ??= maybeReason(this.vendor.displayName, error.fault);
		}
		if (!earlier || isVerdictOnItem(error.fault) || billingOfFault(error.fault) === 'billed')
			return error;
		return error.asBilled(
			`${this.vendor.displayName} already processed this item's earlier call (${earlier.method} ${earlier.path}), which is billed, so the item stays billed there`,
			`Look the item up at ${this.vendor.displayName} (its request ID is in the earlier answer, or use the resource's Get operation) before you run it again: sending it again, here or at another vendor, is paid again.`,
		);
	}

	private note(billing: ItemBilling, request: KycRequest): void {
		if (billing === 'none' || this.#billing === 'billed') return;
		this.#billing = billing;
		this.#billedBy ??= request;
	}
}
