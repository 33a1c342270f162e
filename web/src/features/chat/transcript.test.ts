import { describe, expect, it } from 'vitest';
import { agentSays, userSays } from './testChat';
import { emptyTranscript, threads, transcriptReducer, type Transcript } from './transcript';
import { decodeTurnEvent, type TurnEvent } from './turnProtocol';

const apply = (state: Transcript, ...events: TurnEvent[]) => events.reduce((s, event) => transcriptReducer(s, { type: 'event', event }), state);

describe('the transcript', () => {
  it('appends deltas to the streaming answer and takes the final version with its usage', () => {
    const question = userSays('Why?', 1);
    const answer = agentSays('dev', '', { seq: 2, status: 'streaming' });
    const final = { ...answer, text: 'Because.', status: 'complete' as const, usage: { inputTokens: 10, outputTokens: 2 } };
    const state = apply(
      emptyTranscript,
      { type: 'message', message: answer },
      { type: 'message', message: question },
      { type: 'delta', messageId: answer.id, text: 'Beca' },
      { type: 'delta', messageId: answer.id, text: 'use.' },
    );
    expect(state.messages.map((m) => m.text)).toEqual(['Why?', 'Because.']);
    expect(state.finished).toBeNull();

    const done = apply(state, { type: 'message', message: final }, { type: 'done', status: 'complete', currentAgentId: 'dev' });
    expect(done.messages[1]).toEqual(final);
    expect(done.finished).toEqual(final);
    expect(done.currentAgentId).toBe('dev');
  });

  it('keeps streamed text an older streaming version of the message would cut short', () => {
    const answer = agentSays('dev', '', { seq: 2, status: 'streaming' });
    const state = apply(
      emptyTranscript,
      { type: 'message', message: answer },
      { type: 'delta', messageId: answer.id, text: 'Hello there' },
      { type: 'message', message: { ...answer, text: 'Hello' } },
    );
    expect(state.messages[0]?.text).toBe('Hello there');
  });

  it('holds text that arrives before its message until the message does', () => {
    const answer = agentSays('dev', '', { seq: 2, status: 'streaming' });
    const state = apply(emptyTranscript, { type: 'delta', messageId: answer.id, text: 'Early' }, { type: 'message', message: answer });
    expect(state.messages[0]?.text).toBe('Early');
    expect(state.early).toEqual({});
  });

  it('keeps a confirmation only while the turn awaits it', () => {
    const confirm: TurnEvent = { type: 'confirm', messageId: 'm', toolUseId: 'tu1', tool: 'run_workflow', input: {}, description: 'Run it' };
    const waiting = apply(emptyTranscript, confirm, { type: 'done', status: 'awaiting-confirmation', currentAgentId: 'dev' });
    expect(waiting.confirm?.toolUseId).toBe('tu1');
    expect(apply(waiting, { type: 'done', status: 'complete', currentAgentId: 'dev' }).confirm).toBeNull();
  });

  it("separates a consultation's inner messages from the conversation's own", () => {
    const consultation = agentSays('dev', 'Accessible?', { seq: 2, kind: 'consultation', targetAgentId: 'designer' });
    const inner = agentSays('designer', 'Yes.', { seq: 3, parentId: consultation.id });
    const { top, inner: byParent } = threads([userSays('Check', 1), consultation, inner, agentSays('dev', 'Done.', { seq: 4 })]);
    expect(top.map((m) => m.seq)).toEqual([1, 2, 4]);
    expect(byParent.get(consultation.id)).toEqual([inner]);
  });
});

describe('decoding turn events', () => {
  it('skips unknown events and malformed data rather than failing the turn', () => {
    expect(decodeTurnEvent({ event: 'usage', data: '{}' })).toBeNull();
    expect(decodeTurnEvent({ event: 'delta', data: 'not json' })).toBeNull();
    expect(decodeTurnEvent({ event: 'done', data: '{"status":"exploded"}' })).toBeNull();
    expect(decodeTurnEvent({ event: 'agent', data: '{"agentId":"debugger"}' })).toEqual({ type: 'agent', agentId: 'debugger' });
  });
});
