import { describe, expect, it, vi } from 'vitest';
import { OPENER_FILE } from '../../../shared/index';
import { saveOpenerFromPages as saveOpener } from './browser-bridge';

describe('saving the opener for a partner', () => {
  it('saves the file built with the app, as HTML, under its name', async () => {
    const save = vi.fn(async () => ({ saved: true as const, location: '/tmp/lumina-opener.html' }));
    const read = vi.fn(async () => new Response('<!doctype html><title>opener</title>'));
    expect(await saveOpener(save, read)).toEqual({ saved: true, location: '/tmp/lumina-opener.html' });
    expect(read).toHaveBeenCalledWith(`./${OPENER_FILE}`);
    expect(save).toHaveBeenCalledWith({
      suggestedName: 'lumina-opener.html',
      mimeType: 'text/html',
      contents: '<!doctype html><title>opener</title>',
    });
  });

  it('saves nothing when the build has no opener', async () => {
    const save = vi.fn();
    const read = async () => new Response('Not found', { status: 404 });
    await expect(saveOpener(save, read)).rejects.toThrow('opener-missing');
    expect(save).not.toHaveBeenCalled();
  });
});
