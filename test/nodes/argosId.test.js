'use strict';
const { useSandbox, vendorRunner, imageItem, images, vendorCalls } = require('../helpers');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { ArgosIdApi } = require('../../credentials/ArgosIdApi.credentials');
const argos = require('../sandbox/vendors/argos');

const state = useSandbox();
const run = vendorRunner(state, ArgosId, ArgosIdApi, 'argosIdApi', (sandbox) => ({
	apiKey: sandbox.keys.argos.apiKey,
	baseUrl: sandbox.baseUrls.argos,
}));
const { MARKERS, PERSON, ALREADY_APPROVED_EMAIL } = argos.scenarios;
const calls = () => vendorCalls(state, 'argos');

const step1 = (extra = {}) => ({
	resource: 'submission',
	operation: 'step1',
	email: 'applicant@example.com',
	issuingCountry: 'KOR',
	idType: 'passport',
	...extra,
});
const step2 = (submissionId, extra = {}) => ({
	resource: 'submission',
	operation: 'step2',
	submissionId,
	name: 'HONG GILDONG',
	dateOfBirth: '1990-01-31',
	...extra,
});
const idItem = (options) => imageItem({ data: images.jpeg(options) });
const selfieItem = (options) => imageItem({ selfie: images.jpeg(options) });

async function startSubmission(extra) {
	const { items, error } = await run(step1(extra), [idItem()]);
	expect(error).toBeUndefined();
	return items[0].json.submissionId;
}

