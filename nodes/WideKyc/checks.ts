import type { IDataObject } from 'n8n-workflow';

import { livenessAnswer, type VendorChecks } from '../shared/checks';
import { recognize } from './actions/idCard/recognize.operation';
import { validate } from './actions/idCard/validate.operation';
import { passive } from './actions/liveness/passive.operation';

const result = (json: IDataObject) =>
	((json.content as IDataObject | undefined)?.result ?? {}) as IDataObject;

/** What WideKYC answers for the KYC (Any Vendor) node's checks. */
export const wideKycChecks: VendorChecks = {
	readKtp: {
		operation: recognize,
		parameters: () => ({ custRefNo: '' }),
		images: { idImage: 'ktpImage' },
		read: (json) => (json.identity ?? {}) as IDataObject,
	},
	verifyNik: {
		operation: validate,
		parameters: (param) => ({
			nik: param('nik', ''),
			custRefNo: '',
			additionalFields: { name: param('name', ''), birthDate: param('birthDate', '') },
			includeSelfie: false,
		}),
		read: (json) => {
			// Dukcapil's data holds a true/false for each field that was sent.
			const data = (result(json).data ?? {}) as IDataObject;
			const answer: IDataObject = {
				found: data.nik === true,
				nameMatches: data.full_name === true,
			};
			if (typeof data.birth_date === 'boolean') answer.birthDateMatches = data.birth_date;
			return answer;
		},
	},
	liveness: {
		operation: passive,
		parameters: () => ({ custRefNo: '' }),
		images: { selfie: 'selfie' },
		read: (json) => livenessAnswer(String(result(json).result).toLowerCase() === 'true'),
	},
};
