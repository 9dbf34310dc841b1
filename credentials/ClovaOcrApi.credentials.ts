import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	allowInsecureHttpProperty,
	type CredentialGuard,
	requestsPerSecondProperty,
	withHeaderAuth,
} from './common';

const GUARD: CredentialGuard = { vendor: 'CLOVA OCR', urlLabel: 'Invoke URL', secret: 'secret' };

export class ClovaOcrApi implements ICredentialType {
	name = 'clovaOcrApi';

	displayName = 'NAVER CLOVA OCR API';

	icon = {
		light: 'file:../nodes/ClovaOcr/clovaOcr.svg',
		dark: 'file:../nodes/ClovaOcr/clovaOcr.dark.svg',
	} as const;

	documentationUrl = 'https://api.ncloud-docs.com/docs/en/ai-application-service-ocr';

	properties: INodeProperties[] = [
		{
			displayName: 'Invoke URL',
			name: 'invokeUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://xxxxxxxxxx.apigw.ntruss.com/custom/v1/12345/abcdef0123456789',
			description:
				'The API Gateway invoke URL of your CLOVA OCR domain (CLOVA OCR Builder → API Gateway), without a model path such as /general or /document/credit-card; CLOVA has no fixed host',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret created when you linked the domain to API Gateway; sent as the X-OCR-SECRET header',
		},
		allowInsecureHttpProperty(GUARD.urlLabel),
		requestsPerSecondProperty(),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaderAuth(credentials, requestOptions, GUARD, 'X-OCR-SECRET', 'secretKey');
	}

	// An empty body runs no (billed) recognition: a valid secret gets code 0011 "Request body invalid",
	// a wrong one 0002. Both are HTTP errors, so the body's code decides. A redirect (not followed)
	// has no code either.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.invokeUrl}}',
			url: '/document/credit-card',
			method: 'POST',
			body: {},
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: '0002',
					message: 'CLOVA OCR 0002: the secret key was not accepted (Secret key validate failed.)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: '0001',
					message:
						'CLOVA OCR 0001: the URL is invalid; check the Invoke URL (without a model path)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: '0022',
					message: 'CLOVA OCR 0022: the request domain is invalid; check the Invoke URL',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The Invoke URL did not answer like CLOVA OCR (no status code; a redirect, which is not followed, answers like this too); check the Invoke URL',
				},
			},
		],
	};
}
