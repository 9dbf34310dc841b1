import type { IDataObject } from 'n8n-workflow';

import { describeFault, type InputProblem, type VendorFailure } from '../shared/errors';
import type { VendorKey } from './vendors';

/** What happened at one vendor, in the order the vendors were tried. */
export type Outcome =
	| 'answered'
	| 'notSent'
	| 'busy'
	| 'account'
	| 'credential'
	| 'coolingDown'
	| 'failed';

export interface Attempt extends IDataObject {
	vendor: VendorKey;
	outcome: Outcome;
	code?: string;
	billed: boolean;
	message?: string;
}

export const answered = (vendor: VendorKey, billed: boolean): Attempt => ({
	vendor,
	outcome: 'answered',
	billed,
});

/** Refused here before anything was sent: input this vendor does not take, or its credential. */
export const refused = (vendor: VendorKey, problem: InputProblem): Attempt => ({
	vendor,
	outcome: 'notSent',
	code: 'refused before sending',
	billed: false,
	message: problem.message,
});

export const coolingDown = (vendor: VendorKey, label: string, seconds: number): Attempt => ({
	vendor,
	outcome: 'coolingDown',
	billed: false,
	message: `skipped: ${label} was busy or unreachable earlier in this run (${seconds} s of its cool-down left); it is tried last if no other vendor answers`,
});

/** A vendor failure: not processed (another vendor may try) or the failure that ends the item. */
export function failed(vendor: VendorKey, failure: VendorFailure): Attempt {
	const { fault } = failure;
	return {
		vendor,
		outcome: fault.unprocessed ?? 'failed',
		code: fault.code,
		billed: fault.unprocessed ? false : (fault.billed ?? true),
		message: describeFault(failure.vendor, fault),
	};
}

const OUTCOME_WORDS: Record<Outcome, string> = {
	answered: 'answered',
	notSent: 'not sent',
	busy: 'busy',
	account: 'account may not use it',
	credential: 'key refused',
	coolingDown: 'skipped while cooling down',
	failed: 'failed',
};

/** "WideKYC key refused (HTTP 401); Iluma not sent (connection refused)". */
export function summarise(attempts: Attempt[], label: (vendor: VendorKey) => string): string {
	return attempts
		.map(({ vendor, outcome, code }) => {
			const detail = code ? ` (${code})` : '';
			return `${label(vendor)} ${OUTCOME_WORDS[outcome]}${detail}`;
		})
		.join('; ');
}
