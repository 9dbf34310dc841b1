'use strict';

// `npm run demo -- --cases` (scripts/demo.js calls showCases): the case workflows of docs/cases.md in
// the demo's n8n, on its n8n Data Tables. One applicant onboarded to approval and one to referral
// (examples/case-onboarding.json); the referral approved as a reviewer would, by the link in the
// review mail (an SMTP server on loopback receives it); the watchlist re-screening
// (examples/case-rescreening.json) run twice, the second time after the sandbox has added a
// watchlist entry; then the case table and the cost report (examples/case-cost-report.json).

const fs = require('node:fs');
const path = require('node:path');

const e2e = require('../test/e2e/n8n');
const { dataTables } = require('../test/e2e/cases/tables');
const { startSmtp, approvalLinks } = require('../test/e2e/cases/smtp');
const images = require('../test/fixtures/images');

const EXAMPLES = path.resolve(__dirname, '..', 'examples');
const example = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));

const SMTP_CREDENTIAL = { id: 'kycCasesSmtp01', name: 'Review mail (SMTP)', type: 'smtp' };
const CASE_TABLES = ['kyc_cases', 'kyc_customers', 'kyc_audit', 'kyc_callback_errors'];
/** Demo prices (IDR per call), not the vendors' own: kyc_prices ships empty for yours. */
const PRICES = [
	['ekycpro', 'ekycpro.idCardOcr', 2500],
	['ekycpro', 'ekycpro.identityCheck', 1500],
	['iluma', 'iluma.cftWatchlist', 1000],
	['iluma', 'iluma.ktpNameValidation', 2000],
	['widekyc', 'widekyc.idRecognize', 2500],
].map(([vendor, product, unit_price]) => ({ vendor, product, currency: 'IDR', unit_price }));
/** The sandbox's registered person (approved), and a name on Iluma's CFT watchlist (referred). */
const APPROVED = { nik: '3201000000000001', given_name: 'BUDI', surname: 'SANTOSO' };
const WATCHLISTED = { ...APPROVED, given_name: 'ABDUL', surname: 'AZIZ' };
const NEW_ENTRY = { name: 'BUDI SANTOSO', origin: 'DTTOT', country_code: 'ID' };
// n8n's Send and Wait ignores link previewers and bots: the link is followed as a browser does.
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const webhookOf = (workflow) =>
	workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook').parameters;
const triggerName = (workflow) =>
	workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger').name;

/** Rows as aligned text: a header line and one line per row, long values cut. */
function printTable(title, rows, columns) {
	const cell = (value) => {
		const text = value === null || value === undefined ? '' : String(value);
		return text.length > 72 ? `${text.slice(0, 71)}…` : text;
	};
	const widths = columns.map((column) =>
		Math.max(column.length, ...rows.map((row) => cell(row[column]).length)),
	);
	const line = (values) =>
		`  ${values.map((value, i) => value.padEnd(widths[i])).join('  ')}`.trimEnd();
	console.log(`\n${title}`);
	console.log(line(columns));
	for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}

