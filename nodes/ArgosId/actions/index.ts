import type { KycResource } from '../../shared/types';
import { get } from './submission/get.operation';
import { getMany } from './submission/getMany.operation';
import { step1 } from './submission/step1.operation';
import { step2 } from './submission/step2.operation';

export const resources: KycResource[] = [
	{ value: 'submission', name: 'Submission', operations: [step1, step2, get, getMany] },
];
