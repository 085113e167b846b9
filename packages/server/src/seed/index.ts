export { countUsers, seedAgencyStructure } from './agency.js';
export { demoPassword, demoSecondAdministrator, demoSignIns, demoUsername, ensureDemoSeeded, seedDemo, type DemoSignIn } from './demo.js';
