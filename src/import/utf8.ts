/**
 * Source documents arrive as bytes and are read as UTF-8, strictly: a byte sequence that is not UTF-8 is
 * refused with its position rather than turned into replacement characters that would be stored as text.
 */
import { DomainError } from '../model/errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of a UTF-8 document, without its byte order mark; throws naming the first byte that is not UTF-8. */
export function decodeUtf8Strictly(bytes: Uint8Array): string {
  if (isUtf16(bytes)) throw new DomainError('bad_request', 'the document is UTF-16 (byte order mark at byte 0); send it as UTF-8');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new DomainError('bad_request', `invalid UTF-8 at byte ${firstInvalidByte(bytes)}`);
  }
  return text.replace(/^\uFEFF/, '');
}

function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence, by the
 * Unicode Standard's table of well-formed byte sequences (no overlong forms, no surrogates, nothing above
 * U+10FFFF); a sequence cut off by the end of the input fails at its first byte. Returns the length of
 * the input when every sequence is well-formed.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** The length of the well-formed sequence at `i`, or 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead <= 0x7f) return 1;
  const [length, secondLow, secondHigh] = leadRange(lead);
  if (length === 0) return 0;
  const second = bytes[i + 1];
  if (second === undefined || second < secondLow || second > secondHigh) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** For a lead byte: the sequence length and the range its second byte must fall in. */
function leadRange(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
