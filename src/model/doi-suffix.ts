/**
 * Suffixes of minted DOIs: nine random characters and a check character, as `7k3m9-q2wxc`. The alphabet is
 * Crockford's base 32 in lower case: no letters that read like digits (i, l, o), no u, and nothing a URL or
 * a DOI handle reserves. The check character (Luhn mod 32) catches any single mistyped character and any
 * swap of two neighbours, so a DOI copied wrongly from a paper is refused rather than resolved elsewhere.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_LENGTH = 9;

function luhnSum(digits: number[], doubleFirst: boolean): number {
  let double = doubleFirst;
  let sum = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    const addend = digits[i]! * (double ? 2 : 1);
    sum += Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
    double = !double;
  }
  return sum;
}

function digitsOf(characters: string): number[] | undefined {
  const digits = [...characters].map((character) => ALPHABET.indexOf(character));
  return digits.every((digit) => digit >= 0) ? digits : undefined;
}

export function checkCharacter(characters: string): string {
  const digits = digitsOf(characters);
  if (!digits) throw new Error(`not base 32: ${characters}`);
  return ALPHABET[(ALPHABET.length - (luhnSum(digits, true) % ALPHABET.length)) % ALPHABET.length]!;
}

export function mintDoiSuffix(random: (size: number) => Uint8Array = randomBytes): string {
  const characters = [...random(RANDOM_LENGTH)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  const suffix = characters + checkCharacter(characters);
  return `${suffix.slice(0, 5)}-${suffix.slice(5)}`;
}

/** Whether a suffix is one this scheme mints, with a check character that matches. */
export function isMintedDoiSuffix(suffix: string): boolean {
  const compact = suffix.toLowerCase().replace('-', '');
  if (!/^[0-9a-z]{5}-[0-9a-z]{5}$/i.test(suffix)) return false;
  const digits = digitsOf(compact);
  return digits !== undefined && luhnSum(digits, false) % ALPHABET.length === 0;
}
