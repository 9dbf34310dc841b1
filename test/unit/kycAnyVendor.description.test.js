'use strict';
/** What n8n's editor makes of the KYC (Any Vendor) description: per check, its vendors and credentials. */
const { NodeHelpers } = require('n8n-workflow');
const { KycAnyVendor } = require('../../nodes/KycAnyVendor/KycAnyVendor.node');

const { description } = new KycAnyVendor();
const nodeStub = {
	name: 'x',
	type: 'n8n-nodes-kyc.kycAnyVendor',
	typeVersion: 1,
	parameters: {},
	position: [0, 0],
};
const resolve = (values) =>
	NodeHelpers.getNodeParameters(description.properties, values, true, false, nodeStub, description);
const shownCredentials = (values) =>
	description.credentials
		.filter((credential) =>
			NodeHelpers.displayParameter(resolve(values), credential, nodeStub, description),
		)
		.map((credential) => credential.name);

const OFFERS = {
	readKtp: ['ekycPro', 'iluma', 'wideKyc'],
	verifyNik: ['ekycPro', 'iluma', 'wideKyc'],
	liveness: ['ekycPro', 'wideKyc'],
	compareFaces: ['ekycPro', 'iluma'],
};

describe('KYC (Any Vendor) description', () => {
	test('is usable as a tool and offers the four checks, Failover by default', () => {
		expect(description.usableAsTool).toBe(true);
		const check = description.properties.find((property) => property.name === 'check');
		expect(check.options.map((option) => option.value).sort()).toEqual(Object.keys(OFFERS).sort());
		expect(resolve({}).mode).toBe('failover');
	});

	test.each(Object.entries(OFFERS))(
		'%s: only the vendors that offer it can be picked, two are picked by default',
		(check, offered) => {
			const vendors = description.properties.find(
				(property) =>
					property.name === 'vendors' && property.displayOptions.show.check[0] === check,
			);
			expect(vendors.options.map((option) => option.value).sort()).toEqual(offered);
			const parameters = resolve({ check });
			expect(parameters.vendors).toHaveLength(2);
			expect(offered).toEqual(expect.arrayContaining(parameters.vendors));
		},
	);

	test('no credential is shown by a node property n8n’s editor would take for an authentication field', () => {
		// n8n's editor (1.x and 2.x) treats every property named in a credential's displayOptions as an
		// authentication field: it hides it from the panel with every property in its own displayOptions
		// (here Vendors and Check), and on adding the node writes the chosen credential's show value into
		// it as a string (vendors: 'wideKyc'). A root path ('/vendors') names no property.
		const names = new Set(description.properties.map((property) => property.name));
		for (const credential of description.credentials)
			for (const key of Object.keys(credential.displayOptions?.show ?? {}))
				expect(names.has(key)).toBe(false);
	});

	test('each picked vendor, and only those, shows its existing credential', () => {
		expect(shownCredentials({ check: 'liveness', vendors: ['wideKyc', 'ekycPro'] }).sort()).toEqual(
			['ekycProApi', 'wideKycApi'],
		);
		expect(shownCredentials({ check: 'verifyNik', vendors: ['iluma'] })).toEqual(['ilumaApi']);
		expect(
			shownCredentials({ check: 'readKtp', vendors: ['ekycPro', 'wideKyc', 'iluma'] }).sort(),
		).toEqual(['ekycProApi', 'ilumaApi', 'wideKycApi']);
	});

	test('Iluma-only parameters appear only when Iluma is picked', () => {
		expect(resolve({ check: 'readKtp', vendors: ['wideKyc', 'iluma'] })).toHaveProperty(
			'waitTimeout',
			60,
		);
		expect(resolve({ check: 'readKtp', vendors: ['wideKyc', 'ekycPro'] })).not.toHaveProperty(
			'waitTimeout',
		);
		expect(resolve({ check: 'compareFaces', vendors: ['iluma', 'ekycPro'] })).toHaveProperty(
			'ilumaThreshold',
			75,
		);
		expect(resolve({ check: 'compareFaces', vendors: ['ekycPro'] })).not.toHaveProperty(
			'ilumaThreshold',
		);
	});

	test('the order the vendors were picked in is kept', () => {
		expect(
			resolve({ check: 'verifyNik', vendors: ['wideKyc', 'ekycPro', 'iluma'] }).vendors,
		).toEqual(['wideKyc', 'ekycPro', 'iluma']);
	});

	test('the Cool-Down option sits with the shared options', () => {
		const options = description.properties.find((property) => property.name === 'options');
		expect(options.options.map((option) => option.name)).toEqual([
			'auditRecord',
			'concurrency',
			'privacy',
			'rateLimitWait',
			'retries',
			'timeout',
			'coolDown',
		]);
	});
});
