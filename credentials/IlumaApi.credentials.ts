import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
		{
			displayName: 'Callback Verification Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The token Iluma sends in the x-callback-token header of its callbacks (GET /v1/callback/authentication_tokens returns it), for checking that a callback comes from Iluma',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.apiKey}}', password: '' } },
	};

	// Reading the callback token is free and fails on a wrong key, as the Iluma docs' own example shows.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/callback/authentication_tokens',
			method: 'GET',
		},
	};
}
