import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './eventStream';

describe('the event stream parser', () => {
  it('splits events across chunks and skips comments', () => {
    const parser = new EventStreamParser();
    expect(parser.push(':subscribed\n\nevent:snap')).toEqual([]);
    expect(parser.push('shot\ndata:{"a":1}\n\nevent: node\r\ndata: {"b"')).toEqual([{ event: 'snapshot', data: '{"a":1}' }]);
    expect(parser.push(':2}\r\n\r\n')).toEqual([{ event: 'node', data: '{"b":2}' }]);
  });

  it('joins multi-line data and defaults the event name', () => {
    expect(new EventStreamParser().push('data: one\ndata: two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});
