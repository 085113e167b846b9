import type { TestProject } from 'vitest/node';
import { ensureWebBuilt, startHarbor } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    harborUrl: string;
  }
}

/** Once per run of the browser project: build the web app if needed and start Harbor. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureWebBuilt();
  const harbor = await startHarbor();
  project.provide('harborUrl', harbor.url);
  return () => harbor.stop();
}
