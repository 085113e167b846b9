import type { TestProject } from 'vitest/node';
import { ensureWebBuilt, seedTemplate } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder with the demo agency seeded; each test file starts its own server on a copy. */
    harborTemplate: string;
  }
}

/**
 * Once per run of the browser project: build the web app if needed and, meanwhile (in a child
 * process), seed the demo agency into the template data folder.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const seeding = seedTemplate();
  let buildError: Error | null = null;
  try {
    ensureWebBuilt();
  } catch (err) {
    buildError = err instanceof Error ? err : new Error(String(err));
  }
  // Awaited even when the build failed, so no seeding child is left behind.
  const template = await seeding;
  if (buildError !== null) {
    template.remove();
    throw buildError;
  }
  project.provide('harborTemplate', template.dir);
  return () => template.remove();
}
