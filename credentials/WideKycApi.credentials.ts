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

const GUARD: CredentialGuard = { vendor: 'WideKYC', urlLabel: 'Server URL', secret: 'token' };

export class WideKycApi implements ICredentialType {
	name = 'wideKycApi';

	displayName = 'WideKYC API';

	icon = {
		light: 'file:../nodes/WideKyc/wideKyc.svg',
		dark: 'file:../nodes/WideKyc/wideKyc.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/widetechid/WideKYC/wiki/WideKYC-API';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your merchant access token, from the WideKYC portal once the Finance Administrator has approved your registration; sent as the token header',
		},
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://widekyc.example.co.id',
			description: 'The WideKYC server URL you were given (WideKYC publishes no public default)',
		},
		allowInsecureHttpProperty(GUARD.urlLabel),
		requestsPerSecondProperty(),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaderAuth(credentials, requestOptions, GUARD, 'token', 'token');
	}

	// An empty body is refused inside HTTP 200 without running (or billing) a check; a wrong token gets 401.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serverUrl}}',
			url: '/api/passive-liveness',
			method: 'POST',
			body: {},
		},
		rules: redirectRules(GUARD),
	};
}
