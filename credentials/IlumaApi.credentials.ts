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
	guardRequest,
	redirectRules,
} from './common';

const GUARD: CredentialGuard = { vendor: 'Iluma', urlLabel: 'Base URL', secret: 'API key' };

export class IlumaApi implements ICredentialType {
	name = 'ilumaApi';

	displayName = 'Iluma API';

	icon = {
		light: 'file:../nodes/Iluma/iluma.svg',
		dark: 'file:../nodes/Iluma/iluma.dark.svg',
	} as const;

	documentationUrl = 'https://docs.iluma.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Iluma API key (iluma_development_… or the live key). Iluma uses it as the Basic-auth user name with an empty password.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.iluma.ai',
			required: true,
			description:
				'Change only to reach a sandbox, e.g. the package’s local sandbox at http://127.0.0.1:8787/iluma',
		},
		allowInsecureHttpProperty(GUARD.urlLabel),
		{
			displayName: 'Callback Verification Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The token Iluma sends in the x-callback-token header of its callbacks (GET /v1/callback/authentication_tokens returns it), for checking that a callback comes from Iluma',
		},
		requestsPerSecondProperty(),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const options = guardRequest(credentials, requestOptions, GUARD);
		return { ...options, auth: { username: String(credentials.apiKey ?? ''), password: '' } };
	}

	// Reading the callback token is free and fails on a wrong key, as the Iluma docs' own example shows.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/callback/authentication_tokens',
			method: 'GET',
		},
		rules: redirectRules(GUARD),
	};
}
