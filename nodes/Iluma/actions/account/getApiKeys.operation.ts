import type { KycOperation } from '../../../shared/types';
import { requireText } from '../../../shared/validation';
import { pathSegment, send } from '../../request';

export const getApiKeys: KycOperation = {
	value: 'getApiKeys',
	product: 'apiKeys',
	name: 'Retrieve API Keys',
	action: 'Retrieve your Iluma API keys',
	description:
		'Get your development and live API keys with the business ID and one-time token from Iluma’s sales team',
	properties: [
		{
			displayName:
				'The token works only once: save the API keys from this node’s output straight away (e.g. in an Iluma credential). They are also kept in this execution’s data, so delete the execution afterwards. Iluma’s docs call this endpoint without an API key; n8n still needs an Iluma credential for the Base URL, so before you have a key put any placeholder in its API Key.',
			name: 'singleUseNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Business ID',
			name: 'businessId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The single-use OAuth token Iluma sent with your account registration',
		},
	],
	async execute(ctx) {
		const businessId = requireText(ctx.param('businessId'), 'Business ID');
		const token = requireText(ctx.param('token'), 'Token');
		const body = await send(ctx, {
			method: 'GET',
			path: `/businesses/${pathSegment(businessId, 'Business ID')}/api_keys`,
			qs: { token },
			repeatable: false,
			// A single-use token: not sent twice, but Iluma does not bill handing out the keys.
			billable: false,
		});
		return { json: body };
	},
};
