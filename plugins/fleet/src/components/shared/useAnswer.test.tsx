import { act, render, screen } from '@testing-library/react';
import { RecentAnswers } from '../../api/RecentAnswers';
import { useAnswer } from './useAnswer';

function Probe(props: { request: Promise<string> }) {
  const state = useAnswer(props.request);
  if (state.loading) return <p>loading</p>;
  if (state.error) return <p>error: {state.error.message}</p>;
  return <p>value: {state.value}</p>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAnswer', () => {
  it('shows loading, then the value', async () => {
    const d = deferred<string>();
    render(<Probe request={d.promise} />);
    expect(screen.getByText('loading')).toBeInTheDocument();
    await act(async () => d.resolve('podinfo'));
    expect(screen.getByText('value: podinfo')).toBeInTheDocument();
  });

  it('shows the error of a rejected request', async () => {
    const d = deferred<string>();
    render(<Probe request={d.promise} />);
    await act(async () => d.reject(new Error('down')));
    expect(screen.getByText('error: down')).toBeInTheDocument();
  });

  it('takes an answer that settled before the first commit', async () => {
    render(<Probe request={Promise.resolve('early')} />);
    expect(await screen.findByText('value: early')).toBeInTheDocument();
  });

  it('shows loading for a new request, and never the answer of the one it replaced', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const { rerender } = render(<Probe request={first.promise} />);
    await act(async () => first.resolve('first'));
    rerender(<Probe request={second.promise} />);
    expect(screen.getByText('loading')).toBeInTheDocument();
    await act(async () => second.resolve('second'));
    expect(screen.getByText('value: second')).toBeInTheDocument();
  });

  it('renders a request the client has seen settle from its value, with no loading frame', async () => {
    const recent = new RecentAnswers();
    const failed = recent.get('failed', async () => {
      throw new Error('down');
    });
    const answered = recent.get('answered', async () => 'prefetched');
    await answered;
    await failed.catch(() => undefined);
    const rendered: string[] = [];
    function Recorder(props: { request: Promise<string> }) {
      const state = useAnswer(props.request);
      rendered.push(state.loading ? 'loading' : state.value ?? 'error');
      return null;
    }
    const { rerender } = render(<Recorder request={answered} />);
    expect(rendered).toEqual(['prefetched']);
    rerender(<Recorder request={failed} />);
    expect(rendered).toEqual(['prefetched', 'error']);
  });
});
