import { useLayoutEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { settledAnswer } from '../../api/RecentAnswers';

/** What {@link useAnswer} holds: loading until the promise settles, then its value or error. */
export type AnswerState<T> =
  | { loading: true; value?: undefined; error?: undefined }
  | { loading: false; value: T; error?: undefined }
  | { loading: false; value?: undefined; error: Error };

/**
 * The state of `request`, a promise made during render (memoized by the
 * caller), committed on its own as soon as it settles.
 *
 * Why not react-use's `useAsync`: it subscribes in a passive effect, after
 * the whole entity page has committed, and its `setState` joins React's
 * default-priority batch with every other card's updates (relation cards,
 * the header), so the answer waited behind the page's render for hundreds of
 * milliseconds (scripts/bench/benchFrontend.ts). Here the subscription is
 * made in a layout effect (at the card's commit) and the one state update is
 * flushed synchronously (`flushSync`, React's documented way to commit an
 * update ahead of pending work): only this card re-renders, and the answer
 * is on screen in the task that received it.
 *
 * A request the client answered already (FleetClient's recent answers: the
 * prefetch at route match landed before the card mounted) is rendered from
 * its value in the card's first commit, with no loading frame.
 */
export function useAnswer<T>(request: Promise<T>): AnswerState<T> {
  const [state, setState] = useState<{
    request: Promise<T>;
    answer: AnswerState<T>;
  }>(() => ({ request, answer: knownAnswer(request) }));

  // a new request shows loading until it settles, never the last answer
  const answer =
    state.request === request ? state.answer : knownAnswer(request);
  const pending = answer.loading;

  useLayoutEffect(() => {
    // rendered from a known answer: nothing to wait for
    if (!pending) return undefined;
    let live = true;
    const settle = (settled: AnswerState<T>) => {
      if (!live) return;
      flushSync(() => setState({ request, answer: settled }));
    };
    request.then(
      value => settle({ loading: false, value }),
      error =>
        settle({
          loading: false,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    );
    return () => {
      live = false;
    };
  }, [request, pending]);

  return answer;
}

/** The answer of a request the client has seen settle, else loading. */
function knownAnswer<T>(request: Promise<T>): AnswerState<T> {
  const settled = settledAnswer(request);
  if (!settled) return { loading: true };
  if (settled.ok) return { loading: false, value: settled.value };
  const { error } = settled;
  return {
    loading: false,
    error: error instanceof Error ? error : new Error(String(error)),
  };
}
