import type { IDataObject } from 'n8n-workflow';

import type { VendorFault } from './errors';
import type { KycOperation } from './types';

/** The checks the KYC (Any Vendor) node routes across vendors. */
export type CheckName = 'readKtp' | 'verifyNik' | 'liveness' | 'compareFaces';

/** A check's parameter for the current item, as the KYC (Any Vendor) node's user set it. */
export type CheckParam = <T>(name: string, fallback?: T) => T;

/**
 * How one vendor's existing operation answers one check: the operation is called as it is, with
 * its parameters taken from the check's, and its output read into the check's normalised answer.
 */
export interface CheckOffer {
	operation: KycOperation;
	/** The operation's parameters, by the names the operation reads them with. */
	parameters(param: CheckParam): IDataObject;
	/** For each image the operation reads (by its prefix), the check's image prefix. */
	images?: Record<string, string>;
	/** The operation's output as the check's normalised answer (e.g. `{ found, nameMatches }`). */
	read(json: IDataObject, param: CheckParam): IDataObject;
	/** A failure that is this check's answer (e.g. "no such NIK"), with the raw output it stands for. */
	answerOf?(fault: VendorFault): { raw: IDataObject; answer: IDataObject } | undefined;
}

/** The checks one vendor offers. */
export type VendorChecks = Partial<Record<CheckName, CheckOffer>>;

const number = (value: unknown): number | undefined => {
	const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
};

/** A face comparison answer on the 0–100 scale, without keys the vendor did not give. */
export function faceAnswer(samePerson: boolean, similarity: unknown): IDataObject {
	const value = number(similarity);
	return value === undefined ? { samePerson } : { samePerson, similarity: value };
}

/** A liveness answer, without a score when the vendor gives none. */
export function livenessAnswer(live: boolean, score?: unknown): IDataObject {
	const value = number(score);
	return value === undefined ? { live } : { live, score: value };
}
