import { RecentAnswers, settledAnswer } from './RecentAnswers';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RecentAnswers', () => {
  it('counts the TTL from the answer, not from the request', async () => {
    const time = clock();
    const recent = new RecentAnswers({ ttlMs: 100, now: time.now });
    let resolve!: (v: string) => void;
    const slow = recent.get('a', () => new Promise<string>(r => (resolve = r)));
    time.advance(500);
    expect(recent.peek('a')).toBe(slow);
    resolve('answer');
    await slow;
    time.advance(100);
    expect(recent.peek('a')).toBe(slow);
    time.advance(1);
    expect(recent.peek('a')).toBeUndefined();
  });

  it('drops the oldest entry beyond its bound', async () => {
    const recent = new RecentAnswers({ maxEntries: 2 });
    const a = recent.get('a', async () => 1);
    recent.get('b', async () => 2);
    recent.get('c', async () => 3);
    expect(recent.peek('a')).toBeUndefined();
    expect(recent.peek('b')).toBeDefined();
    expect(recent.peek('c')).toBeDefined();
    await expect(a).resolves.toBe(1);
  });

  it('drops a failure once it settles, and records it for settledAnswer', async () => {
    const recent = new RecentAnswers();
    const error = new Error('down');
    const failed = recent.get('a', async () => {
      throw error;
    });
    await expect(failed).rejects.toBe(error);
    expect(recent.peek('a')).toBeUndefined();
    expect(settledAnswer(failed)).toEqual({ ok: false, error });
  });

  it('knows nothing of promises it did not hand out', () => {
    expect(settledAnswer(Promise.resolve(1))).toBeUndefined();
  });
});
