/** The largest seed core accepts (seeds are whole numbers from 0 to 2^31 - 1). */
export const MAX_SEED = 2_147_483_647;
