/** The benchmark suite's public face (issue 11): the synthetic history generator the `harbor bench` command runs. */
export { Batch, generateHistory, historyCounts, historyTables, HistoryCopier, isBenchDatabase, type GenerateOptions, type GenerateResult, type Template } from './history/generate.js';
export { rateBar } from './history/progress.js';
