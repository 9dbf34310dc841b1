import type { IDataObject } from 'n8n-workflow';

import { InputProblem, VendorFailure } from '../shared/errors';
import { answered, coolingDown, failed, refused, type Attempt } from './attempts';
import type { CircuitBreaker } from './breaker';
import type { Check } from './checks';
import { endsItem, noVendorAnswered, refusedEverywhere } from './outcome';
import type { ItemRouting, VendorRoute } from './route';

/**
 * Tries the vendors in order and goes to the next only when a vendor left nothing billed: it was
 * refused before sending, unreachable, busy, out of quota or refused the key. A billed answer, or
 * a call that may have been processed, ends the item.
 */
export async function failover(
	routing: ItemRouting,
	routes: VendorRoute[],
	check: Check,
	breaker: CircuitBreaker,
): Promise<IDataObject> {
	const problems = await Promise.all(routes.map(async (route) => await routing.preflight(route)));
	if (problems.every(Boolean)) throw refusedEverywhere(problems as InputProblem[]);

	const ready = (index: number) => !problems[index] && breaker.coolingFor(routes[index].key) === 0;
	const attempts: Attempt[] = [];
	for (const [index, route] of routes.entries()) {
		const problem = problems[index];
		if (problem) {
			attempts.push(refused(route.key, problem));
			continue;
		}
		const cooling = breaker.coolingFor(route.key);
		// When every vendor left is cooling down, this one is tried anyway.
		if (cooling > 0 && routes.some((_, later) => later > index && ready(later))) {
			attempts.push(coolingDown(route.key, route.vendor.displayName, cooling));
			continue;
		}
		const outcome = await routing.call(route).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if ('value' in outcome) {
			const { answer, raw, billed } = outcome.value;
			attempts.push(answered(route.key, billed));
			return { check: check.value, vendor: route.key, [check.resultKey]: answer, attempts, raw };
		}
		const { error } = outcome;
		if (error instanceof InputProblem) {
			attempts.push(refused(route.key, error));
			continue;
		}
		if (!(error instanceof VendorFailure)) return await Promise.reject(error);
		const attempt = failed(route.key, error);
		attempts.push(attempt);
		if (attempt.outcome === 'busy' || attempt.outcome === 'notSent') breaker.trip(route.key);
		if (attempt.outcome === 'failed') throw endsItem(error, attempts, { check: check.value });
	}
	throw noVendorAnswered(check, attempts);
}
