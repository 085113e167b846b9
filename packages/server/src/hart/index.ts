export { registerHartRoutes } from './routes.js';
