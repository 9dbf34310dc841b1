'use strict';

// Every other file here is an e2e suite:
// {
//   name,                                  printed before its checks
//   credentials(sandbox) -> [{ id, name, type, data }]   imported into n8n (plain data) before start
//   workflows() -> [workflow JSON]          imported and published before start (ids must be unique)
//   async run({ check, n8n, rest, sandbox, e2e, credentials })
// }
// check(name, fn) records one pass/fail line; rest is a logged-in session (rest.get/post/...);
// e2e is ../n8n.js; credentials are all suites' credentials. Suites run in file-name order.
// KYC_E2E_SUITES=iluma,argos (a development aid) keeps only the files whose names contain one of
// those words; `.all` is every suite regardless.

const fs = require('node:fs');
const path = require('node:path');

const files = fs
	.readdirSync(__dirname)
	.filter((file) => file.endsWith('.js') && file !== 'index.js')
	.sort();
const only = (process.env.KYC_E2E_SUITES || '').split(',').filter(Boolean);
const chosen = (file) => only.length === 0 || only.some((word) => file.includes(word.trim()));
const load = (file) => require(path.join(__dirname, file));

module.exports = files.filter(chosen).map(load);
// Every suite whatever KYC_E2E_SUITES keeps (the queue test needs all their credentials).
module.exports.all = files.map(load);
