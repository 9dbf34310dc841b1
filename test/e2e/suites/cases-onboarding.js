'use strict';

// e2e suite: onboarding to a case and the cost report (examples/case-onboarding.json,
// case-cost-report.json and their -postgres twins; docs/cases.md) in a real n8n, each twice: with
// the tables in n8n Data Tables (created through n8n's REST API) and in a throwaway PostgreSQL.
// For each variant:
// - an applicant every check accepts is approved: one case row (approved, no reasons), the customer
//   row, and one audit row per vendor call;
// - two applicants on a CFT watchlist are referred: the webhook answers at once, n8n's Email node
//   (Send and Wait for Response) mails a reviewer through an SMTP server on loopback, and the test
//   follows the mail's Approve link for one and its Decline link for the other, as a reviewer's
//   browser would; the case row then holds the review decision, the reviewer and the time;
// - every billed call the sandbox recorded in its ledger during an applicant's run has exactly one
//   audit row (same product, billed), and the audit rows' `calls` add up to the HTTP calls the
//   sandbox received: no audit row without a call, no call without its row;
// - an applicant who gives a payout bank account gets Iluma's bank name validation, not waited for:
//   the case row stores its request id as iluma_reference with callback_status 'pending'; when the
//   sandbox completes the validation, Iluma's callback (delivered by the sandbox to the URL
//   registered for NAME_VALIDATOR_REQUEST, as set in Iluma's dashboard) reaches the published
//   case-callbacks workflow, which finds the case by iluma_reference and updates callback_status
//   and updated_at;
// - no case or audit row holds the NIK (any form of it), a name given, or an image;
// - the cost report, first with the price table empty (no price, no cost) and then with the prices
//   the test fills, matches the audit rows counted per day, vendor and product.
// n8n 1.x: its Data Table node finds a table by id only (no "By Name"), so there the suite points the
// published Data Tables examples at the tables' ids first, as a user picks them from the list.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const images = require('../../fixtures/images');
const { nikForms } = require('../../invariants/encodings');
const { poll } = require('../../poll');
const { dataTables, casesPostgres } = require('../cases/tables');
const { startSmtp, approvalLinks } = require('../cases/smtp');
const { loadExampleWorkflow, postJson, webhookPathOf } = require('../setup');
const { credential } = require('../sandbox-credentials');

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');
const example = (file) => loadExampleWorkflow(path.join(EXAMPLES, file));
const VARIANTS = [
	{
		name: 'Data Tables',
		onboarding: example('case-onboarding.json'),
		report: example('case-cost-report.json'),
	},
	{
		name: 'PostgreSQL',
		onboarding: example('case-onboarding-postgres.json'),
		report: example('case-cost-report-postgres.json'),
	},
];

const REVIEWER = 'compliance-review@example.com';
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

// The credentials the examples name besides the vendors': imported with placeholder data (short
// values, so that the secret canary over saved executions has nothing to look for) and pointed at
// the SMTP server and PostgreSQL this suite starts, once they run.
const SMTP_CREDENTIAL = { id: 'kycCasesSmtp01', name: 'Review mail (SMTP)', type: 'smtp' };
const POSTGRES_CREDENTIAL = {
	id: 'kycCasesPostgres01',
	name: 'Cases PostgreSQL',
	type: 'postgres',
};
const PLACEHOLDER = {
	smtp: { host: '::1', port: 1, secure: false, disableStartTls: true, user: '', password: '' },
	postgres: { host: '::1', port: 1, database: 'kyc', user: 'n8n', password: '', ssl: 'allow' },
};

// The suites that own the vendor credentials the examples use; imported here only when they are
// not loaded themselves (KYC_E2E_SUITES=cases-onboarding).
const CREDENTIAL_OWNERS = ['./iluma', './ekycpro-widekyc'];

// The callback to case workflows (examples/case-callbacks*.json) belong to the cases-followup suite;
// published here too when that suite is not loaded (workflow ids are unique per n8n).
const FOLLOWUP = './cases-followup';
const followupLoaded = () => require('.').includes(require(FOLLOWUP));
const callbackWorkflows = () =>
	require(FOLLOWUP)
		.workflows()
		.filter((workflow) =>
			workflow.nodes.some((node) => node.type === 'n8n-nodes-kyc.ilumaTrigger'),
		);
