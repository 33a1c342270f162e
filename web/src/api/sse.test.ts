import { describe, expect, it } from 'vitest';
import { SseParser, readServerEvents, type ServerEvent } from './sse';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `input` to a fresh parser split at every position in `cuts`, and collects the events. */
function parseIn(input: Uint8Array, cuts: number[]): ServerEvent[] {
  const parser = new SseParser();
  const events: ServerEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    events.push(...parser.push(input.slice(from, cut)));
    from = cut;
  }
  return [...events, ...parser.end()];
}

describe('the server-sent events parser', () => {
  it('gives the same events wherever the chunks are cut, also inside a UTF-8 character and between CR and LF', () => {
    const input = bytes('event: delta\r\ndata: {"text":"Grüße 👋"}\r\n\r\n: keep-alive\r\n\r\nevent: done\rdata: {}\r\r');
    const expected = [
      { event: 'delta', data: '{"text":"Grüße 👋"}' },
      { event: 'done', data: '{}' },
    ];
    expect(parseIn(input, [])).toEqual(expected);
    for (let a = 1; a < input.length; a++) {
      expect(parseIn(input, [a])).toEqual(expected);
    }
    // One byte at a time: the four bytes of 👋 arrive in four chunks.
    expect(parseIn(input, Array.from({ length: input.length - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  it('joins multi-line data with newlines, strips one leading space and defaults the event name', () => {
    const events = new SseParser().push('data: line one\ndata:  indented\ndata\n\n');
    expect(events).toEqual([{ event: 'message', data: 'line one\n indented\n' }]);
  });

  it('skips comments, keep-alives, unknown fields and events without data', () => {
    const parser = new SseParser();
    expect(parser.push(':ping\n\nid: 7\nretry: 1000\n\nevent: nothing\n\n')).toEqual([]);
    expect(parser.push('event: agent\nid: 8\ndata: {"agentId":"dev"}\n\n')).toEqual([{ event: 'agent', data: '{"agentId":"dev"}' }]);
  });

  it('does not carry an event name over to the next event', () => {
    expect(new SseParser().push('event: delta\ndata: a\n\ndata: b\n\n')).toEqual([
      { event: 'delta', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });

  it('drops an event the stream ended in the middle of', () => {
    const parser = new SseParser();
    expect(parser.push('event: done\ndata: {}\n\nevent: delta\ndata: half')).toEqual([{ event: 'done', data: '{}' }]);
    expect(parser.end()).toEqual([]);
  });

  it('reads a streamed response body chunk by chunk', async () => {
    const chunks = ['event: de', 'lta\ndata: {"t":"a"}\n', '\nevent: done\ndata: {}\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(bytes(chunk));
        controller.close();
      },
    });
    const events: ServerEvent[] = [];
    await readServerEvents(body, (event) => events.push(event));
    expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
  });
});
