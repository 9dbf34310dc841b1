import type { KycResource } from '../../shared/types';
import { businessLicense } from './document/businessLicense.operation';
import { creditCard } from './document/creditCard.operation';
import { idCard } from './document/idCard.operation';
import { nameCard } from './document/nameCard.operation';
import { passport } from './document/passport.operation';
import { receipt } from './document/receipt.operation';
import { recognize as general } from './general/recognize.operation';
import { recognize as template } from './template/recognize.operation';

export const resources: KycResource[] = [
	{
		value: 'document',
		name: 'Document',
		operations: [creditCard, receipt, nameCard, businessLicense, idCard, passport],
	},
	{ value: 'general', name: 'General OCR', operations: [general] },
	{ value: 'template', name: 'Template OCR', operations: [template] },
];
