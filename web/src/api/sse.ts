/** One server-sent event. */
export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Splits a `text/event-stream` into events, as the WHATWG EventSource spec reads it: lines end in
 * CRLF, LF or CR; `event:` names the event (default `message`), `data:` lines are joined with
 * newlines, a blank line dispatches, a line starting with `:` is a comment (keep-alive). Fed chunk
 * by chunk, as bytes or text: a chunk may end anywhere — inside a line, between a CR and its LF, or
 * inside a multi-byte UTF-8 character — and the unfinished rest waits for the next chunk.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private eventName = '';
  private data: string[] = [];

  push(chunk: Uint8Array | string): ServerEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** The stream ended: a last unterminated line still counts, an undispatched event does not. */
  end(): ServerEvent[] {
    this.buffer += this.decoder.decode();
    const events = this.drain(true);
    this.eventName = '';
    this.data = [];
    return events;
  }

  private drain(final: boolean): ServerEvent[] {
    const events: ServerEvent[] = [];
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (end < 0) break;
      // A CR as the very last character may be the first half of a CRLF split across chunks.
      if (end === cr && end === this.buffer.length - 1 && !final) break;
      const event = this.line(this.buffer.slice(start, end));
      if (event) events.push(event);
      start = end + (end === cr && this.buffer[end + 1] === '\n' ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
    if (final && this.buffer) {
      this.line(this.buffer);
      this.buffer = '';
    }
    return events;
  }

  private line(line: string): ServerEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
    if (field === 'event') this.eventName = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }

  private dispatch(): ServerEvent | null {
    const event = this.data.length > 0 ? { event: this.eventName || 'message', data: this.data.join('\n') } : null;
    this.eventName = '';
    this.data = [];
    return event;
  }
}

/**
 * Reads a response body as server-sent events until the server ends it. An abort through
 * `signal` ends the reading quietly; other read errors are thrown.
 */
export async function readServerEvents(body: ReadableStream<Uint8Array>, onEvent: (event: ServerEvent) => void, signal?: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const event of parser.push(value)) onEvent(event);
    }
    for (const event of parser.end()) onEvent(event);
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  } finally {
    reader.releaseLock();
  }
}
