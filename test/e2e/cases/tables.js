'use strict';

// The case tables (docs/cases.md) in the two places the case workflows keep them, for e2e suites
// and the demo. API:
//
//   TABLES                      { kyc_cases: [{ name, type }], ... }: the Data Tables' columns (the
//                               same names as examples/sql/cases.sql)
//   await dataTables(rest)      creates the five tables in a running n8n through its REST API
//                               (POST /rest/projects/:projectId/data-tables in the owner's personal
//                               project; an existing table of that name is reused), and returns
//                               { ids, rows(table, filters?), insert(table, rows), clear(table) }:
//                               rows() reads every row (filters: { column: value } equalities),
//                               n8n's own columns id/createdAt/updatedAt included.
//                               The workflows find the tables by name (Data Table node's "By Name").
//   await casesPostgres({ dir }) starts a throwaway PostgreSQL as test/queue/services.js does
//                               (free port, `dir` for its files), creates the tables from
//                               examples/sql/cases.sql, and returns { port, credential (the data of
//                               an n8n `postgres` credential), query(select) -> rows, exec(sql),
//                               stop() }. Both run through psql (no `pg` client here).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { startPostgres } = require('../../queue/services');
const { ensure } = require('../../systemTools');
const { freePort } = require('../n8n');

const SQL_FILE = path.resolve(__dirname, '..', '..', '..', 'examples', 'sql', 'cases.sql');

const text = (...names) => names.map((name) => ({ name, type: 'string' }));
const number = (...names) => names.map((name) => ({ name, type: 'number' }));

/** Timestamps are ISO 8601 text in Data Tables (timestamptz in PostgreSQL). */
const TABLES = Object.freeze({
	kyc_customers: text('applicant_ref', 'given_name', 'surname'),
	kyc_cases: text(
		'applicant_ref',
		'status',
		'decision',
		'reasons',
		'vendors',
		'reviewer',
		'reviewed_at',
		'review_decision',
		'iluma_reference',
		'argos_submission_id',
		'callback_status',
		'known_match_ids',
		'last_screened_at',
		'created_at',
		'updated_at',
	),
	kyc_audit: [
		...text(
			'applicant_ref',
			'vendor',
			'product',
			'operation',
			'outcome',
			'billed',
			'billed_reason',
			'vendor_reference',
			'started_at',
		),
		...number('duration_ms', 'calls'),
		...text('execution_id', 'workflow_id', 'node'),
		...number('item_index'),
	],
	kyc_callback_errors: text('vendor', 'event', 'vendor_reference', 'received_at', 'reason'),
	kyc_prices: [...text('vendor', 'product', 'currency'), ...number('unit_price')],
});

const PAGE = 250; // n8n's largest page of rows (MAX_ITEMS_PER_PAGE)

/**
 * A GET of rows, asked again (it only reads) when n8n 1.x's data-table controller answers 500
 * "Transaction is not started yet": its SQLite reads fail so now and then while executions write.
 */
async function readPage(rest, url) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await rest.get(url);
		} catch (error) {
			if (attempt >= 5 || !/HTTP 500: .*Transaction is not started yet/.test(String(error.message)))
				throw error;
			await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
		}
	}
}

async function dataTables(rest) {
	const projectId = (await rest.get('/rest/projects/personal')).data.id;
	const base = `/rest/projects/${projectId}/data-tables`;
	const existing = (await rest.get(`${base}?take=${PAGE}`)).data.data;
	const ids = {};
	for (const [name, columns] of Object.entries(TABLES)) {
		const found = existing.find((table) => table.name === name);
		ids[name] = found ? found.id : (await rest.post(base, { name, columns })).data.id;
	}
	const rows = async (table, filters = {}) => {
		const filter = {
			type: 'and',
			filters: Object.entries(filters).map(([columnName, value]) => ({
				columnName,
				condition: 'eq',
				value,
			})),
		};
		const all = [];
		for (;;) {
			const query = new URLSearchParams({ take: String(PAGE), skip: String(all.length) });
			if (filter.filters.length) query.set('filter', JSON.stringify(filter));
			const page = (await readPage(rest, `${base}/${ids[table]}/rows?${query}`)).data;
			all.push(...page.data);
			if (page.data.length < PAGE || all.length >= page.count) return all;
		}
	};
	const insert = async (table, data) =>
		(await rest.post(`${base}/${ids[table]}/insert`, { data, returnType: 'id' })).data;
	const clear = async (table) => {
		const filter = {
			type: 'and',
			filters: [{ columnName: 'id', condition: 'gte', value: 0 }],
		};
		await rest.delete(
			`${base}/${ids[table]}/rows?${new URLSearchParams({ filter: JSON.stringify(filter) })}`,
		);
	};
	return { projectId, ids, rows, insert, clear };
}

/** psql next to initdb (Debian's layout), else the one on PATH. */
function psqlBinary() {
	const beside = path.join(ensure('postgres'), 'psql');
	return fs.existsSync(beside) ? beside : 'psql';
}

async function casesPostgres({ dir }) {
	const port = await freePort();
	const server = await startPostgres({ dir, port });
	const psql = psqlBinary();
	const run = (input) => {
		const result = spawnSync(
			psql,
			[
				'-X',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				server.user,
			],
			{ input, encoding: 'utf8', env: { ...process.env, PGDATABASE: server.database } },
		);
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr || result.stdout}`);
		return result.stdout;
	};
	try {
		run(fs.readFileSync(SQL_FILE, 'utf8'));
	} catch (error) {
		await server.stop();
		throw error;
	}
	const query = (sql) => {
		const out = run(
			`\\pset format unaligned\n\\pset tuples_only on\nSELECT coalesce(json_agg(q), '[]'::json) FROM (${sql.replace(/;\s*$/, '')}) q;\n`,
		);
		return JSON.parse(out.trim() || '[]');
	};
	const exec = (sql) => run(sql);
	return {
		port,
		user: server.user,
		database: server.database,
		credential: {
			host: '127.0.0.1',
			port,
			database: server.database,
			user: server.user,
			password: '',
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			sshTunnel: false,
		},
		query,
		exec,
		stop: () => server.stop(),
	};
}

module.exports = { TABLES, SQL_FILE, dataTables, casesPostgres };
