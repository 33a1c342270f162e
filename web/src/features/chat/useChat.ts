import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Problem } from '../../api/client';
import { ProblemError, asProblem } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { loadMessages, loadTurnState, stopTurn, streamTurn } from './chatApi';
import { emptyTranscript, transcriptReducer } from './transcript';
import { turnPaths, type ConfirmationRequest, type MessageView, type SendMessageRequest } from './turnProtocol';

export type TurnPhase = 'idle' | 'running' | 'stopping';

/**
 * A conversation's transcript and its turns: loads the messages, sends a message (or a retry, or
 * the answer to a confirmation) and applies the answering stream's events as they arrive. One turn
 * runs at a time; leaving the conversation aborts the stream.
 */
export function useChat(conversationId: string, initialAgentId: string | null, onTurnEnded: () => void) {
  const [transcript, dispatch] = useReducer(transcriptReducer, initialAgentId, (currentAgentId) => ({ ...emptyTranscript, currentAgentId }));
  const [phase, setPhase] = useState<TurnPhase>('idle');
  const [turnProblem, setTurnProblem] = useState<Problem | null>(null);
  const stored = useQuery<MessageView[]>(conversationId, () => loadMessages(conversationId));
  const stream = useRef<AbortController | null>(null);
  const onTurnEndedRef = useRef(onTurnEnded);
  onTurnEndedRef.current = onTurnEnded;

  useEffect(() => {
    if (stored.data) dispatch({ type: 'loaded', messages: stored.data });
  }, [stored.data]);

  // After a reload: a question still waiting for the person comes back, and an answer still being
  // written (by the turn this page no longer reads) shows as running until it ends.
  const resumed = useRef<string | null>(null);
  useEffect(() => {
    if (!stored.data || resumed.current === conversationId) return;
    resumed.current = conversationId;
    let cancelled = false;
    const follow = async () => {
      try {
        const state = await loadTurnState(conversationId);
        if (cancelled || stream.current) return;
        const waiting = state.waiting[0];
        if (waiting) dispatch({ type: 'event', event: { type: 'confirm', ...waiting, input: waiting.input ?? {} } });
        if (state.running) {
          setPhase('running');
          window.setTimeout(() => void follow(), 1500);
        } else if (resumed.current === conversationId) {
          setPhase((p) => {
            if (p !== 'idle') stored.reload();
            return 'idle';
          });
        }
      } catch {
        // The turn state is a convenience: without it the page still shows what is stored.
      }
    };
    void follow();
    return () => {
      cancelled = true;
    };
  }, [stored.data, conversationId, stored.reload]);

  // Leaving the page (or this conversation) ends the stream this page reads.
  useEffect(() => () => stream.current?.abort(), [conversationId]);

  /** Runs one turn; resolves false when the server refused it before streaming (a Problem). */
  const run = useCallback(
    async (path: string, body: SendMessageRequest | ConfirmationRequest | undefined): Promise<boolean> => {
      const controller = new AbortController();
      stream.current = controller;
      setPhase('running');
      setTurnProblem(null);
      let ended = false;
      let refused = false;
      try {
        await streamTurn(
          path,
          body,
          (event) => {
            if (event.type === 'done') ended = true;
            dispatch({ type: 'event', event });
          },
          controller.signal,
        );
      } catch (error) {
        if (controller.signal.aborted) return true;
        refused = error instanceof ProblemError;
        setTurnProblem(asProblem(error));
      }
      if (controller.signal.aborted) return true;
      stream.current = null;
      setPhase('idle');
      // A stream that broke off before `done` may have missed messages: read them from the server.
      if (!ended && !refused) stored.reload();
      onTurnEndedRef.current();
      return !refused;
    },
    [stored.reload],
  );

  const send = useCallback((text: string) => run(turnPaths.send(conversationId), { text }), [run, conversationId]);
  const retry = useCallback(() => run(turnPaths.retry(conversationId), undefined), [run, conversationId]);
  const answer = useCallback(
    (approve: boolean) => {
      const toolUseId = transcript.confirm?.toolUseId;
      if (!toolUseId) return Promise.resolve(false);
      dispatch({ type: 'confirm-answered' });
      return run(turnPaths.confirm(conversationId, toolUseId), { approve });
    },
    [run, conversationId, transcript.confirm],
  );

  /** Asks the server to stop; the stream then ends with the answer as far as it got (`stopped`). */
  const stop = useCallback(async () => {
    setPhase('stopping');
    try {
      await stopTurn(conversationId);
    } catch (error) {
      setTurnProblem(asProblem(error));
      setPhase((p) => (p === 'stopping' ? 'running' : p));
    }
  }, [conversationId]);

  const setAgent = useCallback((agentId: string) => dispatch({ type: 'agent', agentId }), []);

  return { transcript, phase, loading: stored.loading && !stored.data, problem: turnProblem ?? stored.problem, send, retry, answer, stop, setAgent };
}
