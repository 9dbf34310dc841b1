import type { VendorChecks } from '../shared/checks';
import type { KycVendor } from '../shared/types';
import { ekycProChecks } from '../EkycPro/checks';
import { ekycPro } from '../EkycPro/vendor';
import { ilumaChecks } from '../Iluma/checks';
import { iluma } from '../Iluma/vendor';
import { wideKycChecks } from '../WideKyc/checks';
import { wideKyc } from '../WideKyc/vendor';

export type VendorKey = 'iluma' | 'wideKyc' | 'ekycPro';

export interface RoutableVendor {
	key: VendorKey;
	vendor: KycVendor;
	checks: VendorChecks;
}

/** The vendors a check can be routed to, by the value the Vendors parameter stores. */
export const VENDORS: Record<VendorKey, RoutableVendor> = {
	iluma: { key: 'iluma', vendor: iluma, checks: ilumaChecks },
	wideKyc: { key: 'wideKyc', vendor: wideKyc, checks: wideKycChecks },
	ekycPro: { key: 'ekycPro', vendor: ekycPro, checks: ekycProChecks },
};

export const isVendorKey = (value: unknown): value is VendorKey =>
	typeof value === 'string' && Object.hasOwn(VENDORS, value);
