import type { INodeProperties } from 'n8n-workflow';

import type { CheckName, CheckParam } from '../../shared/checks';
import type { VendorKey } from '../vendors';

/** Makes a value comparable across vendors: two answers agree when their comparable values are equal. */
export type Comparable = (value: unknown) => unknown;

/** One check of the KYC (Any Vendor) node: its inputs, its answer, and how answers are compared. */
export interface Check {
	value: CheckName;
	name: string;
	description: string;
	/** The output key of the normalised answer. */
	resultKey: string;
	/** The vendors picked when the node is added, in the order tried. */
	defaultVendors: VendorKey[];
	/** The check's own parameters (shown only for this check). */
	properties: INodeProperties[];
	/**
	 * Input the check needs whichever vendor answers, refused before any call: without it one
	 * vendor could answer a question another was asked (e.g. a name match without the name).
	 */
	validate?(param: CheckParam): void;
	/** The answer's fields that Cross-Check compares. */
	compared: Record<string, Comparable>;
}

/** Case, spaces and punctuation do not make two names differ. */
export const looseText: Comparable = (value) =>
	typeof value === 'string' ? value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : value;

export const exact: Comparable = (value) => value;
