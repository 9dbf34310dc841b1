import type { IDataObject } from 'n8n-workflow';

import { faceAnswer, livenessAnswer, type VendorChecks } from '../shared/checks';
import { compare } from './actions/face/compare.operation';
import { recognize } from './actions/idCard/recognize.operation';
import { check } from './actions/identity/check.operation';
import { detect } from './actions/liveness/detect.operation';

const message = (json: IDataObject) =>
	(json.message && typeof json.message === 'object' ? json.message : {}) as IDataObject;

/** What ekycpro answers for the KYC (Any Vendor) node's checks. */
export const ekycProChecks: VendorChecks = {
	readKtp: {
		operation: recognize,
		parameters: () => ({ document: 'id' }),
		images: { image: 'ktpImage' },
		read: (json) => (json.identity ?? {}) as IDataObject,
	},
	verifyNik: {
		operation: check,
		parameters: (param) => ({ nik: param('nik', ''), name: param('name', ''), callback: '' }),
		// OK: the NIK exists and the name matches; NOT: it exists, the name differs.
		read: (json) => ({ found: true, nameMatches: json.status === 'OK' }),
		// ekycpro answers an unknown NIK with a free PERSON_NOT_FOUND status: for this check, an answer.
		answerOf: (fault) =>
			fault.code === 'PERSON_NOT_FOUND'
				? {
						raw: { status: fault.code, message: fault.detail ?? '' },
						answer: { found: false, nameMatches: false },
					}
				: undefined,
	},
	liveness: {
		operation: detect,
		parameters: () => ({ country: '', detail: true }),
		images: { image: 'selfie' },
		read: (json) => livenessAnswer(message(json).is_liveness === true, message(json).live_score),
	},
	compareFaces: {
		operation: compare,
		parameters: () => ({}),
		images: { image1: 'idPhoto', image2: 'selfie' },
		// ekycpro's own verdict: SAME PERSON from 65; NOT SURE (45–65) is not the same person.
		read: (json) => faceAnswer(message(json).result === 'SAME PERSON', message(json).similarity),
	},
};
