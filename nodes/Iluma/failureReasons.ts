import type { IDataObject } from 'n8n-workflow';

/** Iluma's failure_reason values in words a compliance officer can act on. */
const REASONS: Record<string, string> = {
	TEMPORARY_NETWORK_ERROR: 'a temporary network error at Iluma; the request was not charged',
	BANK_ACCOUNT_NOT_FOUND_ERROR: 'the bank has no account with this number',
	IMAGE_RECOGNIZE_ERROR: 'the document in the image could not be read',
	'No face detected in image': 'no face was found in one of the images',
	'NIK is Invalid': 'the NIK is not a valid identity number',
	'Selfie is Invalid': 'the selfie cannot be used (no clear face)',
	'NIK not found': 'the NIK is not in the Dukcapil population register',
	'Full Name Not Match': 'the name does not match the Dukcapil record',
	'DOB Not Match': 'the date of birth does not match the Dukcapil record',
	'Selfie Not Match': 'the selfie does not match the Dukcapil photo',
	'Selfie Not Match, Score More Than 30, Less Than 70':
		'the selfie does not match the Dukcapil photo (similarity between 30 and 70)',
	'Selfie Not Match, Score More Than 0, Below 30':
		'the selfie does not match the Dukcapil photo (similarity below 30)',
};

/** Words for one failure_reason; combined reasons ("A & B") are described part by part. */
export function describeFailureReason(reason: string | undefined): string | undefined {
	if (!reason) return undefined;
	if (REASONS[reason]) return REASONS[reason];
	const parts = reason.split(/\s*&\s*/);
	if (parts.length > 1 && parts.every((part) => REASONS[part])) {
		const subjects = parts.map((part) =>
			REASONS[part].replace(/ does not match the Dukcapil (record|photo).*$/, ''),
		);
		return `${subjects.join(' and ')} do not match the Dukcapil record`;
	}
	return reason;
}

/**
 * Whether a FAILED status is itself the answer about the applicant rather than a failure to
 * answer: Bank Name Validator v1 reports "no such account" as FAILED.
 */
export function isDefinitiveAnswer(body: IDataObject): boolean {
	return body.failure_reason === 'BANK_ACCOUNT_NOT_FOUND_ERROR';
}

/** Adds the failure_reason in words beside Iluma's own field, when there is one. */
export function withFailureDescription(body: IDataObject): IDataObject {
	const reason = typeof body.failure_reason === 'string' ? body.failure_reason : undefined;
	const description = describeFailureReason(reason);
	return description && description !== reason
		? { ...body, failure_description: description }
		: body;
}
