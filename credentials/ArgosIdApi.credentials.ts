import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	allowInsecureHttpProperty,
	requestsPerSecondProperty,
	type CredentialGuard,
	redirectRules,
	withHeaderAuth,
} from './common';

const GUARD: CredentialGuard = { vendor: 'Argos ID', urlLabel: 'Base URL', secret: 'API key' };

export class ArgosIdApi implements ICredentialType {
	name = 'argosIdApi';

	displayName = 'Argos ID API';

	icon = {
		light: 'file:../nodes/ArgosId/argosId.svg',
		dark: 'file:../nodes/ArgosId/argosId.dark.svg',
	} as const;

	documentationUrl = 'https://developers.argosidentity.com';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your project’s API key, from the Argos dashboard (Settings → Access Management); sent as the x-api-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://rest-api.argosidentity.com',
			required: true,
			description:
				'Change only to reach a sandbox, e.g. the package’s local sandbox at http://127.0.0.1:8787/argos',
		},
		allowInsecureHttpProperty(GUARD.urlLabel),
		{
			displayName: 'Webhook Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The dedicated secretKey issued in the Argos dashboard, when encrypted webhooks use it instead of the project API key. Used only by the Argos ID Trigger, which tries this key and then the API key.',
		},
		requestsPerSecondProperty(),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaderAuth(credentials, requestOptions, GUARD, 'x-api-key', 'apiKey');
	}

	// A read of at most one submission: changes nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v3/submission',
			method: 'GET',
			qs: { count: 1 },
		},
		rules: redirectRules(GUARD),
	};
}