const CALLBACKS_IDS = {
	'Data Tables': loadExampleWorkflow(path.join(EXAMPLES, 'case-callbacks.json')).id,
	PostgreSQL: loadExampleWorkflow(path.join(EXAMPLES, 'case-callbacks-postgres.json')).id,
};

/** The sandbox's registered person (ekycpro reads them from any KTP image). */
const PERSON = { nik: '3201000000000001', given_name: 'BUDI', surname: 'SANTOSO' };

let ktpImage;
const applicant = (ref, changes = {}) => ({
	applicant_ref: ref,
	...PERSON,
	ktp_image: (ktpImage ??= images.jpeg({ width: 800, height: 500 }).toString('base64')),
	...changes,
});
/** A payout bank account (its own per variant: the sandbox answers a recently queried one at once). */
const bankAccount = (variantIndex) => ({
	bank_account_number: `${String(Date.now()).slice(-8)}${variantIndex}7`,
	bank_code: 'BCA',
});
/** On Iluma's CFT watchlist, and not the registry's name for the NIK: referred. */
const WATCHLISTED = { given_name: 'ABDUL', surname: 'AZIZ' };

// An Iluma Trigger elsewhere in this n8n may register its callback URLs at any time: not a check.
const TRIGGER_SETUP = /^\/iluma\/v1\/callback\/urls(\?|$)/;

