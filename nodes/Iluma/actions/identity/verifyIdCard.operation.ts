import { InputProblem } from '../../../shared/errors';
import { imageParameters } from '../../../shared/image';
import { multipartBody } from '../../../shared/multipart';
import type { KycOperation } from '../../../shared/types';
import {
	optionalText,
	requireDateDmy,
	requireEmail,
	requireLength,
	requireNik,
	requireText,
} from '../../../shared/validation';
import { withFailureDescription } from '../../failureReasons';
import { ILUMA_LIMITS, send } from '../../request';

/** +62… or 08…, as Iluma documents; spaces and dashes are removed first. */
function phoneNumber(value: unknown): string | undefined {
	const text = optionalText(value)?.replace(/[\s-]/g, '');
	if (text === undefined) return undefined;
	if (!/^(\+62\d{7,13}|08\d{7,12})$/.test(text)) {
		throw new InputProblem(
			'Phone',
			'must be an Indonesian number written +62… or 08… (digits only after the prefix, 9 to 16 characters)',
		);
	}
	return text;
}

export const verifyIdCard: KycOperation = {
	value: 'verifyIdCard',
	product: 'idCardVerification',
	name: 'Verify ID Card',
	action: 'Verify an ID card and selfie against Dukcapil',
	description:
		'Individual photo authentication: check NIK, name and birth date against Dukcapil and the selfie against its photo',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Full legal name as on the ID card (2–100 characters)',
		},
		{
			displayName: 'ID Card Number (NIK)',
			name: 'idCardNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3275031210930027',
			description: 'The 16-digit NIK shown on the KTP',
		},
		{
			displayName: 'Birth Date',
			name: 'birthdate',
			type: 'string',
			default: '',
			required: true,
			placeholder: '12-10-1991',
			description: 'Date of birth as on the ID card, written DD-MM-YYYY',
		},
		...imageParameters('selfie', 'Selfie', {
			defaultBinaryField: 'selfie',
			description: 'JPEG or PNG, 100 KB to 2 MB, at least 500×500 px',
		}),
		...imageParameters('ktpImage', 'KTP Image', {
			defaultBinaryField: 'ktp',
			description: 'JPEG or PNG, 100 KB to 2 MB, at least 500×500 px',
		}),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: '081234567890',
					description: 'Phone number linked to the NIK, written +62… or 08…',
				},
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'Email address to check against the one registered with Dukcapil',
				},
			],
		},
	],
	async execute(ctx) {
		const name = requireLength(requireText(ctx.param('name'), 'Name'), 'Name', 2, 100);
		const idCardNumber = requireNik(ctx.param('idCardNumber'), 'ID Card Number (NIK)');
		const birthdate = requireDateDmy(ctx.param('birthdate'), 'Birth Date');
		const phone = phoneNumber(ctx.param('additionalFields.phone', ''));
		const emailText = optionalText(ctx.param('additionalFields.email', ''));
		const email = emailText === undefined ? undefined : requireEmail(emailText, 'Email');
		const selfie = await ctx.image('selfie', ILUMA_LIMITS.photo);
		const ktpImage = await ctx.image('ktpImage', ILUMA_LIMITS.photo);
		const body = await send(ctx, {
			method: 'POST',
			path: '/v1/identity/id_card_verifications',
			multipart: multipartBody({
				name,
				id_card_number: idCardNumber,
				birthdate,
				phone,
				email,
				selfie,
				ktp_image: ktpImage,
			}),
			repeatable: false,
		});
		return { json: withFailureDescription(body) };
	},
};
