'use strict';
/**
 * Restores package-lock.json entries for other platforms' optional native builds
 * (e.g. @unrs/resolver-binding-darwin-arm64) that npm drops when the registry it reaches does not
 * serve them. Without them `npm ci` refuses the lock file ("Missing: … from lock file"). Each
 * entry carries its os/cpu, so npm skips it on every other platform without fetching it.
 * Run after any `npm install` that changes dependencies: `npm run lockfile`.
 */
const fs = require('fs');
const path = require('path');

const file = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'aix'];
const CPU = {
	'arm-eabi': 'arm',
	arm64: 'arm64',
	x64: 'x64',
	arm: 'arm',
	ia32: 'ia32',
	loong64: 'loong64',
	ppc64: 'ppc64',
	riscv64: 'riscv64',
	s390x: 's390x',
};

function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const osIndex = parts.findIndex((part) => OS.includes(part));
	if (osIndex < 0) return undefined;
	const cpu = CPU[`${parts[osIndex + 1]}-${parts[osIndex + 2]}`] || CPU[parts[osIndex + 1]];
	if (!cpu) return undefined;
	const entry = { cpu: [cpu], os: [parts[osIndex]] };
	if (parts[osIndex] === 'linux')
		entry.libc = [
			parts
				.slice(osIndex + 2)
				.join('-')
				.includes('musl')
				? 'musl'
				: 'glibc',
		];
	return entry;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies || {})) {
		const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
		if (packages[nested] || packages[`node_modules/${name}`]) continue;
		const platform = platformOf(name);
		if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
		packages[`node_modules/${name}`] = { version, ...platform, dev: entry.dev, optional: true };
		added++;
	}
}
lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries restored`);
