import { pathSegment } from '../../request';

export const ID_CARD_PATH = '/v1/identity/id_card_images';

export const idCardPath = (id: string) => `${ID_CARD_PATH}/${pathSegment(id)}`;
