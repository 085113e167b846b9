export { countUsers, seedAgencyStructure } from './agency.js';
export { demoPassword, demoSecondAdministrator, demoSignIns, demoUsername, ensureDemoSeeded, seedDemo, type DemoSeedHooks, type DemoSeedStep, type DemoSignIn } from './demo.js';
