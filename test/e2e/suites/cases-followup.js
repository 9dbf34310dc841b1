'use strict';

// e2e suite: the case workflows that follow onboarding (docs/cases.md), in both variants (n8n Data
// Tables and PostgreSQL). Case rows are seeded straight into the tables (this suite does not depend
// on the onboarding workflow). Callback to case: an Iluma callback and an Argos webhook for known
// references update their cases; an unknown reference of each vendor lands in kyc_callback_errors.
// Watchlist re-screening: the Schedule Trigger workflow, run twice through n8n's REST API (as the
// editor's "Execute workflow" does), with the sandbox adding a watchlist entry between the runs:
// the second run refers only the case whose name now matches; the others keep their status.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { poll } = require('../../poll');
const { dataTables, casesPostgres } = require('../cases/tables');
const { credential, credentialRef } = require('../sandbox-credentials');

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');
const ILUMA_CREDENTIAL = 'kycCasesIlumaCred';
const ARGOS_CREDENTIAL = 'kycCasesArgosCred';
const POSTGRES_CREDENTIAL = {
	id: 'kycCasesPostgres01',
	name: 'Cases PostgreSQL',
	type: 'postgres',
};
const CASE_TABLES = ['kyc_cases', 'kyc_customers', 'kyc_audit', 'kyc_callback_errors'];

/** An example as this suite runs it: its own sandbox credentials; Argos's webhooks come from 127.0.0.1 here. */
function load(file) {
	const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials?.ilumaApi) node.credentials = credentialRef('ilumaApi', ILUMA_CREDENTIAL);
		if (node.credentials?.argosIdApi)
			node.credentials = credentialRef('argosIdApi', ARGOS_CREDENTIAL);
		if (node.type === 'n8n-nodes-kyc.argosIdTrigger')
			node.parameters.allowedIps = `${node.parameters.allowedIps}, 127.0.0.1`;
	}
	return workflow;
}

const VARIANTS = [
	{
		label: 'Data Tables',
		prefix: 'cf-dt',
		callbacks: load('case-callbacks.json'),
		rescreening: load('case-rescreening.json'),
	},
	{
		label: 'PostgreSQL',
		prefix: 'cf-pg',
		callbacks: load('case-callbacks-postgres.json'),
		rescreening: load('case-rescreening-postgres.json'),
	},
];

const triggerUrl = (n8n, workflow, type) =>
	`${n8n.url}/webhook/${workflow.nodes.find((node) => node.type === type).webhookId}/webhook`;
const scheduleTrigger = (workflow) =>
	workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger').name;

/** The Data Tables as the suite's checks read and write them. */
function tableStore(tables) {
	return {
		rows: (table) => tables.rows(table),
		insert: (table, rows) => tables.insert(table, rows),
		clear: async () => {
			for (const table of CASE_TABLES) await tables.clear(table);
		},
	};
}

const literal = (value) =>
	value === null || value === undefined ? 'NULL' : `'${String(value).replace(/'/g, "''")}'`;

/** The PostgreSQL tables, through psql. */
function postgresStore(pg) {
	return {
		rows: async (table) => pg.query(`SELECT * FROM ${table}`),
		insert: async (table, rows) => {
			for (const row of rows) {
				const columns = Object.keys(row);
				pg.exec(
					`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => literal(row[c])).join(', ')});`,
				);
			}
		},
		clear: async () => pg.exec(`TRUNCATE ${CASE_TABLES.join(', ')};`),
	};
}

/**
 * n8n 1.x's Data Table node has no "By Name" table selection (2.x has): there the suite points each
 * Data Table node at its table's id instead, as a user picking the table from the list would.
 */
async function useTableIds(rest, workflowId, ids) {
	const route = `/rest/workflows/${workflowId}`;
	const stored = (await rest.get(route)).data;
	for (const node of stored.nodes) {
		const locator = node.parameters?.dataTableId;
		if (node.type !== 'n8n-nodes-base.dataTable' || locator?.mode !== 'name') continue;
		node.parameters.dataTableId = {
			__rl: true,
			mode: 'list',
			value: String(ids[locator.value]),
			cachedResultName: locator.value,
		};
	}
	await rest.patch(route, { nodes: stored.nodes, versionId: stored.versionId });
}

