import type { ImageSpec } from '../shared/image';

/** ekycpro takes jpeg/jpg/png/bmp up to 2M (IMAGE_INVALID_FORMAT and IMAGE_INVALID_SIZE in its status table). */
export const EKYC_IMAGE: ImageSpec = {
	vendor: 'ekycpro',
	formats: ['jpeg', 'png', 'bmp'],
	maxBytes: 2 * 1024 * 1024,
};
