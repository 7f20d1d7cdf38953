/** One Server-Sent Event as a test reads it. */
export interface ReceivedEvent {
  event: string;
  data: string;
}

/**
 * Reads Server-Sent Events from a live HTTP response until `until` says stop (or the time runs out, which
 * ends the reading without failing: the caller asserts on what arrived).
 */
export function readServerEvents(
  url: string,
  until: (events: ReceivedEvent[]) => boolean,
  timeoutMs = 15_000,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: ReceivedEvent[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const done = (async () => {
    try {
      const res = await fetch(url, { signal: controller.signal });
      connected();
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data ?? '' });
        }
        if (until(events)) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return events;
  })();
  return { ready, done, events };
}
