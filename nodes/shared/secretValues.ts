import { removeSecrets } from './scrub';

/**
 * `value` with every form of the credential's values (from `credentialSecrets`) replaced in each
 * of its texts, at any depth: what a node outputs may quote a vendor's text anywhere (an
 * attempt's message, a raw answer), not only in its error message.
 */
export function removeSecretsDeep<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') return removeSecrets(value, secrets) as T;
	if (Array.isArray(value)) return value.map((inner) => removeSecretsDeep(inner, secrets)) as T;
	if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [key, removeSecretsDeep(inner, secrets)]),
	) as T;
}
