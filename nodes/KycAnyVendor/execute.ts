import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BilledAnswers } from '../shared/billedAnswers';
import { InputProblem, VendorFailure } from '../shared/errors';
import { outputItem, runBilledItems } from '../shared/node';
import { readOptions } from '../shared/options';
import { maskSensitive } from '../shared/privacy';
import { CircuitBreaker } from './breaker';
import { CHECKS, type Check } from './checks';
import { crossCheck } from './crossCheck';
import { failover } from './failover';
import { ItemRouting, openRoutes, pickedVendors, type VendorRoute } from './route';

/** With Privacy, the vendors' own answers are left out and every ID number is masked. */
function privateView(json: IDataObject): IDataObject {
	const rest = { ...json };
	delete rest.raw;
	return maskSensitive(rest);
}

/** The picked vendors with their credentials, or the problem that stops every item. */
async function openCheck(
	fn: IExecuteFunctions,
	check: Check | undefined,
	checkName: string,
): Promise<VendorRoute[]> {
	if (!check) throw new InputProblem('Check', `"${checkName}" is not a check this node runs`);
	return await openRoutes(fn, check, pickedVendors(check, fn.getNodeParameter('vendors', 0, [])));
}

export async function executeAnyVendor(fn: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	if (items.length === 0) return [[]];
	// Check, Mode and Vendors take no expressions, so one read serves every item.
	const checkName = fn.getNodeParameter('check', 0) as string;
	const check = CHECKS.find((entry) => entry.value === checkName);
	const mode = fn.getNodeParameter('mode', 0, 'failover') as string;
	const setup = await openCheck(fn, check, checkName).then(
		(routes) => ({ routes, problem: undefined }),
		async (error: unknown) =>
			error instanceof InputProblem
				? { routes: [] as VendorRoute[], problem: error }
				: await Promise.reject(error),
	);
	const { routes, problem: setupProblem } = setup;
	const secrets = routes.flatMap((route) => route.secrets);
	const { concurrency } = readOptions(fn, 0);
	const coolDown = Number((fn.getNodeParameter('options', 0, {}) as IDataObject).coolDown ?? 30);
	const breaker = new CircuitBreaker(coolDown * 1000);
	const billed = BilledAnswers.open(fn);

	return await runBilledItems(fn, billed, concurrency, secrets, async (itemIndex, trail) => {
		if (setupProblem || !check) throw setupProblem;
		const item = items[itemIndex];
		const options = readOptions(fn, itemIndex);
		trail.enabled = options.audit;
		const routing = new ItemRouting(fn, itemIndex, item, check, billed, options, trail);
		check.validate?.(routing.param);
		const run =
			mode === 'crossCheck'
				? crossCheck(routing, routes, check)
				: failover(routing, routes, check, breaker);
		const json = await run.catch(async (error: unknown) => {
			if (options.privacy && error instanceof VendorFailure && error.output)
				error.output = privateView(error.output);
			return await Promise.reject(error);
		});
		return [outputItem(item, options.privacy ? privateView(json) : json, options.privacy)];
	});
}
