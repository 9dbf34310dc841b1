'use strict';

// e2e suite: a vendor that echoes the request in its error, for every vendor, in real n8n. The
// sandbox answers with the request's headers and body (as a plain-text HTTP 500, as the vendor's
// JSON error, and inside HTTP 200 where the vendor reports errors that way); the node fails (or,
// with Continue On Fail, outputs the error item), and the execution n8n SAVED is read back.
//
// What the saved execution may hold: the webhook's own output is the user's input (the image as
// base64 and the NIK as typed), so those two are legitimately in the execution. Hence two checks:
// - our node's own saved data (its run data: output, error; and the execution's error) holds
//   no credential value, no 40-character window of the image's base64, and no NIK in any form;
// - the WHOLE saved execution (everything n8n stored, the webhook's output included) holds no
//   credential value in any form (none is ever an input) and none of the NIK's separator forms
//   (3171.0123…, 3171/0123…): the input holds only the plain digits, so those can only have come
//   back through the echo. The webhook's HTTP answer is checked like our node's data.

const assert = require('node:assert/strict');

const { switchWorkflow, vendorNode } = require('../switch-workflow');
const { credential, credentialRef } = require('../sandbox-credentials');
const images = require('../../fixtures/images');
const { checkSavedExecutions } = require('../invariants');
const { NIK, NIK_FORMS, SHAPES, echoFault, findLeaks, allText } = require('../../echo');

const PATH = 'kyc-echo';
const ID = 'kycEchoScrub01';
const body = (field) => `={{ $json.body.${field} }}`;
const fromBody = (prefix) => ({
	[`${prefix}Source`]: 'base64',
	[`${prefix}Base64`]: body('image'),
});

const CREDENTIAL_TYPES = {
	ekycpro: 'ekycProApi',
	wideKyc: 'wideKycApi',
	clova: 'clovaOcrApi',
	iluma: 'ilumaApi',
	argos: 'argosIdApi',
};
const NODE_TYPES = {
	ekycpro: 'ekycPro',
	wideKyc: 'wideKyc',
	clova: 'clovaOcr',
	iluma: 'iluma',
	argos: 'argosId',
};
const credentialId = (vendor) => `kycEcho${vendor}Cred`;

/** One call per vendor and body type that carries the credential, and the image or the NIK. */
const CASES = [
	[
		'ekycpro',
		'idCard.recognize',
		{ resource: 'idCard', operation: 'recognize', document: 'id', ...fromBody('image') },
	],
	['ekycpro', 'identity.check', { resource: 'identity', operation: 'check', nik: body('nik') }],
	[
		'wideKyc',
		'idCard.validate',
		{
			resource: 'idCard',
			operation: 'validate',
			nik: body('nik'),
			includeSelfie: true,
			...fromBody('selfie'),
		},
	],
	[
		'clova',
		'general.recognize',
		{ resource: 'general', operation: 'recognize', ...fromBody('image') },
	],
	[
		'iluma',
		'ktp.validateName',
		{ resource: 'ktp', operation: 'validateName', nik: body('nik'), name: 'FIRA DIYANKA' },
	],
	[
		'iluma',
		'idCardOcr.extract',
		{
			resource: 'idCardOcr',
			operation: 'extract',
			cardType: 'indonesia_ktp',
			...fromBody('image'),
		},
	],
	[
		'argos',
		'submission.step1',
		{
			resource: 'submission',
			operation: 'step1',
			email: 'applicant@example.com',
			issuingCountry: 'KOR',
			idType: 'passport',
			...fromBody('idImage'),
		},
	],
];
const MODES = ['stop', 'continue'];
const KINDS = ['text500', 'json', 'in200'];

const op = (vendor, name, mode) => `${vendor}.${name}.${mode}`;

const workflow = () =>
	switchWorkflow({
		id: ID,
		name: 'e2e: echoing vendors',
		path: PATH,
		cases: CASES.flatMap(([vendor, name, parameters]) =>
			MODES.map((mode) => ({
				op: op(vendor, name, mode),
				nodes: [
					{
						...vendorNode(
							NODE_TYPES[vendor],
							credentialRef(CREDENTIAL_TYPES[vendor], credentialId(vendor)),
						)(parameters),
						...(mode === 'continue' ? { onError: 'continueRegularOutput' } : {}),
					},
				],
			})),
		),
	});

/** The credential's values: every field but the base URL. */
function secretsOf(sandbox, vendor) {
	const { data } = credential(sandbox, CREDENTIAL_TYPES[vendor], credentialId(vendor));
	return Object.entries(data)
		.filter(([field]) => !/url$/i.test(field))
		.map(([, value]) => value);
}

