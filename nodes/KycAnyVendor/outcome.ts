import type { IDataObject } from 'n8n-workflow';

import { InputProblem, VendorFailure } from '../shared/errors';
import { summarise, type Attempt } from './attempts';
import type { Check } from './checks';
import type { VendorRoute } from './route';
import { VENDORS, type VendorKey } from './vendors';

const label = (key: VendorKey) => VENDORS[key].vendor.displayName;

/** What each vendor tried did, in one line. */
export const summary = (attempts: Attempt[]) => summarise(attempts, label);

/** Input that no picked vendor takes: one problem, or each distinct one. */
export function refusedEverywhere(problems: InputProblem[]): InputProblem {
	const distinct = [...new Map(problems.map((problem) => [problem.message, problem])).values()];
	if (distinct.length === 1) return distinct[0];
	const field = distinct.every((problem) => problem.field === distinct[0].field)
		? distinct[0].field
		: 'Input';
	return new InputProblem(
		field,
		distinct
			.map((problem) => (problem.field === field ? problem.problem : problem.message))
			.join(' / '),
	);
}

/**
 * The vendor failure that ends an item, naming the vendors tried before it; for Continue On Fail
 * it carries `output` (e.g. what the vendors answered) and the attempts.
 */
export function endsItem(
	failure: VendorFailure,
	attempts: Attempt[],
	output: IDataObject,
): VendorFailure {
	const before = attempts.filter((attempt) => attempt.outcome !== 'failed');
	const ended = failure.copy(before.length ? `Tried first: ${summary(before)}.` : undefined);
	ended.output = { ...output, attempts };
	return ended;
}

/** Every picked vendor was tried, and none took the call: nothing was billed. */
export function noVendorAnswered(check: Check, attempts: Attempt[]): VendorFailure {
	return new VendorFailure(
		'KYC (Any Vendor)',
		{
			code: 'NO ANSWER',
			meaning: `no picked vendor could take ${check.name}: ${summary(attempts)}`,
			billed: false,
			hint: 'Each attempt’s message is in the item’s attempts (with Continue On Fail). Check the credentials of vendors that refused the key, or run the item again later.',
		},
		{ check: check.value, attempts },
	);
}

export const routeKeys = (routes: VendorRoute[]) => routes.map((route) => route.key);
