import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../shared/errors';
import type { KycOperation } from '../../../shared/types';
import { optionalText, requireText } from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { referenceIdProperty, send } from '../../request';
import { settle, waitProperties } from '../../waitForResult';
import { apiVersionProperty, readVersion, validationPath } from './version';

export const validateName: KycOperation = {
	value: 'validateName',
	product: 'bankNameValidation',
	name: 'Validate Name',
	action: 'Validate the name on a bank account',
	description:
		'Look up the account holder’s name for an Indonesian bank account, and whether it is a virtual account',
	properties: [
		apiVersionProperty,
		{
			displayName: 'Bank Account Number',
			name: 'bankAccountNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1234567890',
		},
		{
			displayName: 'Bank Code',
			name: 'bankCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'BCA',
			description: 'Iluma’s bank code, e.g. BCA, BNI, BRI, MANDIRI, CIMB, PERMATA',
		},
		referenceIdProperty(false),
		...waitProperties('validation'),
	],
	async execute(ctx) {
		const accountNumber = requireText(ctx.param('bankAccountNumber'), 'Bank Account Number');
		const digits = accountNumber.replace(/[\s-]/g, '');
		if (!/^\d+$/.test(digits)) {
			throw new InputProblem(
				'Bank Account Number',
				`must contain digits only (spaces and dashes are removed); got ${digits.length} characters, ${digits.replace(/\d/g, '').length} of them not digits`,
			);
		}
		const bankCode = requireText(ctx.param('bankCode'), 'Bank Code').toUpperCase();
		if (!/^[A-Z0-9_]{2,40}$/.test(bankCode)) {
			throw new InputProblem('Bank Code', 'must be an Iluma bank code such as BCA or MANDIRI');
		}
		const referenceId = optionalText(ctx.param('referenceId', ''));
		const body: IDataObject = { bank_account_number: digits, bank_code: bankCode };
		if (referenceId) body.reference_id = referenceId;
		const version = readVersion(ctx);
		const created = await send(ctx, {
			method: 'POST',
			path: validationPath(version),
			json: body,
			repeatable: false,
		});
		const final =
			typeof created.id === 'string'
				? await settle(ctx, created, validationPath(version, created.id))
				: created;
		return { json: withFailureDescription(final) };
	},
};
