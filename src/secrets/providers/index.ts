/** Every provider detector, in one table. */
import type { SecretSpec } from '../types.js';
import { AI } from './ai.js';
import { CLOUD } from './cloud.js';
import { CODE_HOSTING } from './code.js';
import { MESSAGING, PAYMENTS } from './commerce.js';
import { DATABASE, PRIVATE_KEYS } from './keys.js';
import { SAAS } from './saas.js';

export const PROVIDER_SPECS: readonly SecretSpec[] = [...CLOUD, ...CODE_HOSTING, ...AI, ...PAYMENTS, ...MESSAGING, ...SAAS, ...DATABASE, ...PRIVATE_KEYS];