describe('Argos ID Submission → Step 1', () => {
	test('sends the seed’s form fields and outputs what Argos read, plus identity', async () => {
		const params = step1({
			includeBackImage: true,
			additionalFields: { userid: 'crm-42', cf1: 'lead', cf2: 'web', cf3: 'x' },
			customOptions: { blacklistCountries: false, rejectDuplicateUser: true },
		});
		const { items, error } = await run(params, [
			imageItem({ data: images.jpeg(), back: images.png() }),
		]);
		expect(error).toBeUndefined();
		const { json } = items[0];
		expect(json.submissionId).toMatch(/^sbx/);
		expect(json.reviewOCRData.ocr_name).toBe(PERSON.name);
		expect(json.document_fields.identityNumber).toBe(true);
		expect(json.missing_fields).toEqual([]);
		expect(json.file_upload).toBe('true');
		expect(json.file_back_upload).toBe('true');
		expect(json.identity).toEqual({
			fullName: 'HONG GILDONG',
			givenNames: 'GILDONG',
			surname: 'HONG',
			idNumber: 'M12345678',
			dateOfBirth: '1990-01-31',
			gender: 'M',
			nationality: 'KOR',
			issueDate: '2020-03-02',
			expiryDate: '2030-03-01',
		});
		expect(json.retryNeeded).toBe(false);
		expect(json.attemptsRemaining).toBe(3);

		// What Argos stored: the user id, custom fields and the customOptions JSON string.
		const got = await run({
			resource: 'submission',
			operation: 'get',
			submissionId: json.submissionId,
		});
		const stored = got.items[0].json;
		expect(stored.userid).toBe('crm-42');
		expect(stored.data).toMatchObject({ cf1: 'lead', cf2: 'web', cf3: 'x', issuingCountry: 'KOR' });
		expect(stored.project_options).toEqual({
			blacklistCountries: false,
			rejectDuplicateUser: true,
		});
		expect(stored.image.idBackImage).not.toBe('');
	});

	test('Privacy masks the ID numbers Argos read and leaves the images out', async () => {
		const { items } = await run(step1({ options: { privacy: true } }), [idItem()]);
		const { json, binary } = items[0];
		expect(json.reviewOCRData.ocr_identityNumber).toBe('*****5678');
		expect(json.identity.idNumber).toBe('*****5678');
		expect(json.reviewOCRData.ocr_name).toBe(PERSON.name);
		expect(binary).toBeUndefined();
	});

	test('lists the fields Argos could not read', async () => {
		const { items } = await run(step1(), [idItem({ marker: MARKERS.missingFields })]);
		expect(items[0].json.missing_fields).toEqual(['gender', 'documentNumber']);
		expect(items[0].json.identity.gender).toBeUndefined();
	});

	test('incomplete with retry codes is a result saying a retry is needed; a retry with the submissionId succeeds', async () => {
		const first = await run(step1(), [idItem({ marker: MARKERS.ocrRetry })]);
		expect(first.error).toBeUndefined();
		const json = first.items[0].json;
		expect(json).toMatchObject({
			kycStatus: 'incomplete',
			retryCount: 1,
			retryNeeded: true,
			retryCodes: ['id_image_badImage'],
			attemptsRemaining: 2,
		});
		expect(json.retry[0].retryMsg).toMatch(/clearer image/);

		const retry = await run(step1({ additionalFields: { submissionId: json.submissionId } }), [
			idItem(),
		]);
		expect(retry.error).toBeUndefined();
		expect(retry.items[0].json).toMatchObject({
			submissionId: json.submissionId,
			retryNeeded: false,
			attemptsRemaining: 2,
		});
	});

	test('the third failed attempt rejects the submission', async () => {
		let submissionId;
		let json;
		for (let i = 0; i < 3; i += 1) {
			const extra = submissionId ? { additionalFields: { submissionId } } : {};
			({ json } = (await run(step1(extra), [idItem({ marker: MARKERS.ocrRetry })])).items[0]);
			submissionId = json.submissionId;
		}
		expect(json).toMatchObject({
			kycStatus: 'rejected',
			retryCount: 3,
			retryNeeded: false,
			attemptsRemaining: 0,
		});
	});

	const bad = [
		['invalid email', step1({ email: 'not-an-email' }), 'Email: is not a valid email address'],
		[
			'unknown country code',
			step1({ issuingCountry: 'XYZ' }),
			'Issuing Country: "XYZ" is not an ISO 3166 alpha-3 country code (e.g. KOR, USA, IDN)',
		],
		[
			'unknown ID type',
			step1({ idType: 'library_card' }),
			'ID Type: "library_card" is not one of aadhaar, drivers_license, government_id, pancard, passport, residence_permit, universal, vehicle_registration_certificate, visa',
		],
		[
			'an off-only custom option turned on',
			step1({ customOptions: { ageLimit: true } }),
			'Custom Options → Age Limit: can only be turned off (false) for one submission; remove the option to keep the project setting',
		],
		[
			'a custom option that is not a boolean',
			step1({ customOptions: { rejectDuplicateUser: 'maybe' } }),
			'Custom Options → Reject Duplicate User: must be true or false',
		],
	];
	test.each(bad)('%s is refused before sending', async (_name, params, message) => {
		const { error } = await run(params, [idItem()]);
		expect(error.message).toBe(message);
		expect(calls()).toBe(0);
	});

	test('images: missing, GIF and over 2 MB are refused before sending; the back image only when included', async () => {
		const missing = await run(step1(), [{ json: {} }]);
		expect(missing.error.message).toBe(
			'ID Front Image: the input item has no binary field "data"; it has no binary data',
		);
		const gif = await run(step1(), [imageItem({ data: images.gif() })]);
		expect(gif.error.message).toBe('ID Front Image: the file is GIF; Argos ID accepts JPEG, PNG');
		const large = await run(step1(), [idItem({ padTo: 2 * 1024 * 1024 + 1 })]);
		expect(large.error.message).toBe(
			'ID Front Image: the file is 2.00 MB (2,097,153 bytes); Argos ID accepts at most 2.00 MB (2,097,152 bytes)',
		);
		const back = await run(step1({ includeBackImage: true }), [idItem()]);
		expect(back.error.message).toMatch(/^ID Back Image: the input item has no binary field "back"/);
		expect(calls()).toBe(0);
	});

	test('an ID number typed into ID Type or Issuing Country is not echoed in the message', async () => {
		for (const params of [
			step1({ idType: '9001011234567' }),
			step1({ issuingCountry: '9001011234567' }),
		]) {
			const { error } = await run(params, [idItem()]);
			expect(error.message).not.toContain('9001011234567');
			expect(error.message).toMatch(/\*{9}4567/);
		}
		expect(calls()).toBe(0);
	});

	test('the seed’s "SubmissionId" spelling is output as submissionId, for Step 2', async () => {
		state.sandbox.injectFault({
			vendor: 'argos',
			status: 200,
			body: { SubmissionId: 'sbxSpelled', reviewOCRData: { ocr_name: 'HONG GILDONG' } },
		});
		const { items, error } = await run(step1(), [idItem()]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			submissionId: 'sbxSpelled',
			SubmissionId: 'sbxSpelled',
			identity: { fullName: 'HONG GILDONG' },
		});
	});

	test('kycStatus incomplete without a retry (a submission awaiting Step 2) needs no retry', async () => {
		state.sandbox.injectFault({
			vendor: 'argos',
			status: 200,
			body: { submissionId: 'sbxWaiting', kycStatus: 'incomplete', retryCount: 0 },
		});
		const { items } = await run(step1(), [idItem()]);
		expect(items[0].json).toMatchObject({
			submissionId: 'sbxWaiting',
			retryNeeded: false,
			retryCodes: [],
			attemptsRemaining: 3,
		});
	});

	test('a 200 answer without a submissionId or kycStatus is an error, not a result', async () => {
		state.sandbox.injectFault({
			vendor: 'argos',
			status: 200,
			body: { message: 'something went wrong for a@example.com' },
		});
		const { error } = await run(step1(), [idItem()]);
		expect(error.message).toBe(
			'Argos ID UNEXPECTED: Step 1 answered without a submissionId or kycStatus ("something went wrong for a***@example.com") [HTTP 200]',
		);
	});

	test('Argos’s "invalid id image" is reported with what to send', async () => {
		const { error } = await run(step1(), [idItem({ marker: MARKERS.invalidId })]);
		expect(error.message).toBe(
			'Argos ID HTTP 400: Argos could not use the ID image ("invalid id image") [HTTP 400]',
		);
		expect(error.description).toMatch(/padding/);
	});

	test('a 502 on Step 1 (billed) is not sent again', async () => {
		const { error } = await run(step1(), [idItem({ marker: MARKERS.badGateway })]);
		expect(error.message).toMatch(
			/^Argos ID HTTP 502: bad gateway at Argos; the call may have been processed and billed, so it was not sent again/,
		);
		expect(calls()).toBe(1);
	});

	test('the email never appears in an error message', async () => {
		const { error } = await run(step1({ email: ALREADY_APPROVED_EMAIL }), [idItem()]);
		expect(error.message).toBe(
			'Argos ID HTTP 400: this applicant’s email already has an approved KYC submission ("a***@example.com had submitted another KYC and is already approved.") [HTTP 400]',
		);
		const { message, description, errorResponse } = error;
		expect(JSON.stringify({ message, description, errorResponse })).not.toContain(
			ALREADY_APPROVED_EMAIL,
		);
	});
});

