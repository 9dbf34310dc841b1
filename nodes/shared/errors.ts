import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { removeSecrets, scrub, scrubOptional } from './scrub';
import { removeSecretsDeep } from './secretValues';

/** Why a call left nothing billed: see `VendorFault.unprocessed`. */
export type Unprocessed = 'notSent' | 'busy' | 'account' | 'credential';

/** A vendor's answer that is not a usable result, described in the vendor's own terms. */
export interface VendorFault {
	/** The vendor's status or error code, e.g. `FAIL`, `ERROR`, `0002`, or `HTTP 503`. */
	code: string;
	/** What the code means, in one short sentence. */
	meaning: string;
	/** The node's own words on what it did about it (e.g. not sent again): follows the meaning, never cut short. */
	note?: string;
	httpStatus?: number;
	/** Whether the vendor bills this outcome; undefined when its documents do not say. */
	billed?: boolean;
	/** Vendor text that adds detail, e.g. the FAIL message; scrubbed like every field here. */
	detail?: string;
	/** What the user can do about it. */
	hint?: string;
	/** The vendor asks for a retry and did not process (or bill) the call, so sending it again is safe. */
	transient?: boolean;
	/** A transient refusal that says "too many calls now": retried for the Rate-Limit Wait, not Retries. */
	rateLimit?: boolean;
	/** No answer says so, but the vendor may have processed (and billed) the call: never send it again. */
	mayHaveProcessed?: boolean;
	/**
	 * The vendor did not process the call, so nothing was billed, and why: it never reached the
	 * vendor, the vendor was busy (retries used up), the account may not use the product now, or the
	 * credential was refused. Another vendor may take the same call.
	 */
	unprocessed?: Unprocessed;
	/**
	 * The vendor's ID of the request. Scrubbed too, but UUIDs and hex ids stay whole unless they
	 * carry a 16-digit run, so that they can be looked up.
	 */
	requestId?: string;
}

/** What a call, or an item, has cost at a vendor. */
export type ItemBilling = 'none' | 'billed' | 'maybe';

/** What a failed call cost: nothing when the vendor says so or did not process it; else billed, or maybe. */
export function billingOfFault(fault: VendorFault): ItemBilling {
	if (fault.unprocessed !== undefined || fault.billed === false) return 'none';
	if (fault.billed === true) return 'billed';
	return 'maybe';
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

/** Every field of a fault that can hold vendor text, through the scrubber. */
export function scrubFault(fault: VendorFault, secrets?: readonly string[]): VendorFault {
	return {
		...fault,
		code: scrub(fault.code, secrets),
		meaning: scrub(fault.meaning, secrets),
		detail: scrubOptional(fault.detail, secrets),
		// Our own words (a vendor's support address among them): only the credential is removed.
		hint: fault.hint === undefined ? undefined : removeSecrets(fault.hint, secrets ?? []),
		requestId: scrubOptional(fault.requestId, secrets),
	};
}

/**
 * The vendor answered, or failed to answer, with something that is not a result. Its `fault` and
 * message are scrubbed; `withoutSecrets` scrubs them again from the vendor's original words once
 * the credential's values are known.
 */
export class VendorFailure extends Error {
	readonly fault: VendorFault;

	readonly #original: VendorFault;

	/**
	 * @param output What the item should carry with Continue On Fail, e.g. a job that is still
	 * pending when waiting for it timed out, so that a later step can pick it up by its id.
	 */
	constructor(
		readonly vendor: string,
		fault: VendorFault,
		public output?: IDataObject,
		secrets?: readonly string[],
	) {
		const clean = scrubFault(fault, secrets);
		super(describeFault(vendor, clean));
		this.name = 'VendorFailure';
		this.fault = clean;
		this.#original = fault;
	}

	/**
	 * A copy built from the vendor's original words (so `withoutSecrets` still finds the credential's
	 * values in it), with `note` before the hint and its own copy of the output.
	 */
	copy(note?: string): VendorFailure {
		const hint = [note, this.#original.hint].filter(Boolean).join(' ') || undefined;
		const output = this.output === undefined ? undefined : structuredClone(this.output);
		return new VendorFailure(this.vendor, { ...this.#original, hint }, output);
	}

	/**
	 * The same failure of a later call of an item whose earlier call the vendor already billed:
	 * billed, and never "not processed", whatever this call's own answer says.
	 */
	asBilled(note: string, hint: string): VendorFailure {
		const original = this.#original;
		const fault: VendorFault = {
			...original,
			billed: true,
			note: [original.note, note].filter(Boolean).join('; '),
			hint,
		};
		delete fault.unprocessed;
		delete fault.transient;
		delete fault.rateLimit;
		const output = this.output === undefined ? undefined : structuredClone(this.output);
		return new VendorFailure(this.vendor, fault, output);
	}

	/** The same failure with the credential's own values (see `credentialSecrets`) removed too. */
	withoutSecrets(secrets: readonly string[]): VendorFailure {
		const output = this.output && removeSecretsDeep(this.output, secrets);
		return new VendorFailure(this.vendor, this.#original, output, secrets);
	}
}

const meaningOf = (fault: VendorFault) =>
	fault.note ? `${fault.meaning}; ${fault.note}` : fault.meaning;

/** A fault as one line: code, meaning, detail, status, billing, request ID, all scrubbed. */
export function describeFault(vendor: string, raw: VendorFault): string {
	const fault = scrubFault(raw);
	const detail = fault.detail && fault.detail !== fault.meaning ? ` ("${fault.detail}")` : '';
	const facts = [
		fault.httpStatus !== undefined ? `HTTP ${fault.httpStatus}` : undefined,
		fault.billed === true ? 'billed' : fault.billed === false ? 'not billed' : undefined,
		fault.requestId ? `request ${fault.requestId}` : undefined,
	].filter(Boolean);
	const tail = facts.length ? ` [${facts.join(', ')}]` : '';
	return `${vendor} ${fault.code}: ${meaningOf(fault)}${detail}${tail}`;
}

/**
 * An error on its way out of a node, with the credential's own values removed: a vendor failure
 * is scrubbed again from the vendor's words; any other error loses them from its message.
 */
export function withoutSecrets(error: unknown, secrets: readonly string[]): unknown {
	if (error instanceof VendorFailure) return error.withoutSecrets(secrets);
	if (!(error instanceof Error) || secrets.length === 0) return error;
	error.message = removeSecrets(error.message, secrets);
	if ('description' in error && typeof error.description === 'string')
		error.description = removeSecrets(error.description, secrets);
	return error;
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
			meaning: meaningOf(fault),
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
