import type { IDataObject } from 'n8n-workflow';

import { referenceText } from './audit';

/**
 * What a trigger's item says about the callback it accepted, for the audit trail: which vendor
 * sent which event about which of its records, when, and which check accepted it. Never what the
 * callback says about the person: that stays in the item beside it.
 */
export interface TriggerAudit extends IDataObject {
	/** The sandbox ledger's vendor name, as in the action nodes' audit records. */
	vendor: string;
	event: string;
	/** The vendor's id of the request or submission the callback is about, when it gives one. */
	vendorReference?: string;
	/** When the callback arrived, ISO 8601 UTC. */
	receivedAt: string;
	/** The checks that accepted it, in the order run, joined with `+` (e.g. `sourceIp+decryptedGcm`). */
	verifiedBy: string;
}

/** The record, with `vendorReference` only when the callback names its record. */
export function triggerAudit(
	vendor: string,
	event: string,
	reference: unknown,
	receivedAtMs: number,
	verifiedBy: string[],
): TriggerAudit {
	const vendorReference = referenceText(reference);
	return {
		vendor,
		event,
		...(vendorReference === undefined ? {} : { vendorReference }),
		receivedAt: new Date(receivedAtMs).toISOString(),
		verifiedBy: verifiedBy.join('+'),
	};
}
