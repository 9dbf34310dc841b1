'use strict';
/** CLOVA OCR's pure parts: the invoke URL rule, the status mapping, and what Simplify makes of results. */
const { clovaOcr } = require('../../nodes/ClovaOcr/vendor');
const { checkBaseUrl } = require('../../nodes/shared/transport');

const checkInvokeUrl = (invokeUrl) => checkBaseUrl({ invokeUrl }, clovaOcr);
const { flattenResult, identityOf, simplifyCard } = require('../../nodes/ClovaOcr/simplify');

describe('the CLOVA invoke URL', () => {
	test.each([
		[
			'https://abc.apigw.ntruss.com/custom/v1/1/key/',
			'https://abc.apigw.ntruss.com/custom/v1/1/key',
		],
		[
			'  https://abc.apigw.ntruss.com/custom/v1/1/key ',
			'https://abc.apigw.ntruss.com/custom/v1/1/key',
		],
		['http://localhost:8787/clova', 'http://localhost:8787/clova'],
		['http://127.0.0.1:8787/clova', 'http://127.0.0.1:8787/clova'],
		['http://[::1]:8787/clova', 'http://[::1]:8787/clova'],
	])('%s is accepted', (value, expected) => {
		expect(checkInvokeUrl(value)).toBe(expected);
	});

	test.each([
		[undefined, /is empty/],
		['http://clovaocr-api.gov-ncloud.com/external/v1/1/key', /must use https:\/\//],
		['ftp://abc.apigw.ntruss.com/x', /not ftp:\/\//],
		['https://abc.apigw.ntruss.com/x?secret=1', /query string/],
		['https://abc.apigw.ntruss.com/custom/v1/1/key/general', /model path "\/general"/],
		['https://abc.apigw.ntruss.com/custom/v1/1/key/infer/', /model path "\/infer"/],
		['https://abc.apigw.ntruss.com/custom/v1/1/key/document/receipt', /"\/document\/receipt"/],
	])('%s is refused', (value, pattern) => {
		expect(() => checkInvokeUrl(value)).toThrow(pattern);
	});
});

describe('clovaOcr.inspect', () => {
	const inspect = (statusCode, body) => clovaOcr.inspect({ statusCode, headers: {}, body }, {});

	test('a numeric code is read as CLOVA’s four digits', () => {
		expect(inspect(401, { code: 2, message: 'Secret key validate failed.' })).toMatchObject({
			code: '0002',
			httpStatus: 401,
		});
	});

	test('0025 is transient (the core retries it); 0023 is not', () => {
		expect(inspect(400, { code: '0025' }).transient).toBe(true);
		expect(inspect(400, { code: '0023' }).transient).toBeUndefined();
	});

	test('an undocumented code keeps CLOVA’s message', () => {
		expect(inspect(400, { code: '1022', message: 'Service is blocked' })).toMatchObject({
			code: '1022',
			meaning: 'Service is blocked',
		});
	});

	test('a 200 without images, or with a status code instead, is not a result', () => {
		expect(inspect(200, { version: 'V2' }).code).toBe('UNEXPECTED');
		expect(inspect(200, { code: '0011', message: 'Request body invalid.' }).code).toBe('0011');
		expect(inspect(200, { images: [{ inferResult: 'SUCCESS' }] })).toBeUndefined();
	});

	test('Privacy’s keys cover resident, alien-card, licence, passport and card numbers', () => {
		const keys = [
			'personalNum',
			'ac.alienRegNum',
			'socialNumber',
			'coRepSocialNum',
			'dl.num',
			'number',
			'tel',
			'mobile',
			'fax',
			'mrz',
			'mrz.mrz2',
		];
		for (const key of [...keys, 'pp.num']) {
			expect(clovaOcr.sensitiveKeys.test(key)).toBe(true);
		}
		expect(clovaOcr.sensitiveKeys.test('ac.name')).toBe(false);
	});

	test('a non-2xx answer without a CLOVA code is left to the core’s HTTP mapping', () => {
		expect(inspect(502, '<html>Bad Gateway</html>')).toBeUndefined();
	});
});

describe('Simplify helpers', () => {
	test('a card with a field missing keeps the shape', () => {
		expect(simplifyCard({ number: { text: '4111', confidenceScore: 0.5 } })).toEqual({
			name: null,
			nameConfidence: null,
			number: '4111',
			numberConfidence: 0.5,
			validThru: null,
			validThruConfidence: null,
		});
	});

	test('flattenResult drops coordinates and keeps lists', () => {
		expect(
			flattenResult({
				a: { b: { text: 'x', boundingPolys: [{ vertices: [] }] } },
				list: [{ text: 'one' }, { text: 'two' }],
				empty: [],
				flag: true,
				boundingPoly: { vertices: [] },
				rois: [{ vertices: [] }],
			}),
		).toEqual({ 'a.b': 'x', list: ['one', 'two'], flag: true });
	});

	test.each([
		['050101-3', '2005-01-01', 'M'],
		['050101-4', '2005-01-01', 'F'],
		['900101-2', '1990-01-01', 'F'],
		['900101-5', '1990-01-01', 'M'],
	])('a resident number %s gives birth date and sex', (personalNum, dateOfBirth, gender) => {
		expect(identityOf({ ic: { personalNum: [{ text: `${personalNum}******` }] } })).toEqual({
			idNumber: `${personalNum}******`,
			dateOfBirth,
			gender,
		});
	});

	test('a Korean passport (pp) and an alien card (ac), as client code reads them', () => {
		const date = (year, month, day) => [{ text: '', formatted: { year, month, day } }];
		expect(
			identityOf({
				idtype: 'Passport',
				pp: {
					num: [{ text: 'M12345678' }],
					name: [{ text: '홍길동' }],
					sex: [{ text: 'M' }],
					birthDate: date('1990', '01', '01'),
					issueDate: date('2019', '03', '15'),
					expireDate: date('2029', '03', '15'),
				},
			}),
		).toEqual({
			fullName: '홍길동',
			idNumber: 'M12345678',
			dateOfBirth: '1990-01-01',
			gender: 'M',
			issueDate: '2019-03-15',
			expiryDate: '2029-03-15',
		});
		expect(
			identityOf({
				idtype: 'Alien Registration Card',
				ac: {
					alienRegNum: [{ text: '900101-5234567', formatted: { value: '900101-5234567' } }],
					name: [{ text: 'JOHN DOE' }],
					nationality: [{ text: 'USA' }],
					sex: [{ text: 'M' }],
				},
			}),
		).toMatchObject({ idNumber: '900101-5234567', nationality: 'USA', gender: 'M' });
	});

	test('Korean sex marks map to M/F', () => {
		expect(identityOf({ pp: { sex: [{ text: '여' }] } }).gender).toBe('F');
	});
});

describe('clovaOcrApi authenticate', () => {
	const { ClovaOcrApi } = require('../../credentials/ClovaOcrApi.credentials');
	const credential = new ClovaOcrApi();
	const credentials = { invokeUrl: 'unused', secretKey: 'the-secret-42' };

	test.each([
		['https://abc.apigw.ntruss.com/custom/v1/1/key', '/document/credit-card'],
		['http://localhost:8787/clova', '/general'],
		['http://127.0.0.1:8787/clova', '/infer'],
		[undefined, 'https://abc.apigw.ntruss.com/custom/v1/1/key/general'],
	])('%s%s gets the X-OCR-SECRET header', async (baseURL, url) => {
		const options = await credential.authenticate(credentials, {
			baseURL,
			url,
			headers: { Accept: 'application/json' },
		});
		expect(options.headers).toEqual({
			Accept: 'application/json',
			'X-OCR-SECRET': 'the-secret-42',
		});
	});

	test.each([
		['http://clovaocr-api.gov-ncloud.com/external/v1/1/key', '/document/credit-card'],
		['ftp://abc.apigw.ntruss.com/x', '/general'],
		['', '/general'],
	])('%s%s is refused and the secret is not added', async (baseURL, url) => {
		const attempt = credential.authenticate(credentials, { baseURL, url });
		await expect(attempt).rejects.toThrow(/^CLOVA OCR: .*; the secret was not sent$/);
		await expect(attempt).rejects.not.toThrow(/the-secret-42/);
	});
});