module.exports = {
	name: 'Echoing vendors: no key, image or NIK in errors and saved executions',

	credentials: (sandbox) =>
		Object.keys(CREDENTIAL_TYPES).map((vendor) =>
			credential(sandbox, CREDENTIAL_TYPES[vendor], credentialId(vendor)),
		),

	workflows: () => [workflow()],

	async run({ check, n8n, rest, sandbox, e2e, credentials }) {
		const image = images.jpeg({ width: 64, height: 48 }).toString('base64');
		let previousId = await e2e.latestExecutionId(rest, ID);
		let runs = 0;
		for (const [vendor, name] of CASES) {
			const secrets = secretsOf(sandbox, vendor);
			for (const kind of KINDS) {
				await check(
					`echo: ${vendor} ${name}, echo as ${kind}: errors and saved executions are clean`,
					async () => {
						for (const shape of SHAPES) {
							for (const mode of MODES) {
								const where = `${shape} first, ${mode}`;
								const before = sandbox.requests.length;
								// One call each: none of these answers is retried, so no fault is left for later suites.
								sandbox.injectFault({ ...echoFault(vendor, kind, shape), count: 1 });
								const response = await fetch(`${n8n.url}/webhook/${PATH}`, {
									method: 'POST',
									headers: { 'content-type': 'application/json' },
									body: JSON.stringify({ op: op(vendor, name, mode), image, nik: NIK }),
									signal: AbortSignal.timeout(60_000),
								});
								const answer = await response.text();
								assert.equal(sandbox.requests.length - before, 1, `${where}: calls to the sandbox`);
								const { id } = await e2e.lastExecution(rest, ID, { after: previousId });
								const full = (await rest.get(`/rest/executions/${id}`)).data;
								previousId = id;
								runs++;
								const { resultData } = await e2e.executionData(rest, id);
								const ours = resultData.runData?.[op(vendor, name, mode)];
								assert.ok(
									ours,
									`${where}: our node did not run (execution ${id}): ${answer.slice(0, 300)}`,
								);
								const error = ours[0].error ?? resultData.error;
								if (mode === 'stop') {
									assert.equal(full.status, 'error', `${where}: execution ${id} is ${full.status}`);
									assert.ok(error?.message, `${where}: no error saved`);
								} else {
									const item = ours[0].data?.main?.[0]?.[0]?.json;
									assert.equal(
										typeof item?.error,
										'string',
										`${where}: no error item: ${JSON.stringify(item)}`,
									);
								}
								const ourText = [...allText(ours), ...allText(resultData.error), answer].join('\n');
								const leaks = findLeaks(ourText, { secrets, images: [image] });
								assert.deepEqual(
									leaks,
									[],
									`${where}: our node's saved data leaks (execution ${id})`,
								);
								const whole = JSON.stringify(full);
								const wholeLeaks = [
									...findLeaks(whole, { secrets }),
									...NIK_FORMS.slice(1).filter((form) => whole.includes(form)),
								].filter((leak) => leak !== 'the NIK (separators removed)');
								assert.deepEqual(
									wholeLeaks,
									[],
									`${where}: the saved execution leaks (execution ${id})`,
								);
							}
						}
					},
				);
			}
		}
		await check('echo: every case ran and was read back from the saved executions', () => {
			assert.equal(runs, CASES.length * KINDS.length * SHAPES.length * MODES.length);
			return `${runs} executions checked`;
		});

		// The shared canary check reads them before they go (test/e2e/invariants.js).
		await checkSavedExecutions({ check, rest, e2e, credentials, label: 'echoes, before deletion' });

		// With Continue On Fail our node's run has no error, so the coverage check would count these
		// echoes as operations that ran successfully: they are deleted once checked.
		await check(
			'echo: the checked executions are deleted, so that coverage counts only real results',
			async () => {
				const ids = [];
				for (let page = 0; page < 10; page++) {
					const filter = encodeURIComponent(JSON.stringify({ workflowId: ID }));
					const list = await rest.get(`/rest/executions?filter=${filter}&limit=100`);
					if (list.data.results.length === 0) break;
					const batch = list.data.results.map((execution) => execution.id);
					await rest.post('/rest/executions/delete', { ids: batch });
					ids.push(...batch);
				}
				assert.deepEqual(await e2e.executions(rest, ID, 1), []);
				return `${ids.length} deleted`;
			},
		);
	},
};
