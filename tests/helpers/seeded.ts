import { createHash } from 'node:crypto';
import type { Primitives } from '../../electron/archive/crypto/index.ts';

/**
 * The real primitives with one change: randomBytes draws from a seeded SHA-256 counter stream,
 * so a blob written in a test is byte-for-byte reproducible (for the committed format vector).
 */
export function withSeededRandom(crypto: Primitives, seed: string): Primitives {
  let counter = 0;
  return {
    ...crypto,
    name: `${crypto.name} (seeded)`,
    randomBytes(length: number) {
      const out = Buffer.alloc(length);
      for (let filled = 0; filled < length; filled += 32) {
        createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, filled);
      }
      return out;
    },
  };
}

/** Deterministic plaintext: byte i = (i * 7 + 3) mod 251. */
export function patternBytes(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + 3) % 251;
  return out;
}
