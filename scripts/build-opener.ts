import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { OPENER_FILE } from '../shared/bridge/desktop-bridge';

/**
 * Builds the partner opener (opener/) into ONE self-contained HTML file, out/opener/lumina-opener.html: vite bundles
 * the script (libsodium's WebAssembly is embedded in it) and the styles, then this inlines both and pins them by
 * hash in a Content-Security-Policy meta element, so the file works from file:// with no server and no network.
 */

const root = resolve(import.meta.dirname, '..');
const OPENER_OUTPUT = join(root, 'out', 'opener', OPENER_FILE);
const RENDERER_DIR = join(root, 'out', 'renderer');
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Inline text must not close its element early. */
const safeScript = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const safeStyle = (css: string) => css.replace(/<\/(style)/gi, '<\\/$1');

function openerCsp(scriptHash: string, styleHash: string): string {
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval' lets libsodium compile its WebAssembly; it allows no JavaScript eval.
    `script-src ${scriptHash} 'wasm-unsafe-eval'`,
    `style-src ${styleHash}`,
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'lumina-opener-'));
  try {
    await build({
      root: join(root, 'opener'),
      configFile: false,
      logLevel: 'warn',
      base: './',
      build: {
        outDir,
        emptyOutDir: true,
        modulePreload: false,
        cssCodeSplit: false,
        assetsInlineLimit: Number.MAX_SAFE_INTEGER,
        target: 'es2022',
        chunkSizeWarningLimit: 8192,
        rolldownOptions: { output: { codeSplitting: false } },
      },
    });
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const assets = await readdir(join(outDir, 'assets'));
    const scripts = assets.filter((name) => name.endsWith('.js'));
    const styles = assets.filter((name) => name.endsWith('.css'));
    if (scripts.length !== 1 || styles.length !== 1) {
      throw new Error(`expected one script and one stylesheet, got ${assets.join(', ')}`);
    }
    const code = safeScript(await readFile(join(outDir, 'assets', scripts[0]!), 'utf8'));
    const css = safeStyle(await readFile(join(outDir, 'assets', styles[0]!), 'utf8'));
    let page = html
      .replace(/\s*<script type="module"[^>]*src="[^"]*"[^>]*><\/script>/, '')
      .replace(/\s*<link rel="stylesheet"[^>]*>/, '');
    if (/<script[^>]*src=|<link[^>]*stylesheet/.test(page)) throw new Error('an asset was left un-inlined');
    const csp = openerCsp(sha256(code), sha256(css));
    page = page
      .replace(
        '<meta charset="utf-8" />',
        `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
      )
      .replace('</head>', () => `<style>${css}</style>\n  </head>`)
      .replace('</body>', () => `<script type="module">${code}</script>\n  </body>`);
    if (!page.includes('Content-Security-Policy')) throw new Error('the CSP meta element was not inserted');
    await mkdir(join(root, 'out', 'opener'), { recursive: true });
    await writeFile(OPENER_OUTPUT, page);
    // A copy beside the app's pages, so the app can offer "Save the opener" (features/partners) from its own files.
    if (await exists(RENDERER_DIR)) await writeFile(join(RENDERER_DIR, OPENER_FILE), page);
    console.log(`opener: ${OPENER_OUTPUT} (${Math.round(page.length / 1024)} KiB)`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

await main();
