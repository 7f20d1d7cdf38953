import { buildBenchPage } from '../page-build';

/** Builds the export benchmark's page (page/) used by `npm run bench`. */
export const buildExportPage = (): Promise<string> => buildBenchPage('export');