module.exports = {
	name: 'Case workflows: onboarding, review by email, audit rows, cost report',

	credentials(sandbox) {
		const loaded = require('.');
		const vendors = CREDENTIAL_OWNERS.map((file) => require(file))
			.filter((suite) => !loaded.includes(suite))
			.flatMap((suite) => suite.credentials(sandbox));
		// The vendor credentials the callback workflows name, when this suite publishes them.
		const callbackCredentials = followupLoaded()
			? []
			: [
					...new Map(
						callbackWorkflows()
							.flatMap((workflow) => workflow.nodes)
							.flatMap((node) => Object.entries(node.credentials ?? {}))
							.filter(([type]) => type !== 'postgres')
							.map(([type, { id }]) => [id, credential(sandbox, type, id)]),
					).values(),
				];
		return [
			...vendors,
			...callbackCredentials,
			{ ...SMTP_CREDENTIAL, data: PLACEHOLDER.smtp },
			{ ...POSTGRES_CREDENTIAL, data: PLACEHOLDER.postgres },
		];
	},

	workflows: () => [
		...VARIANTS.flatMap((variant) => [variant.onboarding, variant.report]),
		...(followupLoaded() ? [] : callbackWorkflows()),
	],

	async run(context) {
		const { rest, e2e } = context;
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-cases-'));
		const services = {};
		try {
			services.smtp = await startSmtp();
			services.pg = await casesPostgres({ dir });
			await e2e.updateCredential(rest, { ...SMTP_CREDENTIAL, data: services.smtp.credential });
			await e2e.updateCredential(rest, { ...POSTGRES_CREDENTIAL, data: services.pg.credential });
			for (const variant of VARIANTS) {
				let tables;
				if (variant.name === 'PostgreSQL') tables = postgresStore(services.pg);
				else {
					const store = await dataTables(rest);
					if (rest.major < 2) await pickTablesById(context, variant, store.ids);
					tables = dataTableStore(store);
				}
				await runVariant({ ...context, ...services, variant, tables });
			}
		} finally {
			await Promise.allSettled([services.smtp?.close(), services.pg?.stop()]);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	},
};

/**
 * n8n 1.x's Data Table node finds a table by id only (no "By Name"): point the published examples'
 * Data Table nodes at the tables' ids, as a user picks them from the list there (docs/cases.md).
 */
async function pickTablesById({ rest, e2e, n8n }, variant, ids) {
	console.log(
		`    n8n ${rest.version}: the Data Table nodes get the tables' ids (1.x has no "By Name"), as a user picks them from the list`,
	);
	const callbacks = followupLoaded()
		? []
		: callbackWorkflows().filter((workflow) => workflow.id === CALLBACKS_IDS[variant.name]);
	for (const workflow of [variant.onboarding, variant.report, ...callbacks]) {
		const stored = (await rest.get(`/rest/workflows/${workflow.id}`)).data;
		const nodes = stored.nodes.map((node) =>
			node.type === 'n8n-nodes-base.dataTable'
				? {
						...node,
						parameters: {
							...node.parameters,
							dataTableId: {
								__rl: true,
								mode: 'id',
								value: ids[node.parameters.dataTableId.value],
							},
						},
					}
				: node,
		);
		await rest.patch(`/rest/workflows/${workflow.id}`, { nodes, versionId: stored.versionId });
		if (workflow.nodes.some((node) => node.type === 'n8n-nodes-base.webhook'))
			await e2e.waitForWebhook(`${n8n.url}/webhook/${webhookPathOf(workflow)}`);
	}
}

// --- the two stores, read the same way ----------------------------------------------------------

function dataTableStore(store) {
	return {
		rows: (table, filters) => store.rows(table, filters),
		async setPrices(prices) {
			await store.clear('kyc_prices');
			if (prices.length) await store.insert('kyc_prices', prices);
		},
	};
}

function postgresStore(pg) {
	const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;
	return {
		async rows(table, filters = {}) {
			const where = Object.entries(filters).map(
				([column, value]) => `${column} = ${literal(value)}`,
			);
			return pg.query(
				`SELECT * FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
			);
		},
		async setPrices(prices) {
			const values = prices.map(
				(p) =>
					`(${literal(p.vendor)}, ${literal(p.product)}, ${literal(p.currency)}, ${p.unit_price})`,
			);
			pg.exec(
				`DELETE FROM kyc_prices;${values.length ? ` INSERT INTO kyc_prices VALUES ${values.join(', ')};` : ''}`,
			);
		},
	};
}

// --- checks -------------------------------------------------------------------------------------

const stamp = `${Date.now().toString(36)}`;

async function runVariant(context) {
	const { check, n8n, rest, sandbox, e2e, smtp, variant, tables } = context;
	const { onboarding, report } = variant;
	const hookPath = webhookPathOf(onboarding);
	const prefix = `case-${variant.name === 'PostgreSQL' ? 'pg' : 'dt'}-${stamp}`;
	const refs = {
		approved: `${prefix}-1`,
		approve: `${prefix}-2`,
		decline: `${prefix}-3`,
		bank: `${prefix}-4`,
	};
	const vendorWindows = {};

	/** POSTs an applicant; resolves with the answer and the vendor calls and ledger entries it made. */
	const onboard = async (body) => {
		const requestsBefore = sandbox.requests.length;
		const ledgerBefore = sandbox.ledger.length;
		const answer = await postJson(`${n8n.url}/webhook/${hookPath}`, body);
		assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text.slice(0, 800)}`);
		vendorWindows[body.applicant_ref] = {
			requests: sandbox.requests.slice(requestsBefore).filter((r) => !TRIGGER_SETUP.test(r.path)),
			ledger: sandbox.ledger.slice(ledgerBefore),
		};
		return answer.json;
	};
	const caseRow = async (ref) => {
		const rows = await tables.rows('kyc_cases', { applicant_ref: ref });
		assert.equal(rows.length, 1, `${rows.length} kyc_cases rows for ${ref}`);
		return rows[0];
	};

	await check(
		`${variant.name}: an applicant every check accepts is approved: its case row and its customer row`,
		async () => {
			const body = applicant(refs.approved);
			const answer = await onboard(body);
			assert.deepEqual(answer, { applicant_ref: refs.approved, status: 'approved', reasons: [] });
			const row = await caseRow(refs.approved);
			assert.equal(row.status, 'approved');
			assert.equal(row.decision, 'approved');
			assert.equal(row.reasons || '', '');
			assert.ok(!row.review_decision && !row.reviewer && !row.reviewed_at, JSON.stringify(row));
			assert.ok(
				Date.parse(row.created_at) > 0 && Date.parse(row.updated_at) > 0,
				JSON.stringify(row),
			);
			assert.ok(Date.parse(row.last_screened_at) > 0, 'last_screened_at');
			assert.equal(row.vendors, 'ekycpro,iluma');
			assert.ok(
				!row.iluma_reference && !row.callback_status,
				'no bank account, nothing to call back',
			);
			const customers = await tables.rows('kyc_customers', { applicant_ref: refs.approved });
			assert.deepEqual(
				customers.map((c) => [c.given_name, c.surname]),
				[[PERSON.given_name, PERSON.surname]],
			);
		},
	);

	await check(
		`${variant.name}: the approved applicant’s audit rows: one per vendor call (Read KTP, Verify NIK, CFT screening), billed`,
		async () => {
			const audit = await tables.rows('kyc_audit', { applicant_ref: refs.approved });
			assert.deepEqual(
				audit.map((a) => `${a.node}: ${a.product} ${a.outcome} billed=${a.billed}`).sort(),
				[
					'Read KTP: ekycpro.idCardOcr success billed=true',
					'Screen CFT watchlists: iluma.cftWatchlist success billed=true',
					'Verify NIK: ekycpro.identityCheck success billed=true',
				].sort(),
			);
		},
	);

	const bankGiven = bankAccount(VARIANTS.indexOf(variant));
	await check(
		`${variant.name}: an applicant with a payout bank account: Iluma's bank name validation is not waited for; the case row stores its id as iluma_reference, callback_status 'pending'`,
		async () => {
			// Iluma answers the validation later; the sandbox holds it until the callback check.
			const { completeAfterMs } = await sandbox.vendorControl('iluma', 'configure', {});
			await sandbox.vendorControl('iluma', 'configure', { completeAfterMs: 600_000 });
			let answer;
			try {
				answer = await onboard(applicant(refs.bank, bankGiven));
			} finally {
				await sandbox.vendorControl('iluma', 'configure', { completeAfterMs });
			}
			assert.deepEqual(answer, { applicant_ref: refs.bank, status: 'approved', reasons: [] });
			const row = await caseRow(refs.bank);
			assert.equal(row.status, 'approved');
			assert.match(String(row.iluma_reference), /^bknv_[0-9a-f]{24}$/, JSON.stringify(row));
			assert.equal(row.callback_status, 'pending');
			const validation = await ilumaApi(
				sandbox,
				`/v1.1/identity/bank_account_data_requests/${row.iluma_reference}`,
			);
			assert.equal(validation.status, 'PENDING', JSON.stringify(validation));
			assert.equal(validation.reference_id, refs.bank, 'the validation of this applicant');
			assert.equal(validation.bank_account_number, bankGiven.bank_account_number);
			const audit = await tables.rows('kyc_audit', { applicant_ref: refs.bank });
			assert.deepEqual(
				audit
					.filter((a) => a.product === 'iluma.bankNameValidation')
					.map((a) => [a.node, a.vendor_reference, a.billed, Number(a.calls)]),
				[['Validate bank account', row.iluma_reference, 'true', 1]],
				'one audit row for the validation, one call (no polling)',
			);
			return `iluma_reference ${row.iluma_reference}`;
		},
	);

	for (const [ref, decision] of [
		[refs.approve, 'approved'],
		[refs.decline, 'declined'],
	]) {
		const link = decision === 'approved' ? 'Approve' : 'Decline';
		await check(
			`${variant.name}: a watchlisted applicant is referred, the reviewer gets a mail, follows its ${link} link, and the case row records the review (${decision}, reviewer, time)`,
			async () => {
				const after = await e2e.latestExecutionId(rest, onboarding.id);
				const answer = await onboard(applicant(ref, WATCHLISTED));
				assert.equal(answer.status, 'referred', JSON.stringify(answer));
				assert.ok(
					answer.reasons.some((r) => /^CFT watchlist: \d+ potential match/.test(r)),
					JSON.stringify(answer),
				);
				const waiting = await e2e.lastExecution(rest, onboarding.id, { after });
				assert.equal(waiting.status, 'waiting', `execution ${waiting.id} is ${waiting.status}`);
				const referred = await caseRow(ref);
				assert.equal(referred.status, 'referred');
				assert.equal(referred.decision, 'referred');
				assert.match(referred.reasons, /CFT watchlist: \d+ potential match/);

				const mail = await smtp.waitForMail((m) => m.subject === `KYC review: case ${ref}`);
				assert.deepEqual(mail.to, [REVIEWER]);
				assert.match(mail.html, /CFT watchlist/);
				const links = approvalLinks(mail);
				assert.ok(links.approve && links.decline, `links in the mail: ${JSON.stringify(links)}`);
				const url = new URL(decision === 'approved' ? links.approve : links.decline);
				assert.equal(url.origin, n8n.url, 'the link leads to this n8n');
				assert.match(url.pathname, new RegExp(`^/webhook-waiting/${waiting.id}(/|$)`));
				const clicked = Date.now();
				const page = await fetch(url, { headers: { 'user-agent': BROWSER, accept: 'text/html' } });
				assert.equal(page.status, 200, `GET ${url.pathname}: HTTP ${page.status}`);

				const reviewed = await poll(() => caseRow(ref), {
					what: `case ${ref} to record the review`,
					until: (row) => Boolean(row.review_decision),
					timeoutMs: 60_000,
				});
				assert.equal(reviewed.review_decision, decision);
				assert.equal(reviewed.status, decision);
				assert.equal(reviewed.decision, 'referred', 'the automatic decision stays as it was');
				assert.equal(reviewed.reviewer, REVIEWER);
				const reviewedAt = Date.parse(reviewed.reviewed_at);
				assert.ok(
					reviewedAt >= clicked - 2000 && reviewedAt <= Date.now() + 2000,
					reviewed.reviewed_at,
				);
				const done = await e2e.lastExecution(rest, onboarding.id, { after });
				const finished = await poll(
					async () => (await e2e.executions(rest, onboarding.id)).find((e) => e.id === done.id),
					{ what: `execution ${done.id} to finish`, until: (e) => e && e.status === 'success' },
				);
				assert.equal(finished.status, 'success');
			},
		);
	}

	await check(
		`${variant.name}: every billed call has exactly one audit row, and the audit rows’ calls are the HTTP calls the vendors received`,
		async () => {
			const lines = [];
			for (const ref of Object.values(refs)) {
				const window = vendorWindows[ref];
				assert.ok(window, `${ref} did not run`);
				const audit = await tables.rows('kyc_audit', { applicant_ref: ref });
				const billedInLedger = window.ledger
					.filter((e) => e.billed)
					.map((e) => e.product)
					.sort();
				const billedInAudit = audit
					.filter((a) => a.billed === 'true')
					.map((a) => a.product)
					.sort();
				assert.deepEqual(billedInAudit, billedInLedger, `${ref}: billed products, audit vs ledger`);
				for (const entry of window.ledger.filter((e) => !e.billed))
					assert.ok(
						audit.some((a) => a.product === entry.product && a.billed !== 'true'),
						`${ref}: the ledger's unbilled ${entry.product} call has no unbilled audit row`,
					);
				const callsByVendor = {};
				for (const a of audit) {
					assert.ok(
						Number(a.calls) >= 1,
						`${ref}: an audit row without a call: ${JSON.stringify(a)}`,
					);
					callsByVendor[a.vendor] = (callsByVendor[a.vendor] ?? 0) + Number(a.calls);
				}
				const requestsByVendor = {};
				for (const r of window.requests) {
					const vendor = r.vendor.toLowerCase();
					requestsByVendor[vendor] = (requestsByVendor[vendor] ?? 0) + 1;
				}
				assert.deepEqual(
					callsByVendor,
					requestsByVendor,
					`${ref}: HTTP calls per vendor, audit vs sandbox`,
				);
				for (const a of audit) {
					assert.equal(a.workflow_id, onboarding.id);
					assert.ok(a.execution_id, 'execution_id');
					assert.ok(Date.parse(a.started_at) > 0, 'started_at');
				}
				lines.push(`${ref}: ${audit.length} audit rows, ${billedInLedger.length} billed`);
			}
			return lines.join('; ');
		},
	);

	await check(
		`${variant.name}: Iluma calls back for the bank validation: the sandbox delivers it to the published case-callbacks workflow, which finds the case by iluma_reference and updates callback_status and updated_at`,
		async () => {
			const pending = await caseRow(refs.bank);
			assert.equal(
				pending.callback_status,
				'pending',
				`no Iluma request pending on the case (iluma_reference ${pending.iluma_reference})`,
			);
			const callbacksId = CALLBACKS_IDS[variant.name];
			const trigger = loadExampleWorkflow(
				path.join(
					EXAMPLES,
					variant.name === 'PostgreSQL' ? 'case-callbacks-postgres.json' : 'case-callbacks.json',
				),
			).nodes.find((node) => node.type === 'n8n-nodes-kyc.ilumaTrigger');
			const url = `${n8n.url}/webhook/${trigger.webhookId}/webhook`;
			// The team registers its callback URL for bank validations in Iluma's dashboard (the
			// example's trigger leaves registration off); the previous registration is put back after.
			const type = 'NAME_VALIDATOR_REQUEST';
			const previous = (await ilumaApi(sandbox, '/v1/callback/urls')).data.find(
				(e) => e.type === type,
			);
			await ilumaApi(sandbox, '/v1/callback/urls', { method: 'POST', body: { type, url } });
			try {
				const after = await e2e.latestExecutionId(rest, callbacksId);
				await sandbox.vendorControl('iluma', 'complete', { id: pending.iluma_reference });
				const updated = await poll(() => caseRow(refs.bank), {
					what: `case ${refs.bank} to record Iluma's callback`,
					until: (row) => row.callback_status !== 'pending',
					timeoutMs: 60_000,
				});
				assert.equal(updated.callback_status, 'COMPLETED', JSON.stringify(updated));
				assert.ok(
					Date.parse(updated.updated_at) > Date.parse(pending.updated_at),
					`updated_at ${pending.updated_at} -> ${updated.updated_at}`,
				);
				assert.equal(updated.iluma_reference, pending.iluma_reference);
				assert.equal(updated.status, 'approved', 'the callback does not decide the case');
				const sent = (await sandbox.vendorControl('iluma', 'callbacks')).filter(
					(c) => c.id === pending.iluma_reference,
				);
				assert.deepEqual(
					sent.map((c) => [c.type, c.url, c.status]),
					[[type, url, 200]],
				);
				const run = await e2e.lastExecution(rest, callbacksId, { after });
				assert.equal(run.status, 'success', `execution ${run.id} is ${run.status}`);
				assert.ok(run.runData['Update case'], `execution ${run.id} did not update the case`);
				assert.ok(!run.runData['Record unknown callback'], 'recorded as an unknown callback');
				return `execution ${run.id}: callback_status ${updated.callback_status}`;
			} finally {
				if (previous)
					await ilumaApi(sandbox, '/v1/callback/urls', {
						method: 'POST',
						body: { type, url: previous.url },
					});
				else await ilumaApi(sandbox, `/v1/callback/urls/${type}`, { method: 'DELETE' });
			}
		},
	);

	await check(
		`${variant.name}: Privacy on: no NIK, name or image in any kyc_cases or kyc_audit row`,
		async () => {
			const rows = [];
			for (const ref of Object.values(refs))
				for (const table of ['kyc_cases', 'kyc_audit'])
					rows.push(
						...(await tables.rows(table, { applicant_ref: ref })).map((row) => [table, row]),
					);
			const forbidden = [
				...nikForms(PERSON.nik).map(({ text }) => ['the NIK', text]),
				...[PERSON.given_name, PERSON.surname, WATCHLISTED.given_name, WATCHLISTED.surname].map(
					(name) => ['a name given', name.toLowerCase()],
				),
				['the KTP image', ktpImage.slice(100, 140)],
			];
			for (const [table, row] of rows) {
				const text = Object.values(row).map(String).join(' | ').toLowerCase();
				assert.ok(!/(?<!\d)\d{16}(?!\d)/.test(text), `${table}: a 16-digit number in ${ref(row)}`);
				for (const [what, value] of forbidden)
					assert.ok(
						!text.includes(String(value).toLowerCase()),
						`${table}: ${what} in the row of ${ref(row)}`,
					);
			}
			return `${rows.length} rows scanned`;
		},
	);

	const reportPath = webhookPathOf(report);
	const getReport = async () => {
		const response = await fetch(`${n8n.url}/webhook/${reportPath}`, {
			method: 'POST',
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		assert.equal(response.status, 200, `HTTP ${response.status}: ${text.slice(0, 500)}`);
		const parsed = JSON.parse(text);
		return (Array.isArray(parsed) ? parsed : [parsed]).filter((row) => row && row.vendor);
	};
	/** The audit rows counted per day, vendor and product, as the report must show them. */
	const expectedCounts = async () => {
		const groups = new Map();
		for (const a of await tables.rows('kyc_audit')) {
			const day = new Date(a.started_at).toISOString().slice(0, 10);
			const key = `${day} ${a.vendor} ${a.product}`;
			const g = groups.get(key) ?? {
				day,
				vendor: a.vendor,
				product: a.product,
				records: 0,
				billed: 0,
				maybe: 0,
			};
			g.records += 1;
			if (a.billed === 'true') g.billed += 1;
			if (a.billed === 'maybe') g.maybe += 1;
			groups.set(key, g);
		}
		return groups;
	};
	const counted = (rows) =>
		new Map(
			rows.map((r) => [
				`${r.day} ${r.vendor} ${r.product}`,
				{
					day: r.day,
					vendor: r.vendor,
					product: r.product,
					records: r.records,
					billed: r.billed,
					maybe: r.maybe,
				},
			]),
		);

	await check(
		`${variant.name}: cost report with the price table empty: the audit rows per day, vendor and product, no price and no cost`,
		async () => {
			await tables.setPrices([]);
			const rows = await getReport();
			const expected = await expectedCounts();
			assert.ok(expected.size > 0, 'no audit rows to report');
			assert.deepEqual(counted(rows), expected);
			for (const row of rows) {
				assert.equal(row.unit_price, null, JSON.stringify(row));
				assert.equal(row.cost, null, JSON.stringify(row));
			}
			return `${rows.length} report rows`;
		},
	);

	await check(
		`${variant.name}: cost report with prices filled: count × unit price per day, vendor and product, matching the audit rows`,
		async () => {
			const expected = await expectedCounts();
			assert.ok(expected.size > 0, 'no audit rows to report');
			const products = [
				...new Set([...expected.values()].map((g) => `${g.vendor} ${g.product}`)),
			].sort();
			// Every product but the last gets a price; the last shows what a missing price looks like.
			const prices = products.slice(0, -1).map((key, i) => {
				const [vendor, product] = key.split(' ');
				return { vendor, product, currency: 'IDR', unit_price: 1000 * (i + 1) + 250 };
			});
			await tables.setPrices(prices);
			const rows = await getReport();
			assert.deepEqual(counted(rows), expected);
			for (const row of rows) {
				const price = prices.find((p) => p.vendor === row.vendor && p.product === row.product);
				const what = JSON.stringify(row);
				assert.equal(row.unit_price, price ? price.unit_price : null, what);
				assert.equal(row.currency, price ? 'IDR' : null, what);
				assert.equal(row.cost, price ? row.billed * price.unit_price : null, what);
				assert.equal(row.maybe_cost, price ? row.maybe * price.unit_price : null, what);
			}
			return `${rows.length} report rows, ${prices.length} priced`;
		},
	);
}

const ref = (row) => row.applicant_ref;

/** A call to the sandbox's Iluma API with its development key, as a team's own script would make. */
async function ilumaApi(sandbox, route, { method = 'GET', body } = {}) {
	const auth = Buffer.from(`${sandbox.keys.iluma.apiKey}:`).toString('base64');
	const response = await fetch(`${sandbox.baseUrls.iluma}${route}`, {
		method,
		headers: {
			authorization: `Basic ${auth}`,
			...(body ? { 'content-type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	assert.ok(response.ok, `${method} ${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : {};
}
