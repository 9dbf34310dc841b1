import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { OperationBilling } from './billing';
import type { VendorFault } from './errors';
import type { ImageSpec, KycImage } from './image';
import type { KycRequest, KycResponse } from './transport';

/** What a vendor node tells the core about its vendor. */
export interface KycVendor {
	/** The vendor's name as users know it, used in every message. */
	displayName: string;
	credentialType: string;
	/** The credential field that holds the base URL. */
	baseUrlField: string;
	/** That field's display name, for messages; `Base URL` when not set. */
	baseUrlLabel?: string;
	/** A fault when the response is not a usable result; undefined for a result. */
	inspect(response: KycResponse, request: KycRequest): VendorFault | undefined;
	/**
	 * The vendor's own rule for its base URL, run after the core's (https, no query, …) has passed:
	 * why this URL is wrong, or undefined.
	 */
	baseUrlProblem?(url: URL): string | undefined;
	/** Output keys the Privacy option masks beside the core's list, e.g. a vendor's own ID number field. */
	sensitiveKeys?: RegExp;
	/** The vendor's name in the audit record and in product keys (`iluma.ktpNameValidation`). */
	auditName: AuditVendor;
	/** The vendor's own request, transaction or job id in one of its answers, when it gives one. */
	reference?(body: IDataObject): string | undefined;
}

/** The vendors as audit records (and the sandbox's billing ledger) name them. */
export type AuditVendor = 'ekycpro' | 'iluma' | 'clova' | 'argos' | 'widekyc';

/** One item's view of the node: its parameters, its images, and the vendor. */
export interface KycItemContext {
	readonly fn: IExecuteFunctions;
	readonly itemIndex: number;
	readonly item: INodeExecutionData;
	param<T = string>(name: string, fallback?: T): T;
	image(prefix: string, spec: ImageSpec): Promise<KycImage>;
	/** Sends the call and returns the vendor's body once it is a result. */
	request(request: KycRequest): Promise<IDataObject>;
	/** Sends a call whose answer is a file, and returns it with its content type. */
	requestFile(request: KycRequest): Promise<KycFile>;
}

export interface KycFile {
	data: Buffer;
	/** The Content-Type header, without parameters; undefined when the vendor sent none. */
	mimeType?: string;
	/** From a Content-Disposition filename, when the vendor sent one. */
	fileName?: string;
}

export interface KycResult {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/** One operation: its own parameters and its one call. The core owns the item loop. */
export interface KycOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Whether it bills (nodes/shared/billing.ts): its action and description say so. */
	billing: OperationBilling;
	properties: INodeProperties[];
	/**
	 * The audit record's product key, without the vendor: for a billable operation the vendor's
	 * billed product (e.g. `ktpNameValidation`), for a free one its own stable key. Every operation
	 * has one (test/unit/descriptions.test.js).
	 */
	product: string;
	/** Returns one result, or several for operations that split (e.g. one item per match). */
	execute(ctx: KycItemContext): Promise<KycResult | KycResult[]>;
}

export interface KycResource {
	value: string;
	name: string;
	operations: KycOperation[];
}
