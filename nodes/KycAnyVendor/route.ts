import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationName, type AuditTrail } from '../shared/audit';
import type { BilledAnswers } from '../shared/billedAnswers';
import type { CheckOffer, CheckParam } from '../shared/checks';
import { InputProblem, VendorFailure } from '../shared/errors';
import type { ImageSpec } from '../shared/image';
import { itemContext, type ItemInputs } from '../shared/itemContext';
import { readImage } from '../shared/imageInput';
import type { KycOptions } from '../shared/options';
import type { RateLimiter } from '../shared/rateLimiter';
import { credentialSecrets } from '../shared/scrub';
import { checkBaseUrl } from '../shared/transport';
import { ItemCalls } from '../shared/itemCalls';
import { vendorPace } from '../shared/vendorPace';
import type { KycVendor } from '../shared/types';
import type { Check } from './checks';
import { VENDORS, type VendorKey } from './vendors';

/** A picked vendor, set up once for the execution's items. */
export interface VendorRoute {
	key: VendorKey;
	vendor: KycVendor;
	offer: CheckOffer;
	baseUrl: string;
	/** The credential's values, kept out of every message. */
	secrets: string[];
	/** The vendor account's pace, shared with every execution in this process that uses it. */
	limiter?: RateLimiter;
	/** Why nothing can be sent to this vendor (no credential, a refused base URL). */
	problem?: InputProblem;
}

/** The vendors in the Vendors parameter, in their order, once each; each must offer the check. */
export function pickedVendors(check: Check, value: unknown): VendorKey[] {
	const offering = Object.values(VENDORS).filter((vendor) => vendor.checks[check.value]);
	const names = offering.map(({ vendor }) => vendor.displayName).join(', ');
	const picked = [...new Set(Array.isArray(value) ? value : [])];
	if (picked.length === 0)
		throw new InputProblem('Vendors', `none is picked; pick one or more of ${names}`);
	return picked.map((key) => {
		const known = offering.find((vendor) => vendor.key === key);
		if (!known) {
			const what =
				typeof key === 'string' && key in VENDORS
					? VENDORS[key as VendorKey].vendor.displayName
					: `"${String(key).slice(0, 24)}"`;
			throw new InputProblem('Vendors', `${what} does not offer ${check.name}; pick from ${names}`);
		}
		return known.key;
	});
}

export async function openRoutes(
	fn: IExecuteFunctions,
	check: Check,
	keys: VendorKey[],
): Promise<VendorRoute[]> {
	return await Promise.all(
		keys.map(async (key): Promise<VendorRoute> => {
			const { vendor, checks } = VENDORS[key];
			const offer = checks[check.value] as CheckOffer;
			const route = { key, vendor, offer, baseUrl: '', secrets: [] };
			const credentials = await fn.getCredentials(vendor.credentialType).catch(() => undefined);
			if (!credentials) {
				const problem = new InputProblem(
					`${vendor.displayName} credential`,
					'none is selected, or it cannot be read; select one, or remove the vendor from Vendors',
				);
				return { ...route, problem };
			}
			const secrets = credentialSecrets(credentials, vendor.baseUrlField);
			const checked = attempt(() => checkBaseUrl(credentials, vendor));
			if ('value' in checked) {
				const limiter = vendorPace(vendor, credentials);
				return { ...route, secrets, baseUrl: checked.value, limiter };
			}
			return { ...route, secrets, problem: asInputProblem(checked.error) };
		}),
	);
}

/** A vendor's answer to the check, with the operation's own output beside it. */
export interface VendorAnswer {
	answer: Record<string, unknown>;
	raw: Record<string, unknown>;
	billed: boolean;
}

/** Thrown instead of sending: the operation accepted the item's input. */
class ReadyToSend extends Error {}

/** One item's calls: its inputs as each vendor's operation reads them, checked or sent. */
export class ItemRouting {
	readonly param: CheckParam;

