import type { IDataObject } from 'n8n-workflow';

import { faceAnswer, type VendorChecks } from '../shared/checks';
import { compare } from './actions/face/compare.operation';
import { extract } from './actions/idCardOcr/extract.operation';
import { validateName } from './actions/ktp/validateName.operation';

/** Iluma publishes no same-person threshold for match_percentage; the user sets one. */
export const ILUMA_DEFAULT_THRESHOLD = 75;

/** What Iluma answers for the KYC (Any Vendor) node's checks. */
export const ilumaChecks: VendorChecks = {
	readKtp: {
		operation: extract,
		parameters: (param) => ({
			cardType: 'indonesia_ktp',
			referenceId: '',
			// ID card OCR is asynchronous: the check needs its result, not PENDING.
			waitForResult: true,
			waitTimeout: param('waitTimeout', 60),
		}),
		images: { image: 'ktpImage' },
		read: (json) => (json.identity ?? {}) as IDataObject,
	},
	verifyNik: {
		operation: validateName,
		parameters: (param) => ({ nik: param('nik', ''), name: param('name', '') }),
		read: (json) => ({ found: json.found === true, nameMatches: json.nameMatches === true }),
	},
	compareFaces: {
		operation: compare,
		parameters: () => ({}),
		images: { imageOne: 'selfie', imageTwo: 'idPhoto' },
		read: (json, param) => {
			const similarity = Number(json.match_percentage);
			const threshold = Number(param('ilumaThreshold', ILUMA_DEFAULT_THRESHOLD));
			return faceAnswer(Number.isFinite(similarity) && similarity >= threshold, similarity);
		},
	},
};