async function poll(read, until, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (until(value)) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/**
 * Runs the case part of the demo in a running n8n whose examples are published. `step` prints one
 * progress line. Resolves with true when every step came out as it should.
 */
async function showCases({ n8n, rest, sandbox, step }) {
	const onboarding = example('case-onboarding.json');
	const rescreening = example('case-rescreening.json');
	const report = example('case-cost-report.json');
	const smtp = await startSmtp();
	try {
		await e2e.updateCredential(rest, { ...SMTP_CREDENTIAL, data: smtp.credential });
		const tables = await dataTables(rest);
		for (const table of [...CASE_TABLES, 'kyc_prices']) await tables.clear(table);
		await tables.insert('kyc_prices', PRICES);
		await sandbox.vendorControl('iluma', 'watchlist', { reset: true });
		step(
			`cases: n8n Data Tables ${Object.keys(tables.ids).join(', ')} ready (kyc_prices filled with demo prices); review mail goes to SMTP on 127.0.0.1:${smtp.credential.port}`,
		);

		const onboardingUrl = `${n8n.url}/webhook/${webhookOf(onboarding).path}`;
		const stamp = Date.now().toString(36);
		const ktp_image = images.jpeg({ width: 800, height: 500 }).toString('base64');
		const onboard = async (applicant_ref, person) => {
			const response = await fetch(onboardingUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ applicant_ref, ...person, ktp_image }),
				signal: AbortSignal.timeout(120_000),
			});
			const text = await response.text();
			if (response.status !== 200)
				throw new Error(`onboarding answered HTTP ${response.status}: ${text.slice(0, 300)}`);
			const answer = JSON.parse(text);
			const reasons = [answer.reasons ?? []].flat().join('; ');
			step(`  ${applicant_ref}: ${answer.status}${reasons ? ` (${reasons})` : ''}`);
			return answer;
		};
		step(`POST ${onboardingUrl}  (two applicants: KTP photo, NIK, name)`);
		const approved = await onboard(`case-${stamp}-1`, APPROVED);
		const referred = await onboard(`case-${stamp}-2`, WATCHLISTED);
		let ok = approved.status === 'approved' && referred.status === 'referred';

		const mail = await smtp.waitForMail(referred.applicant_ref, { timeoutMs: 60_000 });
		const { approve } = approvalLinks(mail);
		step(
			`review mail to ${mail.to.join(', ')}: "${mail.subject}"; the reviewer follows its Approve link:`,
		);
		console.log(`  GET ${approve}`);
		const page = await fetch(approve, { headers: { 'user-agent': BROWSER, accept: 'text/html' } });
		await page.text();
		const reviewed = await poll(
			async () => (await tables.rows('kyc_cases', { applicant_ref: referred.applicant_ref }))[0],
			(row) => row?.review_decision,
			'the case row to record the review',
		);
		step(
			`  HTTP ${page.status}; ${reviewed.applicant_ref} is now ${reviewed.status} (review_decision ${reviewed.review_decision} by ${reviewed.reviewer})`,
		);
		ok &&= reviewed.status === 'approved';

		const rescreen = async (label) => {
			const before = await e2e.latestExecutionId(rest, rescreening.id);
			await e2e.runManually(rest, rescreening.id, triggerName(rescreening));
			const run = await e2e.lastExecution(rest, rescreening.id, {
				after: before,
				timeoutMs: 90_000,
			});
			const screened = run.runData['Screen CFT watchlists']?.[0]?.data?.main?.[0] ?? [];
			const opened = run.runData['Open a review']?.[0]?.data?.main?.[0] ?? [];
			step(
				`  ${label}: execution ${run.id} ${run.status}, ${screened.length} approved case(s) screened, ${opened.length} new match(es) → ${opened.length ? opened.map((item) => `${item.json.applicant_ref} referred`).join(', ') : 'no review'}`,
			);
			return { run, opened };
		};
		step(
			`re-screening (${rescreening.name}), run through n8n's REST API as "Execute workflow" does:`,
		);
		const first = await rescreen('first run');
		const { added } = await sandbox.vendorControl('iluma', 'watchlist', { entry: NEW_ENTRY });
		step(`  the sandbox adds a watchlist entry: ${added.pid} ${added.name}`);
		const second = await rescreen('second run');
		ok &&=
			first.run.status === 'success' &&
			first.opened.length === 0 &&
			second.run.status === 'success' &&
			second.opened.length === 1;

		const cases = (await tables.rows('kyc_cases')).sort((a, b) =>
			a.applicant_ref.localeCompare(b.applicant_ref),
		);
		printTable('Case table (kyc_cases):', cases, [
			'applicant_ref',
			'status',
			'decision',
			'reasons',
			'review_decision',
			'reviewer',
			'known_match_ids',
			'vendors',
		]);

		const hook = webhookOf(report);
		const answer = await fetch(`${n8n.url}/webhook/${hook.path}`, {
			method: hook.httpMethod || 'GET',
			signal: AbortSignal.timeout(60_000),
		});
		const rows = [await answer.json()].flat().filter((row) => row && row.vendor);
		const columns = rows.length ? Object.keys(rows[0]) : ['day', 'vendor', 'product'];
		printTable(`Cost report (${report.name}):`, rows, columns);
		return ok;
	} finally {
		await sandbox.vendorControl('iluma', 'watchlist', { reset: true }).catch(() => {});
		await smtp.close();
	}
}

module.exports = { showCases };