describe('Argos ID Submission → Step 2', () => {
	test('approved: outputs the documented fields', async () => {
		const submissionId = await startSubmission();
		const { items, error } = await run(
			step2(submissionId, {
				additionalFields: { gender: 'male', nationality: 'KOR', dateOfExpiry: '2030-03-01' },
			}),
			[selfieItem()],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			submissionId,
			verificationResult: 'success',
			faceSimilarityScore: 96,
			livenessScore: 99,
			kycStatus: 'approved',
			retryNeeded: false,
		});
	});

	test('a face mismatch is a retry result; three attempts reject', async () => {
		const submissionId = await startSubmission();
		const mismatch = [selfieItem({ marker: MARKERS.faceMismatch })];
		const first = (await run(step2(submissionId), mismatch)).items[0].json;
		expect(first).toEqual({
			audit: expect.any(Array),
			submissionId,
			retry: [
				{
					retryCode: 'face_compare_underscore',
					retryMsg: 'The face doesn’t match. Please retry with another face image.',
				},
			],
			kycStatus: 'incomplete',
			retryCount: 1,
			retryNeeded: true,
			retryCodes: ['face_compare_underscore'],
			attemptsRemaining: 2,
		});
		await run(step2(submissionId), mismatch);
		const last = (await run(step2(submissionId), mismatch)).items[0].json;
		expect(last).toMatchObject({
			kycStatus: 'rejected',
			faceSimilarityScore: 0,
			retryCount: 3,
			attemptsRemaining: 0,
		});

		const again = await run(step2(submissionId), [selfieItem()]);
		expect(again.error.message).toBe(
			'Argos ID HTTP 400: this submission already has a final result ("this submission is already processed") [HTTP 400]',
		);
	});

	test('pending waits for a reviewer', async () => {
		const submissionId = await startSubmission();
		const { items } = await run(step2(submissionId), [selfieItem({ marker: MARKERS.pending })]);
		expect(items[0].json.kycStatus).toBe('pending');
	});

	test('an unknown submission id is a clear error', async () => {
		const { error } = await run(step2('sbx-unknown'), [selfieItem()]);
		expect(error.message).toBe(
			'Argos ID HTTP 400: no open submission has this ID ("invalid submission id") [HTTP 400]',
		);
		expect(error.description).toBe('Use the submissionId Step 1 returned, within 4 hours.');
	});

	test.each([
		['no submission id', step2('={{ $json.id }}'), 'Submission ID: is required but empty'],
		[
			'date of birth not YYYY-MM-DD',
			step2('sbx1', { dateOfBirth: '31-01-1990' }),
			'Date of Birth: must be a date written YYYY-MM-DD, e.g. 1981-01-31',
		],
		[
			'date of birth not in the calendar',
			step2('sbx1', { dateOfBirth: '1990-02-30' }),
			'Date of Birth: is not a real calendar date (YYYY-MM-DD)',
		],
		[
			'expiry date not YYYY-MM-DD',
			step2('sbx1', { additionalFields: { dateOfExpiry: '2030/01/01' } }),
			'Additional Fields → Date of Expiry: must be a date written YYYY-MM-DD, e.g. 1981-01-31',
		],
		[
			'unknown nationality',
			step2('sbx1', { additionalFields: { nationality: 'ZZZ' } }),
			'Additional Fields → Nationality: "ZZZ" is not an ISO 3166 alpha-3 country code (e.g. KOR, USA, IDN)',
		],
		['no name', step2('sbx1', { name: '={{ $json.id }}' }), 'Full Name: is required but empty'],
	])('%s is refused before sending', async (_name, params, message) => {
		const { error } = await run(params, [imageItem({ selfie: images.jpeg() }, { id: '' })]);
		expect(error.message).toBe(message);
		expect(calls()).toBe(0);
	});

	test('a missing selfie is refused before sending', async () => {
		const { error } = await run(step2('sbx1'), [{ json: {} }]);
		expect(error.message).toMatch(/^Face Image: the input item has no binary field "selfie"/);
		expect(calls()).toBe(0);
	});
});

