/**
 * Stateless resumption tokens: the request's arguments and the keyset position, signed with the
 * repository secret. Any instance sharing the secret can answer the next page, before or after a restart.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { OaiError } from './protocol.js';

export interface TokenState<Position> {
  verb: string;
  /** The arguments of the original request, as the provider needs them again. */
  args: Record<string, string | undefined>;
  /** Where the next page starts. */
  position: Position;
  /** Items delivered before the next page. */
  cursor: number;
  /** Size of the complete list when the harvest began. */
  completeListSize: number;
  /** Expiry, seconds since the epoch. */
  expires: number;
}

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function encodeToken<Position>(state: TokenState<Position>, secret: string): string {
  const payload = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  return `${payload}.${signature(secret, payload)}`;
}

/** The state inside a token this repository issued for this verb, unexpired; anything else is badResumptionToken. */
export function decodeToken<Position>(token: string, secret: string, verb: string, now: Date): TokenState<Position> {
  const [payload, mac, extra] = token.split('.');
  const bad = (why: string) => new OaiError('badResumptionToken', `the resumption token ${why}`);
  if (!payload || !mac || extra !== undefined) throw bad('is not one this repository issued');
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad('is not one this repository issued');
  let state: TokenState<Position>;
  try {
    state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not one this repository issued');
  }
  if (state.verb !== verb) throw bad(`was issued for ${state.verb}, not ${verb}`);
  if (!(state.expires * 1000 > now.getTime())) throw bad(`expired at ${new Date(state.expires * 1000).toISOString().slice(0, 19)}Z; start the harvest again`);
  return state;
}
