/**
 * The senders of bench/bodies.ts, in their own process so that building and sending 10 MiB bodies never delays
 * the `/health` poller's event loop: what the poller measures is the server. Sends for BODIES_MS to BODIES_URLS
 * (comma-separated) from BODIES_SENDERS concurrent senders, announcing the start in a first line, then prints a
 * last JSON line of counts and its own CPU.
 */
const urls = process.env.BODIES_URLS!.split(',');
const senders = Number(process.env.BODIES_SENDERS);
const body = Buffer.alloc(10 * 1024 * 1024, 0x20);
body.write('{"deviceId":"');
// The first line tells the poller that sending starts now.
console.log(JSON.stringify({ sending: true }));
const deadline = performance.now() + Number(process.env.BODIES_MS);
let refused = 0;
let accepted = 0;

async function send(url: string): Promise<void> {
  while (performance.now() < deadline) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch(() => undefined);
    await res?.arrayBuffer().catch(() => undefined);
    // No answer: the server hung up on the body after refusing it, which is a refusal too.
    if (!res || (res.status >= 400 && res.status < 500)) refused++;
    else accepted++;
  }
}

await Promise.all(Array.from({ length: senders }, (_, i) => send(urls[i % urls.length]!)));
const { user, system } = process.cpuUsage();
console.log(JSON.stringify({ refused, accepted, cpuMs: (user + system) / 1000 }));

export {};
