import { randomInt } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** A source of randomness, injectable so that domain tests are deterministic. */
export type RandomSource = (alphabet: string, length: number) => string;

export const cryptoRandom: RandomSource = (alphabet, length) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

// Lengths follow what AWS actually issues (see the reference's ids-and-arns.md), not the model maxima.
export const newOrganizationId = (random = cryptoRandom) => `o-${random(LOWER_ALNUM, 10)}`;
export const newRootId = (random = cryptoRandom) => `r-${random(LOWER_ALNUM, 4)}`;
export const newOrganizationalUnitId = (rootId: string, random = cryptoRandom) =>
  `ou-${rootId.slice(2)}-${random(LOWER_ALNUM, 8)}`;
export const newPolicyId = (random = cryptoRandom) => `p-${random(LOWER_ALNUM, 8)}`;
export const newHandshakeId = (random = cryptoRandom) => `h-${random(HEX, 32)}`;
export const newCreateAccountRequestId = (random = cryptoRandom) => `car-${random(HEX, 32)}`;
/** Account ids are unique across the installation; the event store's reservations enforce that. */
export const newAccountId = (random = cryptoRandom) => random('0123456789', 12);
