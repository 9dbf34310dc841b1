import type { INodeProperties } from 'n8n-workflow';

import { imageParameters } from '../../shared/image';

/** The selfie, as Liveness and Compare Faces take it. */
export const selfieProperties = (description: string): INodeProperties[] =>
	imageParameters('selfie', 'Selfie Image', { defaultBinaryField: 'selfie', description });
