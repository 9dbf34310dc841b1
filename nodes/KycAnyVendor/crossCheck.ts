import type { IDataObject } from 'n8n-workflow';

import { InputProblem, VendorFailure } from '../shared/errors';
import { disagreements } from './agreement';
import { answered, failed, type Attempt } from './attempts';
import type { Check } from './checks';
import { endsItem, refusedEverywhere } from './outcome';
import type { ItemRouting, VendorAnswer, VendorRoute } from './route';

/**
 * Runs the check at every picked vendor at once and compares the answers. Every vendor must
 * answer: one that cannot fails the item, which still carries the answers that arrived.
 */
export async function crossCheck(
	routing: ItemRouting,
	routes: VendorRoute[],
	check: Check,
): Promise<IDataObject> {
	if (routes.length < 2)
		throw new InputProblem(
			'Vendors',
			'Cross-Check needs two or more vendors; pick another one, or use Failover',
		);
	const problems = await Promise.all(routes.map(async (route) => await routing.preflight(route)));
	const found = problems.filter((problem): problem is InputProblem => problem !== undefined);
	// A vendor that cannot take the input would leave nothing to compare: no vendor is called.
	if (found.length) throw refusedEverywhere(found);

	const settled = await Promise.allSettled(routes.map(async (route) => await routing.call(route)));
	const attempts: Attempt[] = [];
	const answers: IDataObject = {};
	const raw: IDataObject = {};
	let failure: VendorFailure | undefined;
	for (const [index, outcome] of settled.entries()) {
		const { key } = routes[index];
		if (outcome.status === 'fulfilled') {
			const { answer, billed } = outcome.value as VendorAnswer;
			attempts.push(answered(key, billed));
			answers[key] = { [check.resultKey]: answer };
			raw[key] = outcome.value.raw;
		} else if (outcome.reason instanceof VendorFailure) {
			attempts.push(failed(key, outcome.reason));
			// What the vendor left behind, e.g. Iluma's still pending OCR request.
			if (outcome.reason.output) raw[key] = outcome.reason.output;
			failure ??= outcome.reason;
		} else {
			// Not a vendor's answer (the run was cancelled, or input only the real call refused).
			throw outcome.reason;
		}
	}
	const first = routes[0].key;
	if (failure) throw endsItem(failure, attempts, { check: check.value, answers, raw });
	const differ = disagreements(
		check,
		routes.map(({ key }) => (answers[key] as IDataObject)[check.resultKey] as IDataObject),
	);
	return {
		check: check.value,
		vendor: first,
		[check.resultKey]: (answers[first] as IDataObject)[check.resultKey],
		answers,
		agreement: differ.length === 0,
		disagreements: differ,
		attempts,
		raw,
	};
}