describe('Argos ID Submission → Step 2 with an address', () => {
	const address = {
		globalCode: '8Q98HXPF+2V',
		formattedAddress: '1 Sejong-daero, Jung-gu, Seoul, South Korea',
		addressInput: '1 sejong-daero seoul',
		addressDetail: 'Apt 101',
	};
	const withAddress = (submissionId, extra = {}) =>
		step2(submissionId, { address, includeAddressImage: true, ...extra });
	const selfieAndAddress = (addressImage = images.png()) =>
		imageItem({ selfie: images.jpeg(), address: addressImage });
	const stored = async (submissionId) =>
		(await run({ resource: 'submission', operation: 'get', submissionId })).items[0].json;

	test('the address fields and image are sent under Argos’s names', async () => {
		const submissionId = await startSubmission();
		const { items, error } = await run(withAddress(submissionId), [selfieAndAddress()]);
		expect(error).toBeUndefined();
		expect(items[0].json.kycStatus).toBe('approved');
		const submission = await stored(submissionId);
		expect(submission.data).toMatchObject({
			globalCode: '8Q98HXPF+2V',
			formatted_address: '1 Sejong-daero, Jung-gu, Seoul, South Korea',
			address_input: '1 sejong-daero seoul',
			address_detail: 'Apt 101',
		});
		expect(submission.data.compoundCode).toBeUndefined();
		expect(submission.image.addressImage).toMatch(/addressImage\.jpg$/);
	});

	test('nothing about an address is sent when none is given', async () => {
		const submissionId = await startSubmission();
		await run(step2(submissionId), [selfieItem()]);
		const submission = await stored(submissionId);
		expect(submission.data.globalCode).toBeUndefined();
		expect(submission.image.addressImage).toBe('');
	});

	test('a project that collects addresses answers with its documented address errors', async () => {
		await state.sandbox.vendorControl('argos', 'projectOptions', { collectAddress: true });
		const submissionId = await startSubmission();
		const noImage = await run(step2(submissionId, { address }), [selfieItem()]);
		expect(noImage.error.message).toBe(
			'Argos ID HTTP 400: the address image is missing or invalid ("invalid or missing an address image") [HTTP 400]',
		);
		expect(noImage.error.description).toMatch(/Include Address Image/);
		const noAddress = await run(step2(submissionId), [selfieItem()]);
		expect(noAddress.error.message).toBe(
			'Argos ID HTTP 400: the address fields are missing ("missing address data parameters") [HTTP 400]',
		);
		const complete = await run(withAddress(submissionId), [selfieAndAddress()]);
		expect(complete.items[0].json.kycStatus).toBe('approved');
	});

	test.each([
		[
			'address detail without a location',
			step2('sbx1', { address: { addressDetail: 'Apt 101' } }),
			selfieItem(),
			'Address: needs Global Code, Compound Code or Formatted Address as well (Argos requires one of them with any address)',
		],
		[
			'an address image without a location',
			step2('sbx1', { includeAddressImage: true }),
			imageItem({ selfie: images.jpeg(), address: images.png() }),
			'Address: needs Global Code, Compound Code or Formatted Address as well (Argos requires one of them with any address)',
		],
		[
			'an address image that is a GIF',
			withAddress('sbx1'),
			imageItem({ selfie: images.jpeg(), address: images.gif() }),
			/^Address Image: /,
		],
		[
			'an address image over 2 MB',
			withAddress('sbx1'),
			imageItem({ selfie: images.jpeg(), address: images.jpeg({ padTo: 2 * 1024 * 1024 + 1 }) }),
			/^Address Image: /,
		],
		[
			'no address image in the item',
			withAddress('sbx1'),
			selfieItem(),
			/^Address Image: the input item has no binary field "address"/,
		],
	])('%s is refused before sending', async (_name, params, item, message) => {
		const { error } = await run(params, [item]);
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(calls()).toBe(0);
	});
});

