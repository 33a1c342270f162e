import { readServerEvents, type ServerEvent } from '../../../api/sse';

// The parser is shared with the chat; the old names stay for this folder's callers.
export { SseParser as EventStreamParser, type ServerEvent } from '../../../api/sse';

/**
 * Reads a server-sent event stream with fetch, because EventSource cannot send the bearer token
 * the API requires. Resolves when the server ends the stream or `signal` aborts it.
 */
export async function readEventStream(
  url: string,
  token: () => string | null,
  onEvent: (event: ServerEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await globalThis.fetch(url, { headers, signal, credentials: 'same-origin' });
  if (!response.ok || !response.body) throw new Error(`The event stream answered ${response.status}.`);
  await readServerEvents(response.body, onEvent, signal);
}