/** Waits for one execution to end and returns it with its run data (`{ status, runData, error }`). */
async function ended(rest, e2e, executionId) {
	await poll(async () => (await rest.get(`/rest/executions/${executionId}`)).data, {
		what: `execution ${executionId} to end`,
		until: (execution) => e2e.isFinished(execution),
		show: (execution) => `status ${execution.status}`,
		timeoutMs: 90_000,
	});
	const { workflowId } = (await rest.get(`/rest/executions/${executionId}`)).data;
	const run = await e2e.lastExecution(rest, workflowId, { after: Number(executionId) - 1 });
	assert.equal(run.id, String(executionId), `the newest execution is ${run.id}`);
	return run;
}

/** The applicant's row of a table, or undefined. */
const rowOf = (rows, ref) => rows.find((row) => row.applicant_ref === ref);

/** Names this suite puts in kyc_customers: none may appear in kyc_cases or kyc_audit. */
const CUSTOMERS = [
	// [suffix, given_name, surname, known_match_ids before the first run]
	['clear', 'Budi', 'Santoso', ''],
	['new-match', 'Fira', 'Diyanka', ''],
	['known-match', 'Ayman', '', 'dttot_77'],
];
const NEW_ENTRY = { name: 'FIRA DIYANKA PUTRI', origin: 'DTTOT', country_code: 'ID' };

module.exports = {
	name: 'Case callbacks and watchlist re-screening (Data Tables and PostgreSQL)',

	credentials(sandbox) {
		// The PostgreSQL credential is the one the onboarding examples use too: imported once, by
		// whichever case suite runs (a placeholder until run() has started PostgreSQL and knows its
		// port; every value is short, as the canary takes a credential's values of 6 or more
		// characters for secrets to look for in every execution).
		const others = require('.').filter((suite) => suite !== module.exports);
		const imported = others.some((suite) =>
			suite.credentials(sandbox).some((c) => c.id === POSTGRES_CREDENTIAL.id),
		);
		return [
			credential(sandbox, 'ilumaApi', ILUMA_CREDENTIAL),
			credential(sandbox, 'argosIdApi', ARGOS_CREDENTIAL),
			...(imported
				? []
				: [
						{
							...POSTGRES_CREDENTIAL,
							data: { host: '::1', port: 1, database: 'none', user: 'none' },
						},
					]),
		];
	},

	workflows: () => VARIANTS.flatMap((variant) => [variant.callbacks, variant.rescreening]),

	async run({ check, n8n, rest, sandbox, e2e }) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-cases-followup-'));
		let pg;
		try {
			let tables;
			await check(
				'the case tables exist as n8n Data Tables (REST) and in a PostgreSQL started for this suite',
				async () => {
					tables = await dataTables(rest);
					pg = await casesPostgres({ dir });
					await e2e.updateCredential(rest, { ...POSTGRES_CREDENTIAL, data: pg.credential });
					if (rest.major < 2) {
						const [{ callbacks, rescreening }] = VARIANTS; // the Data Tables variant
						for (const workflow of [callbacks, rescreening])
							await useTableIds(rest, workflow.id, tables.ids);
						return "n8n 1.x: the Data Table nodes point at the tables' ids (1.x has no By Name)";
					}
				},
			);
			if (!tables || !pg) return;
			VARIANTS[0].store = tableStore(tables);
			VARIANTS[1].store = postgresStore(pg);
			await sandbox.vendorControl('argos', 'webhookSettings', { encryption: 'gcm' });
			for (const variant of VARIANTS) await runVariant({ variant, check, n8n, rest, sandbox, e2e });
		} finally {
			await sandbox.vendorControl('iluma', 'watchlist', { reset: true }).catch(() => {});
			for (const variant of VARIANTS) await variant.store?.clear().catch(() => {});
			await pg?.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	},
};

