import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { scrubText } from './privacy';

/** A vendor's answer that is not a usable result, described in the vendor's own terms. */
export interface VendorFault {
	/** The vendor's status or error code, e.g. `FAIL`, `ERROR`, `0002`, or `HTTP 503`. */
	code: string;
	/** What the code means, in one short sentence. */
	meaning: string;
	httpStatus?: number;
	/** Whether the vendor bills this outcome; undefined when its documents do not say. */
	billed?: boolean;
	/** Vendor text that adds detail, e.g. the FAIL message. Never holds request data. */
	detail?: string;
	/** What the user can do about it. */
	hint?: string;
	/** The vendor asks for a retry and did not process (or bill) the call, so sending it again is safe. */
	transient?: boolean;
	/** No answer says so, but the vendor may have processed (and billed) the call: never send it again. */
	mayHaveProcessed?: boolean;
	/**
	 * The vendor's ID of the request, shown unmasked so that it can be looked up: vendor IDs are
	 * not personal data, but their digit runs would look like ID numbers to the masking.
	 */
	requestId?: string;
}

/** Bad input, found before anything was sent. */
export class InputProblem extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InputProblem';
	}
}

/** The vendor answered, or failed to answer, with something that is not a result. */
export class VendorFailure extends Error {
	/**
	 * @param output What the item should carry with Continue On Fail, e.g. a job that is still
	 * pending when waiting for it timed out, so that a later step can pick it up by its id.
	 */
	constructor(
		readonly vendor: string,
		readonly fault: VendorFault,
		public output?: IDataObject,
	) {
		super(describeFault(vendor, fault));
		this.name = 'VendorFailure';
	}
}

/** An ID shaped like one is shown as it is; anything else is vendor text and masked. */
function requestIdText(id: string): string {
	return /^[A-Za-z0-9_.:-]{1,100}$/.test(id) ? id : scrubText(id.slice(0, 100));
}

export function describeFault(vendor: string, fault: VendorFault): string {
	// meaning and detail may carry the vendor's own text, which can echo what was sent.
	const detail =
		fault.detail && fault.detail !== fault.meaning ? ` ("${scrubText(fault.detail)}")` : '';
	const facts = [
		fault.httpStatus !== undefined ? `HTTP ${fault.httpStatus}` : undefined,
		fault.billed === true ? 'billed' : fault.billed === false ? 'not billed' : undefined,
		fault.requestId ? `request ${requestIdText(fault.requestId)}` : undefined,
	].filter(Boolean);
	const tail = facts.length ? ` [${facts.join(', ')}]` : '';
	return `${vendor} ${fault.code}: ${scrubText(fault.meaning)}${detail}${tail}`;
}

/**
 * Turns anything an operation threw into the n8n error the user sees, tied to its item (none for
 * a trigger's activation hooks).
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof InputProblem) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: 'Nothing was sent to the vendor, so this item cost nothing.',
		});
	}
	if (error instanceof VendorFailure) {
		const { fault, vendor } = error;
		// Not `code`: NodeApiError would swap our message for its generic text for codes like ECONNREFUSED.
		const response: JsonObject = {
			vendor,
			vendorCode: fault.code,
			meaning: scrubText(fault.meaning),
			...(fault.httpStatus !== undefined ? { httpStatus: fault.httpStatus } : {}),
			...(fault.billed !== undefined ? { billed: fault.billed } : {}),
		};
		return new NodeApiError(node, response, {
			message: error.message,
			description: fault.hint,
			httpCode: fault.httpStatus !== undefined ? String(fault.httpStatus) : undefined,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
