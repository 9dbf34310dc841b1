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
 * a call that may have been processed, ends the item. Vendors the circuit breaker holds back are
 * skipped, and tried last when no other vendor answered.
 */
export async function failover(
	routing: ItemRouting,
	picked: VendorRoute[],
	check: Check,
	breaker: CircuitBreaker,
): Promise<IDataObject> {
	// On a Retry On Fail try, a vendor that billed this item before answers it again (from memory).
	const billedBefore = routing.billedTargets();
	const routes = [...picked].sort(
		(a, b) => Number(billedBefore.has(b.baseUrl)) - Number(billedBefore.has(a.baseUrl)),
	);
	const problems = await Promise.all(routes.map(async (route) => await routing.preflight(route)));
	if (problems.every(Boolean)) throw refusedEverywhere(problems as InputProblem[]);

	const attempts: Attempt[] = [];
	const held: VendorRoute[] = [];
	const tryVendor = async (route: VendorRoute): Promise<IDataObject | undefined> => {
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
			return undefined;
		}
		if (!(error instanceof VendorFailure)) return await Promise.reject(error);
		const attempt = failed(route.key, error);
		attempts.push(attempt);
		if (attempt.outcome === 'busy' || attempt.outcome === 'notSent') breaker.trip(route.key);
		if (attempt.outcome !== 'failed') return undefined;
		const raw = error.output ? { raw: error.output } : {};
		throw endsItem(error, attempts, { check: check.value, ...raw });
	};

	for (const [index, route] of routes.entries()) {
		const problem = problems[index];
		const cooling = breaker.coolingFor(route.key);
		if (problem) {
			attempts.push(refused(route.key, problem));
		} else if (cooling > 0 && !billedBefore.has(route.baseUrl)) {
			attempts.push(coolingDown(route.key, route.vendor.displayName, cooling));
			held.push(route);
		} else {
			const output = await tryVendor(route);
			if (output) return output;
		}
	}
	for (const route of held) {
		const output = await tryVendor(route);
		if (output) return output;
	}
	throw noVendorAnswered(check, attempts);
}