	constructor(
		private readonly fn: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly item: INodeExecutionData,
		private readonly check: Check,
		private readonly billed: BilledAnswers,
		private readonly options: KycOptions,
		private readonly trail: AuditTrail,
	) {
		this.param = <T>(name: string, fallback?: T) =>
			fn.getNodeParameter(name, itemIndex, fallback) as T;
	}

	private imageLabel(prefix: string): string {
		const source = this.check.properties.find((property) => property.name === `${prefix}Source`);
		return source ? source.displayName.replace(/ Source$/, '') : prefix;
	}

	/** The operation's parameters come from the check's; its images from the check's image inputs. */
	private inputs(route: VendorRoute): ItemInputs {
		const parameters = route.offer.parameters(this.param);
		return {
			param: <T>(name: string, fallback?: T) =>
				(Object.hasOwn(parameters, name) ? parameters[name] : fallback) as T,
			image: async (prefix: string, spec: ImageSpec) => {
				const own = route.offer.images?.[prefix];
				if (!own)
					throw new Error(
						`${route.vendor.displayName} reads an image "${prefix}" this check does not have`,
					);
				return await readImage(this.fn, this.itemIndex, this.item, this.imageLabel(own), own, spec);
			},
		};
	}

	/** The base URLs this item's billed calls went to on earlier Retry On Fail tries. */
	billedTargets(): Set<string> {
		return this.billed.billedTargets(this.itemIndex);
	}

	/** Runs the vendor's operation up to its first call: the input problem it finds, if any. */
	async preflight(route: VendorRoute): Promise<InputProblem | undefined> {
		if (route.problem) return route.problem;
		const ctx = itemContext(this.fn, this.itemIndex, this.item, this.inputs(route), async () => {
			throw new ReadyToSend();
		});
		const error: unknown = await route.offer.operation.execute(ctx).then(
			() => new Error(`${route.vendor.displayName} answered ${this.check.name} without a call`),
			(reason: unknown) => reason,
		);
		if (error instanceof ReadyToSend) return undefined;
		return asInputProblem(error);
	}

	/** Runs the vendor's operation for real and reads its output as the check's answer. */
	async call(route: VendorRoute): Promise<VendorAnswer> {
		const { fn, itemIndex, billed } = this;
		const settings = {
			baseUrl: route.baseUrl,
			retries: this.options.retries,
			timeoutMs: this.options.timeoutMs,
			rateLimitWaitMs: this.options.rateLimitWaitMs,
			limiter: route.limiter,
		};
		const calls = new ItemCalls(fn, route.vendor, settings, billed, itemIndex);
		const { operation } = route.offer;
		const attempt = this.trail.track(
			route.vendor,
			operation,
			operationName(VENDORS[route.key].resources, operation),
			calls,
		);
		const ctx = itemContext(
			fn,
			itemIndex,
			this.item,
			this.inputs(route),
			async (request) => await calls.send(request),
		);
		return await route.offer.operation.execute(ctx).then(
			(result) => {
				const { json } = Array.isArray(result) ? result[0] : result;
				attempt.succeeded();
				return { raw: json, answer: route.offer.read(json, this.param), billed: true };
			},
			async (error: unknown) => {
				const known =
					error instanceof VendorFailure ? route.offer.answerOf?.(error.fault) : undefined;
				if (!known) return await Promise.reject(error);
				// The vendor's answer to the check (e.g. "no such NIK"): the attempt succeeded.
				attempt.succeeded();
				return { ...known, billed: (error as VendorFailure).fault.billed ?? true };
			},
		);
	}
}

/** The outcome of a call that may throw, as a value. */
function attempt<T>(run: () => T): { value: T } | { error: unknown } {
	try {
		return { value: run() };
	} catch (error) {
		return { error };
	}
}

/** An input problem as it is; anything else is no input problem and goes on failing. */
function asInputProblem(error: unknown): InputProblem {
	if (error instanceof InputProblem) return error;
	throw error;
}
