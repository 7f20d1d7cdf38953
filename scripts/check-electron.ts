/**
 * `npm run check:electron`: Electronegativity over the desktop app's sources (electron/, renderer/, package.json),
 * for the Electron version we ship. It writes the findings to reports/electronegativity.sarif, prints how many
 * there were, and fails when any finding is not justified, a justification gives no reason, or a file could
 * not be parsed (a file the tool cannot read is a file nobody checked).
 *
 * A justification is an inline comment on the reported line, `eng-disable CHECK_ID: the reason` (HTML comments
 * allow only words: `<!-- eng-disable CHECK_ID the reason in words -->`). Findings that have no line to carry a
 * comment (package.json) are justified in NO_LINE_JUSTIFICATIONS below, with their reason.
 *
 * Electronegativity's command-line entry point cannot start (it requires `commander`, which its package does
 * not declare), so this script calls its documented programmatic runner. Offline: the tool tries to download
 * translations (1 s time-out, then English) and, for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, Electron's release
 * list; that one check needs the network by design and is left out (see README, "Security").
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_VERSION = '41.7.1';
/** What is scanned: the shell, the renderer (code and HTML), and the manifest that pins Electron. */
export const SCANNED = ['electron', 'renderer/index.html', 'renderer/src', 'package.json'];
/** Needs Electron's release list from the network: not available on these machines, and not deterministic. */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
/** Findings in files that cannot hold a comment, each with its reason. */
export const NO_LINE_JUSTIFICATIONS: Record<string, string> = {
  ELECTRON_VERSION_JSON_CHECK:
    'informational: Electron is pinned to 41.x because newer majors need Node 22 and the build machines have ' +
    'Node 20 (README, "Why each dependency is there"); patch releases within 41.x are taken as they come',
};
const MIN_REASON_WORDS = 4;

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
}

interface RunResult {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
  globalChecks: number;
  atomicChecks: number;
}

type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;

export interface Justification {
  file: string;
  line: number;
  checks: string[];
  reason: string;
}

/** Every eng-disable comment in a file, with the check ids it names and the reason it gives. */
export function findJustifications(file: string, text: string): Justification[] {
  const found: Justification[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/eng-disable[ \t]+([A-Z0-9_]+(?:[ \t,]+[A-Z0-9_]+_CHECK)*)(.*)/g)) {
      const checks = match[1]!.split(/[ \t,]+/);
      const reason = match[2]!
        .replace(/\*\/.*$|-->.*$/, '')
        .replace(/^[\s:—-]+/, '')
        .trim();
      found.push({ file, line: index + 1, checks, reason });
    }
  });
  return found;
}

export function hasReason(justification: Justification): boolean {
  return justification.reason.split(/\s+/).filter((word) => /\w/.test(word)).length >= MIN_REASON_WORDS;
}

async function listFiles(root: string, relative: string): Promise<string[]> {
  const full = path.join(root, relative);
  const entries = await readdir(full, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [relative];
  const nested = await Promise.all(entries.map((entry) => listFiles(root, path.join(relative, entry.name))));
  return nested.flat();
}

/** Tests are not shipped, and their fakes would read as real windows: they are not scanned. */
const isShippedSource = (file: string) =>
  /\.(ts|tsx|js|html)$|package\.json$/.test(file) && !/\.test\.tsx?$/.test(file);

/** Copies the scanned files into a fresh folder, optionally rewritten, and scans that folder. */
async function scan(
  root: string,
  files: string[],
  rewrite: (text: string) => string,
  output: string | undefined,
): Promise<RunResult & { stage: string }> {
  const stage = await mkdtemp(path.join(tmpdir(), 'lumina-electronegativity-'));
  try {
    for (const file of files) {
      await mkdir(path.dirname(path.join(stage, file)), { recursive: true });
      await writeFile(path.join(stage, file), rewrite(await readFile(path.join(root, file), 'utf8')));
    }
    const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Runner;
    const result = await run(
      {
        input: stage,
        output,
        isSarif: true,
        isRelative: true,
        electronVersionOverride: ELECTRON_VERSION,
        customScan: [],
        excludeFromScan: NETWORK_CHECKS.map((name) => name.toLowerCase()),
        parserPlugins: [],
      },
      false,
    );
    return { ...result, stage };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const rootArg = args.indexOf('--root');
  const root = path.resolve(
    rootArg >= 0 ? args[rootArg + 1]! : path.join(fileURLToPath(import.meta.url), '../..'),
  );
  const reportPath = path.resolve('reports/electronegativity.sarif');
  await mkdir(path.dirname(reportPath), { recursive: true });

  const files = (await Promise.all(SCANNED.map((entry) => listFiles(root, entry))))
    .flat()
    .filter(isShippedSource);
  // Once as written, once with every justification neutralised: the difference is what the comments hide.
  const result = await scan(root, files, (text) => text, reportPath);
  const raw = await scan(root, files, (text) => text.replaceAll('eng-disable', 'eng-unjustified'), undefined);

  const justifications = (
    await Promise.all(
      files.map(async (file) => findJustifications(file, await readFile(path.join(root, file), 'utf8'))),
    )
  ).flat();
  const unparsed = result.errors.filter((error) => !error.tolerable);
  const listed = result.issues.filter((issue) => issue.id in NO_LINE_JUSTIFICATIONS);
  const unjustified = result.issues.filter((issue) => !(issue.id in NO_LINE_JUSTIFICATIONS));
  const hiddenByComments = raw.issues.length - result.issues.length;
  const reasonless = justifications.filter((justification) => !hasReason(justification));

  console.log(
    `electronegativity ${ELECTRON_VERSION}: ${files.length} files, ${result.globalChecks + result.atomicChecks} ` +
      `checks (${NETWORK_CHECKS.join(', ')} left out: it needs the network)`,
  );
  for (const j of justifications) {
    console.log(
      `  justified in code: ${j.checks.join(', ')} at ${j.file}:${j.line}: ${j.reason || '(no reason)'}`,
    );
  }
  for (const issue of listed) {
    console.log(`  justified here: ${issue.id} in ${issue.file}: ${NO_LINE_JUSTIFICATIONS[issue.id]}`);
  }
  for (const issue of unjustified) {
    console.log(
      `  FINDING ${issue.id} (${issue.severity.name}, ${issue.confidence.name}) at ${issue.file}:` +
        `${issue.location.line}:${issue.location.column}: ${issue.description}`,
    );
  }
  for (const error of unparsed)
    console.log(`  NOT PARSED ${path.relative(result.stage, error.file)}: ${error.message}`);
  for (const j of reasonless)
    console.log(`  NO REASON for eng-disable ${j.checks.join(', ')} at ${j.file}:${j.line}`);
  console.log(
    `electronegativity: ${raw.issues.length} findings: ${hiddenByComments} justified in code ` +
      `(${justifications.length} comments), ${listed.length} justified without a line, ${unjustified.length} ` +
      `unjustified; ${unparsed.length} files not parsed; report: ${path.relative(process.cwd(), reportPath)}`,
  );
  return unjustified.length + unparsed.length + reasonless.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
