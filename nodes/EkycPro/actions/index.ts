import type { KycResource } from '../../shared/types';
import { getBalance } from './account/getBalance.operation';
import { compare } from './face/compare.operation';
import { check } from './identity/check.operation';
import { recognize } from './idCard/recognize.operation';
import { detect } from './liveness/detect.operation';

export const resources: KycResource[] = [
	{ value: 'idCard', name: 'ID Card', operations: [recognize] },
	{ value: 'face', name: 'Face', operations: [compare] },
	{ value: 'liveness', name: 'Liveness', operations: [detect] },
	{ value: 'identity', name: 'Identity', operations: [check] },
	{ value: 'account', name: 'Account', operations: [getBalance] },
];
