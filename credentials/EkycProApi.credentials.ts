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

const GUARD: CredentialGuard = { vendor: 'ekycpro', urlLabel: 'Base URL', secret: 'API key' };

export class EkycProApi implements ICredentialType {
	name = 'ekycProApi';

	displayName = 'Ekycpro API';

	icon = {
		light: 'file:../nodes/EkycPro/ekycpro.svg',
		dark: 'file:../nodes/EkycPro/ekycpro.dark.svg',
	} as const;

	documentationUrl = 'https://docs.ekycpro.com';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your ekycpro API key, from the ekycpro console; sent as the X-API-Key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.ekycpro.com',
			required: true,
			description:
				'Change only to reach a sandbox, e.g. the package’s local sandbox at http://127.0.0.1:8787/ekycpro',
		},
		allowInsecureHttpProperty(GUARD.urlLabel),
		requestsPerSecondProperty(),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaderAuth(credentials, requestOptions, GUARD, 'X-API-Key', 'apiKey');
	}

	// The balance read is not billed.
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v1/balance', method: 'GET' },
		rules: redirectRules(GUARD),
	};
}
