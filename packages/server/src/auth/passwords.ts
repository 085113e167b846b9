import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id setting (19 MiB, 2 passes, 1 lane).
// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Hash of a random string, verified against when the username is unknown, so both take as long. */
let dummyHash: Promise<string> | null = null;
function dummy(): Promise<string> {
  dummyHash ??= hash(`not-a-password-${Math.random()}`, options);
  return dummyHash;
}

/** Builds the dummy hash at start, so even the first unknown username takes the usual time. */
export async function warmUpPasswordHashing(): Promise<void> {
  await dummy();
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const target = stored ?? (await dummy());
  try {
    const ok = await verify(target, password);
    return ok && stored !== null;
  } catch {
    return false;
  }
}
