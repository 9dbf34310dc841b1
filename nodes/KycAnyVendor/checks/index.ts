import type { Check } from './check';
import { compareFaces } from './compareFaces';
import { liveness } from './liveness';
import { readKtp } from './readKtp';
import { verifyNik } from './verifyNik';

export type { Check } from './check';

/** In the order the onboarding flow runs them. */
export const CHECKS: Check[] = [readKtp, verifyNik, liveness, compareFaces];
