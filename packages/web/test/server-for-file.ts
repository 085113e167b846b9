import { afterAll } from 'vitest';
import { startHarbor } from './support';

/**
 * This test file's own Harbor server, on a copy of the run's seeded template (`inject('harborTemplate')`),
 * stopped when the file ends. Test files run in parallel and change the demo data (accounts,
 * referrals, sign-in lockouts), so none shares a server with another. Answers its URL.
 */
export async function serverForFile(template: string, env: Record<string, string> = {}): Promise<string> {
  const harbor = await startHarbor(env, template);
  afterAll(() => harbor.stop());
  return harbor.url;
}
