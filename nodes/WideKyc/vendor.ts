import type { IDataObject } from 'n8n-workflow';

import { referenceText } from '../shared/audit';
import type { VendorFault } from '../shared/errors';
import type { KycVendor } from '../shared/types';

/** The account errors WideKYC answers inside HTTP 200 (`statusCode: ERROR`). */
const DESCRIPTIONS: Array<[RegExp, string, string]> = [
	[
		/quota exceeded/i,
		'the subscription quota is used up',
		'Raise the quota in the WideKYC portal.',
	],
	[
		/not activated yet by admin/i,
		'the finance administrator has not approved the product request yet',
		'Ask your WideKYC finance administrator to approve the product.',
	],
	[
		/product is not activated/i,
		'this product is not activated for the merchant account',
		'Activate it under Manage Product in the WideKYC portal.',
	],
];

/** WideKYC's HTTP status table. */
const HTTP: Record<number, Omit<VendorFault, 'code' | 'httpStatus'>> = {
	401: {
		meaning: 'unauthorised: the token may not use WideKYC’s API',
		hint: 'Check the Token in the WideKYC credential; it comes from the WideKYC portal.',
		unprocessed: 'credential',
	},
	404: { meaning: 'URL not available', hint: 'Check the Server URL in the WideKYC credential.' },
	500: {
		meaning: 'internal server error at WideKYC',
		hint: 'Contact WideKYC support if it persists.',
	},
	503: { meaning: 'service unavailable (maintenance or overload)' },
	504: { meaning: 'gateway time-out: WideKYC’s upstream server did not answer in time' },
};

function errorFault(body: IDataObject): VendorFault {
	const details = Array.isArray(body.responseStatusDetails)
		? (body.responseStatusDetails as IDataObject[])
		: [];
	const description = details
		.map((detail) => detail.description)
		.filter((text): text is string => typeof text === 'string')
		.join('; ');
	const known = DESCRIPTIONS.find(([pattern]) => pattern.test(description));
	return {
		code: 'ERROR',
		meaning: known ? known[1] : description || 'WideKYC reported an error without a description',
		detail: known ? description : undefined,
		hint: known?.[2],
		httpStatus: 200,
		// The account may not use the product now: WideKYC did not process the call.
		...(known ? { unprocessed: 'account' as const } : {}),
	};
}

export const wideKyc: KycVendor = {
	displayName: 'WideKYC',
	credentialType: 'wideKycApi',
	baseUrlField: 'serverUrl',
	baseUrlLabel: 'Server URL',
	auditName: 'widekyc',
	reference: (body) =>
		referenceText(
			((body.content as IDataObject | undefined)?.result as IDataObject | undefined)?.trx_id,
		),
	inspect(response) {
		const status = response.statusCode;
		if (status !== 200) {
			const known = HTTP[status];
			return known ? { code: `HTTP ${status}`, httpStatus: status, ...known } : undefined;
		}
		// Not JSON (a proxy's page): the core describes it by content type and size.
		if (typeof response.body === 'string') return undefined;
		const body = (response.body ?? {}) as IDataObject;
		if (body.statusCode === 'SUCCESSFUL') return undefined;
		if (body.statusCode === 'ERROR') return errorFault(body);
		return {
			code: 'UNEXPECTED',
			meaning: 'the answer has no statusCode SUCCESSFUL or ERROR',
			httpStatus: status,
		};
	},
};