async function runVariant({ variant, check, n8n, rest, sandbox, e2e }) {
	const { label, prefix, store, callbacks, rescreening } = variant;
	const ref = (suffix) => `${prefix}-${suffix}`;
	await store.clear();
	await sandbox.vendorControl('iluma', 'watchlist', { reset: true });

	// -- Callback to case
	const ilumaId = (
		await sandbox.vendorControl('iluma', 'seed', {
			product: 'id_card_ocr',
			reference_id: ref('iluma'),
		})
	).ids[0];
	const argosId = (await sandbox.vendorControl('argos', 'seed', { count: 1 })).ids[0];
	const seededAt = '2026-01-01T00:00:00.000Z';
	const seeded = (suffix, fields) => ({
		applicant_ref: ref(suffix),
		status: 'approved',
		decision: 'approved',
		reasons: '',
		vendors: 'iluma',
		created_at: seededAt,
		updated_at: seededAt,
		...fields,
	});
	await store.insert('kyc_cases', [
		seeded('iluma', { iluma_reference: ilumaId }),
		seeded('argos', { vendors: 'argos', argos_submission_id: argosId }),
	]);

	const fire = async (what, send) => {
		const before = await e2e.latestExecutionId(rest, callbacks.id);
		const answer = await send();
		assert.equal(answer.status, 200, `${what}: HTTP ${answer.status} ${answer.text ?? ''}`);
		const run = await e2e.lastExecution(rest, callbacks.id, { after: before });
		assert.equal(run.status, 'success', JSON.stringify(run.error));
		return run;
	};
	const ilumaUrl = triggerUrl(n8n, callbacks, 'n8n-nodes-kyc.ilumaTrigger');
	const argosUrl = triggerUrl(n8n, callbacks, 'n8n-nodes-kyc.argosIdTrigger');

	await check(
		`${label}: an Iluma callback for the case's iluma_reference updates that case (callback_status, updated_at) and adds its audit row`,
		async () => {
			await fire('Iluma callback', () =>
				sandbox.vendorControl('iluma', 'sendCallback', {
					product: 'id_card_ocr',
					id: ilumaId,
					url: ilumaUrl,
				}),
			);
			const cases = await store.rows('kyc_cases');
			const updated = rowOf(cases, ref('iluma'));
			assert.equal(updated.callback_status, 'COMPLETED', JSON.stringify(updated));
			assert.ok(Date.parse(updated.updated_at) > Date.parse(seededAt), updated.updated_at);
			assert.equal(rowOf(cases, ref('argos')).callback_status, null);
			const audit = (await store.rows('kyc_audit')).filter(
				(row) => row.applicant_ref === ref('iluma'),
			);
			assert.deepEqual(
				audit.map((row) => [
					row.vendor,
					row.product,
					row.operation,
					row.vendor_reference,
					row.billed,
				]),
				[['iluma', 'iluma.callback', 'callback.idCardOcr', ilumaId, 'false']],
			);
			assert.equal((await store.rows('kyc_callback_errors')).length, 0);
		},
	);

	await check(
		`${label}: an Argos webhook (GCM) for the case's argos_submission_id updates that case`,
		async () => {
			await fire('Argos webhook', () =>
				sandbox.vendorControl('argos', 'sendWebhook', {
					event: 'approved',
					submissionId: argosId,
					url: argosUrl,
				}),
			);
			const updated = rowOf(await store.rows('kyc_cases'), ref('argos'));
			assert.equal(updated.callback_status, 'approved', JSON.stringify(updated));
			const audit = (await store.rows('kyc_audit')).filter(
				(row) => row.applicant_ref === ref('argos'),
			);
			assert.deepEqual(
				audit.map((row) => [row.vendor, row.operation, row.vendor_reference]),
				[['argos', 'callback.approved', argosId]],
			);
		},
	);

	await check(
		`${label}: callbacks for unknown references land in kyc_callback_errors, no case changes`,
		async () => {
			const casesBefore = await store.rows('kyc_cases');
			const iluma = await fire('unknown Iluma callback', () =>
				sandbox.vendorControl('iluma', 'sendCallback', { product: 'id_card_ocr', url: ilumaUrl }),
			);
			const argos = await fire('unknown Argos webhook', () =>
				sandbox.vendorControl('argos', 'sendWebhook', { event: 'rejected', url: argosUrl }),
			);
			for (const run of [iluma, argos]) {
				assert.ok(run.runData['Record unknown callback'], `${run.id} did not record the callback`);
				assert.equal(run.runData['Update case'], undefined, `${run.id} updated a case`);
			}
			const errors = await store.rows('kyc_callback_errors');
			assert.deepEqual(
				errors.map((row) => [row.vendor, row.event, row.reason]).sort(),
				[
					['argos', 'rejected', 'no case has this argos_submission_id'],
					['iluma', 'idCardOcr', 'no case has this iluma_reference'],
				],
				JSON.stringify(errors),
			);
			for (const row of errors) {
				assert.ok(row.vendor_reference, JSON.stringify(row));
				assert.ok(!Number.isNaN(Date.parse(row.received_at)), JSON.stringify(row));
			}
			assert.deepEqual(await store.rows('kyc_cases'), casesBefore);
		},
	);

	// -- Watchlist re-screening
	await store.insert(
		'kyc_customers',
		CUSTOMERS.map(([suffix, given_name, surname]) => ({
			applicant_ref: ref(suffix),
			given_name,
			surname,
		})),
	);
	await store.insert('kyc_cases', [
		...CUSTOMERS.map(([suffix, , , known]) => seeded(suffix, { known_match_ids: known })),
		// Not approved: never screened again.
		seeded('declined', { status: 'declined', decision: 'declined' }),
	]);
	await store.insert('kyc_customers', [
		{ applicant_ref: ref('declined'), given_name: 'Fira', surname: 'Diyanka' },
	]);
	const screened = CUSTOMERS.map(([suffix]) => ref(suffix));
	const rescreen = async () => {
		const ledgerBefore = sandbox.ledger.length;
		const run = await ended(
			rest,
			e2e,
			await e2e.runManually(rest, rescreening.id, scheduleTrigger(rescreening)),
		);
		assert.equal(run.status, 'success', JSON.stringify(run.error));
		const cft = sandbox.ledger
			.slice(ledgerBefore)
			.filter(
				(entry) => entry.product === 'iluma.cftWatchlist' || entry.product === 'cftWatchlist',
			);
		return { run, cft };
	};

	let first;
	await check(
		`${label}: the first re-screening screens the ${screened.length} approved cases, refers none (the known match stays known) and stores their match ids`,
		async () => {
			const { run, cft } = await rescreen();
			const items = Object.fromEntries(
				Object.entries(run.runData).map(([node, tasks]) => [
					node,
					tasks[0]?.data?.main?.[0]?.length,
				]),
			);
			assert.equal(
				cft.length,
				screened.length,
				`CFT calls billed; items per node ${JSON.stringify(items)}`,
			);
			const summaries = run.runData['Screen CFT watchlists'][0].data.main[0].map((i) => i.json);
			assert.deepEqual(
				summaries.map((s) => s.hasNewMatches),
				screened.map(() => false),
			);
			const cases = await store.rows('kyc_cases');
			first = cases;
			for (const applicant of screened) {
				const row = rowOf(cases, applicant);
				assert.equal(row.status, 'approved', JSON.stringify(row));
				assert.ok(!Number.isNaN(Date.parse(row.last_screened_at)), JSON.stringify(row));
			}
			assert.equal(rowOf(cases, ref('known-match')).known_match_ids, 'dttot_77');
			assert.equal(rowOf(cases, ref('new-match')).known_match_ids ?? '', '');
			assert.equal(rowOf(cases, ref('declined')).last_screened_at, null);
			const audit = (await store.rows('kyc_audit')).filter((row) =>
				screened.includes(row.applicant_ref),
			);
			assert.equal(audit.length, screened.length, JSON.stringify(audit));
			assert.ok(
				audit.every((row) => row.product === 'iluma.cftWatchlist' && row.billed === 'true'),
				JSON.stringify(audit),
			);
		},
	);

	await check(
		`${label}: after the sandbox adds a watchlist entry, the second re-screening refers ONLY the case it matches, with the new pid as reason and in known_match_ids`,
		async () => {
			const { added } = await sandbox.vendorControl('iluma', 'watchlist', { entry: NEW_ENTRY });
			const { run } = await rescreen();
			assert.equal(run.runData['Open a review'][0].data.main[0].length, 1);
			const cases = await store.rows('kyc_cases');
			const referred = cases.filter((row) => row.status === 'referred');
			assert.deepEqual(
				referred.map((row) => row.applicant_ref),
				[ref('new-match')],
			);
			const [row] = referred;
			assert.match(row.reasons, new RegExp(`new watchlist match ${added.pid}`));
			assert.equal(row.known_match_ids, added.pid);
			for (const other of [ref('clear'), ref('known-match'), ref('declined')]) {
				const now = rowOf(cases, other);
				const before = rowOf(first, other);
				assert.equal(now.status, before.status, other);
				assert.equal(now.known_match_ids ?? '', before.known_match_ids ?? '', other);
			}
		},
	);

	await check(
		`${label}: no name from kyc_customers in any kyc_cases or kyc_audit row`,
		async () => {
			const text = JSON.stringify([
				await store.rows('kyc_cases'),
				await store.rows('kyc_audit'),
			]).toUpperCase();
			for (const [, given, surname] of CUSTOMERS) {
				for (const name of [given, surname].filter(Boolean))
					assert.ok(!text.includes(name.toUpperCase()), `${name} found`);
			}
		},
	);
}
