import type { KycResource } from '../../shared/types';
import { recognize } from './idCard/recognize.operation';
import { validate } from './idCard/validate.operation';
import { passive } from './liveness/passive.operation';

export const resources: KycResource[] = [
	{ value: 'idCard', name: 'ID Card', operations: [recognize, validate] },
	{ value: 'liveness', name: 'Liveness', operations: [passive] },
];
