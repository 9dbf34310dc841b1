import { pathSegment } from '../../request';

export const DOCUMENT_PATH = '/v1/identity/document_ocr_requests';

export const documentPath = (id: string) => `${DOCUMENT_PATH}/${pathSegment(id)}`;