describe('Argos ID Submission → Get and Get Many', () => {
	test('Get returns the submission; an unknown id is an error', async () => {
		const submissionId = await startSubmission({ additionalFields: { userid: 'u-1' } });
		const { items } = await run({ resource: 'submission', operation: 'get', submissionId });
		expect(items[0].json).toMatchObject({
			submission_id: submissionId,
			userid: 'u-1',
			kyc: { result: 'incomplete' },
		});
		const missing = await run({ resource: 'submission', operation: 'get', submissionId: 'nope' });
		expect(missing.error.message).toBe('Argos ID NOT FOUND: no submission has this ID');
	});

	test('Return All follows the nextpageKey Argos returns; Limit stops early; filters are sent', async () => {
		await state.sandbox.vendorControl('argos', 'seed', { count: 120, userid: 'bulk' });
		await state.sandbox.vendorControl('argos', 'seed', { count: 3, userid: 'other' });
		const all = await run({
			resource: 'submission',
			operation: 'getMany',
			returnAll: true,
			filters: { userid: 'bulk' },
		});
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(120);
		expect(new Set(all.items.map((item) => item.json.submission_id)).size).toBe(120);
		expect(all.items.every((item) => item.json.userid === 'bulk')).toBe(true);
		expect(calls()).toBe(3);

		const some = await run({ resource: 'submission', operation: 'getMany', limit: 70 });
		expect(some.items).toHaveLength(70);
		expect(some.items.every((item) => item.pairedItem.item === 0)).toBe(true);
	});

	test('a next page given as top-level nextpage_id/nextpage_date is followed too', async () => {
		await state.sandbox.vendorControl('argos', 'seed', { count: 3, userid: 'legacy' });
		const listed = await run({
			resource: 'submission',
			operation: 'getMany',
			returnAll: true,
			filters: { userid: 'legacy' },
		});
		const first = listed.items[0].json;
		state.sandbox.injectFault({
			vendor: 'argos',
			status: 200,
			body: {
				Items: [first],
				nextpage_id: first.submission_id,
				nextpage_date: first.created_at,
			},
		});
		const before = calls();
		const all = await run({
			resource: 'submission',
			operation: 'getMany',
			returnAll: true,
			filters: { userid: 'legacy' },
		});
		expect(all.items.map((item) => item.json.submission_id)).toEqual(
			listed.items.map((item) => item.json.submission_id),
		);
		expect(calls() - before).toBe(2);
	});

	test('email and date filters', async () => {
		await state.sandbox.vendorControl('argos', 'seed', { count: 2, email: 'Someone@Example.com' });
		const byEmail = await run({
			resource: 'submission',
			operation: 'getMany',
			returnAll: true,
			filters: {
				email: 'someone@example.com',
				startDate: '2000-01-01',
				endDate: '2999-12-31',
				requestType: 'kyc',
			},
		});
		expect(byEmail.items).toHaveLength(2);
		const bad = await run({
			resource: 'submission',
			operation: 'getMany',
			filters: { startDate: '2024-13-01' },
		});
		expect(bad.error.message).toBe(
			'Filters → Start Date: is not a real calendar date (YYYY-MM-DD)',
		);
		const badEmail = await run({
			resource: 'submission',
			operation: 'getMany',
			filters: { email: 'x@' },
		});
		expect(badEmail.error.message).toBe('Filters → Email: is not a valid email address');
	});
});

