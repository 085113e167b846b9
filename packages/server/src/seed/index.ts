export { countUsers, seedAgencyStructure } from './agency.js';
export { demoPassword, demoSignIns, demoUsername, ensureDemoSeeded, seedDemo, type DemoSignIn } from './demo.js';
