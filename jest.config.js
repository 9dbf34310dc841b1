'use strict';
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 30000,
	// The shared invariants (billed once, no secret out), checked after every test.
	setupFilesAfterEnv: ['<rootDir>/test/invariants/afterEach.js'],
};