describe('Argos ID Get and Get Many: bad input', () => {
	test.each([
		[
			'Get without a submission id',
			{ resource: 'submission', operation: 'get', submissionId: '={{ $json.id }}' },
			'Submission ID: is required but empty',
		],
		[
			'a request type set by expression to an unknown value',
			{ resource: 'submission', operation: 'getMany', filters: { requestType: 'everything' } },
			'Filters → Request Type: must be one of kyc, aml, data, others',
		],
		[
			'an end date before the start date',
			{
				resource: 'submission',
				operation: 'getMany',
				filters: { startDate: '2024-02-01', endDate: '2024-01-01' },
			},
			'Filters → End Date: is before the Start Date',
		],
		[
			'a Limit of 0',
			{ resource: 'submission', operation: 'getMany', limit: 0 },
			'Limit: must be a whole number of at least 1',
		],
	])('%s is refused before sending', async (_name, params, message) => {
		const { error } = await run(params, [{ json: { id: '' } }]);
		expect(error.message).toBe(message);
		expect(calls()).toBe(0);
	});
});

describe('Argos ID errors', () => {
	const get = { resource: 'submission', operation: 'get', submissionId: 'x' };

	test('403 from the IP allow-list says what to do', async () => {
		const { error } = await run(get, undefined, {
			credentials: { apiKey: argos.credentials.ipDeniedKey },
		});
		expect(error.message).toBe(
			'Argos ID HTTP 403: the calling IP address is not on the project’s IP allow-list ("User is not authorized to access this resource with an explicit deny") [HTTP 403]',
		);
		expect(error.description).toMatch(/IP whitelist in the Argos dashboard/);
	});

	test('403 Forbidden names the API key without showing it', async () => {
		const { error } = await run(get, undefined, { credentials: { apiKey: 'secret-wrong-key' } });
		expect(error.message).toBe(
			'Argos ID HTTP 403: Argos rejected the API key ("Forbidden") [HTTP 403]',
		);
		expect(JSON.stringify(error)).not.toContain('secret-wrong-key');
	});

	test('400, 413, 500 and 502 are mapped', async () => {
		state.sandbox.injectFault({ vendor: 'argos', status: 400 });
		expect((await run(get)).error.message).toBe(
			'Argos ID HTTP 400: invalid query string parameters ("Invalid Query String parameters") [HTTP 400]',
		);
		state.sandbox.injectFault({ vendor: 'argos', status: 413 });
		const tooLarge = await run(step1(), [idItem()]);
		expect(tooLarge.error.message).toBe(
			'Argos ID HTTP 413: the request is too large ("Request Entity Too Large") [HTTP 413]',
		);
		const server = await run(step1(), [idItem({ marker: MARKERS.serverError })]);
		expect(server.error.message).toBe(
			'Argos ID HTTP 500: internal server error at Argos ("Internal Server Error") [HTTP 500]',
		);
		const gateway = await run(step2('sbx1'), [selfieItem({ marker: MARKERS.badGateway })]);
		expect(gateway.error.message).toMatch(/^Argos ID HTTP 400: no open submission/);
		const submissionId = await startSubmission();
		const before = calls();
		const billed = await run(step2(submissionId), [selfieItem({ marker: MARKERS.badGateway })]);
		expect(billed.error.message).toBe(
			'Argos ID HTTP 502: bad gateway at Argos; the call may have been processed and billed, so it was not sent again ("Bad Gateway") [HTTP 502]',
		);
		expect(calls() - before).toBe(1);
	});

	test.each([
		['step1', 'failed to parse the input data', 'Argos could not parse the submitted form data'],
		['step1', 'missing required parameters', 'a required field is missing'],
		['step1', 'invalid email address format', 'the email address is not valid'],
		['step1', 'failed to find the project', 'no Argos project belongs to this API key'],
		['step1', 'something new', 'Argos refused the submitted form as invalid'],
		['step2', 'invalid api key', 'Argos rejected the API key'],
		['step2', 'invalid face image', 'Argos could not use the face image'],
		[
			'step2',
			'missing required parameters for identity verification',
			'a field Step 2 needs for identity verification is missing',
		],
	])('%s: Argos’s "%s" is mapped to clear text', async (operation, text, meaning) => {
		state.sandbox.injectFault({ vendor: 'argos', status: 400, body: { message: text } });
		const { error } =
			operation === 'step1'
				? await run(step1(), [idItem()])
				: await run(step2('sbx1'), [selfieItem()]);
		expect(error.message).toBe(`Argos ID HTTP 400: ${meaning} ("${text}") [HTTP 400]`);
	});

	test('a 502 on a read is retried', async () => {
		const submissionId = await startSubmission();
		state.sandbox.injectFault({ vendor: 'argos', status: 502 });
		const { items, error } = await run({ resource: 'submission', operation: 'get', submissionId });
		expect(error).toBeUndefined();
		expect(items[0].json.submission_id).toBe(submissionId);
	});

	test('Continue On Fail: one output item per input item', async () => {
		const { items } = await run(step1(), [idItem(), imageItem({ data: images.gif() }), idItem()], {
			onError: 'continueRegularOutput',
		});
		expect(items).toHaveLength(3);
		expect(items[0].json.submissionId).toBeDefined();
		expect(items[1].json.error).toMatch(/^ID Front Image: the file is GIF/);
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
	});
});
