import type { VendorChecks } from '../shared/checks';
import type { KycResource, KycVendor } from '../shared/types';
import { resources as ekycProResources } from '../EkycPro/actions';
import { ekycProChecks } from '../EkycPro/checks';
import { ekycPro } from '../EkycPro/vendor';
import { resources as ilumaResources } from '../Iluma/actions';
import { ilumaChecks } from '../Iluma/checks';
import { iluma } from '../Iluma/vendor';
import { resources as wideKycResources } from '../WideKyc/actions';
import { wideKycChecks } from '../WideKyc/checks';
import { wideKyc } from '../WideKyc/vendor';

export type VendorKey = 'iluma' | 'wideKyc' | 'ekycPro';

export interface RoutableVendor {
	key: VendorKey;
	vendor: KycVendor;
	checks: VendorChecks;
	/** The vendor node's resources, which name the operation a check runs. */
	resources: KycResource[];
}

/** The vendors a check can be routed to, by the value the Vendors parameter stores. */
export const VENDORS: Record<VendorKey, RoutableVendor> = {
	iluma: { key: 'iluma', vendor: iluma, checks: ilumaChecks, resources: ilumaResources },
	wideKyc: { key: 'wideKyc', vendor: wideKyc, checks: wideKycChecks, resources: wideKycResources },
	ekycPro: { key: 'ekycPro', vendor: ekycPro, checks: ekycProChecks, resources: ekycProResources },
};

export const isVendorKey = (value: unknown): value is VendorKey =>
	typeof value === 'string' && Object.hasOwn(VENDORS, value);
