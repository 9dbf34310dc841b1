'use strict';

// Where the browser and queue stages get Chromium, Redis and PostgreSQL: what the machine has first
// (an environment variable naming it, then the usual places and PATH), apt-get only when it may
// (root, or `sudo -n` works), else one line saying what is missing and how to install it.

const { plan, TOOLS } = require('../systemTools');

/** A machine: `files` exist (and are executable), `onPath` maps a command to its file. */
function machine({
	env = {},
	files = [],
	onPath = {},
	uid = 1000,
	sudo = false,
	apt = true,
	platform = 'linux',
	dirs = {},
} = {}) {
	const present = new Set([...files, ...Object.values(onPath)]);
	return {
		env,
		platform,
		uid,
		exists: (file) => present.has(file) || file in dirs,
		readdir: (dir) => dirs[dir] ?? [],
		which: (command) =>
			command === 'apt-get' ? (apt ? '/usr/bin/apt-get' : '') : (onPath[command] ?? ''),
		realpath: (file) => file,
		canSudo: () => sudo,
	};
}

describe('chromium', () => {
	test('KYC_CHROMIUM names the browser: used as it is', () => {
		const sys = machine({
			env: { KYC_CHROMIUM: '/opt/chrome/chrome' },
			files: ['/opt/chrome/chrome', '/usr/bin/chromium'],
		});
		expect(plan('chromium', sys)).toEqual({ use: '/opt/chrome/chrome' });
	});

	test('KYC_CHROMIUM naming nothing fails with that, even when apt-get could install', () => {
		const decision = plan('chromium', machine({ env: { KYC_CHROMIUM: '/nope/chrome' }, uid: 0 }));
		expect(decision.fail).toMatch(/KYC_CHROMIUM=\/nope\/chrome/);
	});

	test('Debian’s /usr/bin/chromium, else chromium or Google Chrome on PATH', () => {
		expect(plan('chromium', machine({ files: ['/usr/bin/chromium'] }))).toEqual({
			use: '/usr/bin/chromium',
		});
		expect(
			plan('chromium', machine({ onPath: { 'google-chrome': '/usr/bin/google-chrome' } })),
		).toEqual({
			use: '/usr/bin/google-chrome',
		});
		expect(
			plan('chromium', machine({ onPath: { 'chromium-browser': '/snap/bin/chromium-browser' } })),
		).toEqual({
			use: '/snap/bin/chromium-browser',
		});
	});

	test('on macOS, Google Chrome or Chromium in /Applications', () => {
		const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
		expect(plan('chromium', machine({ platform: 'darwin', files: [chrome] }))).toEqual({
			use: chrome,
		});
	});

	test('missing, as root with apt-get: apt-get install chromium', () => {
		expect(plan('chromium', machine({ uid: 0 }))).toEqual({
			install: ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'],
			update: ['apt-get', 'update'],
		});
	});

	test('missing, not root but `sudo -n` works: sudo -n apt-get', () => {
		const decision = plan('chromium', machine({ sudo: true }));
		expect(decision.install).toEqual([
			'sudo',
			'-n',
			'apt-get',
			'install',
			'-y',
			'--no-install-recommends',
			'chromium',
		]);
		expect(decision.update).toEqual(['sudo', '-n', 'apt-get', 'update']);
	});

	test('missing, not root, no sudo: one line naming it and how to install it on Debian/Ubuntu and macOS', () => {
		const decision = plan('chromium', machine());
		expect(Object.keys(decision)).toEqual(['fail']);
		expect(decision.fail).not.toContain('\n');
		expect(decision.fail).toMatch(/Chromium/);
		expect(decision.fail).toMatch(/KYC_CHROMIUM/);
		expect(decision.fail).toMatch(/sudo apt-get install chromium/);
		expect(decision.fail).toMatch(/brew install --cask chromium/);
	});

	test('missing, root but no apt-get (not Debian): one line, no install', () => {
		expect(Object.keys(plan('chromium', machine({ uid: 0, apt: false })))).toEqual(['fail']);
		expect(Object.keys(plan('chromium', machine({ platform: 'darwin', uid: 0 })))).toEqual([
			'fail',
		]);
	});
});

describe('redis-server', () => {
	test('KYC_REDIS_SERVER, then PATH', () => {
		expect(
			plan(
				'redis',
				machine({
					env: { KYC_REDIS_SERVER: '/opt/redis/redis-server' },
					files: ['/opt/redis/redis-server'],
				}),
			),
		).toEqual({
			use: '/opt/redis/redis-server',
		});
		expect(plan('redis', machine({ onPath: { 'redis-server': '/usr/bin/redis-server' } }))).toEqual(
			{
				use: '/usr/bin/redis-server',
			},
		);
	});

	test('missing: apt-get as root, else one line', () => {
		expect(plan('redis', machine({ uid: 0 })).install).toEqual([
			'apt-get',
			'install',
			'-y',
			'--no-install-recommends',
			'redis-server',
		]);
		const { fail } = plan('redis', machine());
		expect(fail).not.toContain('\n');
		expect(fail).toMatch(/KYC_REDIS_SERVER/);
		expect(fail).toMatch(/sudo apt-get install redis-server/);
		expect(fail).toMatch(/brew install redis/);
	});
});

describe('postgresql (the folder of initdb, postgres and pg_isready)', () => {
	const debian = {
		'/usr/lib/postgresql': ['13', '15'],
	};
	const binaries = (dir) => ['initdb', 'postgres', 'pg_isready'].map((name) => `${dir}/${name}`);

	test('KYC_PG_BIN, then Debian’s newest /usr/lib/postgresql/<major>/bin, then PATH', () => {
		expect(
			plan(
				'postgres',
				machine({ env: { KYC_PG_BIN: '/opt/pg/bin' }, files: binaries('/opt/pg/bin') }),
			),
		).toEqual({ use: '/opt/pg/bin' });
		expect(
			plan(
				'postgres',
				machine({
					dirs: debian,
					files: [
						...binaries('/usr/lib/postgresql/13/bin'),
						...binaries('/usr/lib/postgresql/15/bin'),
					],
				}),
			),
		).toEqual({ use: '/usr/lib/postgresql/15/bin' });
		expect(
			plan(
				'postgres',
				machine({
					onPath: { initdb: '/opt/homebrew/bin/initdb' },
					files: binaries('/opt/homebrew/bin'),
				}),
			),
		).toEqual({ use: '/opt/homebrew/bin' });
	});

	test('KYC_PG_BIN without initdb in it fails with that', () => {
		expect(plan('postgres', machine({ env: { KYC_PG_BIN: '/opt/pg/bin' }, uid: 0 })).fail).toMatch(
			/KYC_PG_BIN/,
		);
	});

	test('missing: apt-get postgresql when it may, else one line', () => {
		const root = plan('postgres', machine({ uid: 0 }));
		expect(root.install).toEqual([
			'apt-get',
			'install',
			'-y',
			'--no-install-recommends',
			'postgresql',
		]);
		const { fail } = plan('postgres', machine());
		expect(fail).not.toContain('\n');
		expect(fail).toMatch(/KYC_PG_BIN/);
		expect(fail).toMatch(/sudo apt-get install postgresql/);
		expect(fail).toMatch(/brew install postgresql/);
	});
});

test('every tool names its variable, its Debian package and its Homebrew formula', () => {
	for (const tool of Object.values(TOOLS)) {
		expect(tool.variable).toMatch(/^KYC_/);
		expect(tool.apt).toBeTruthy();
		expect(tool.brew).toMatch(/^brew install/);
	}
});
