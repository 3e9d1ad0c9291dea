import { serialized } from './commitToBranch';

describe('serialized', () => {
  it('starts a call for a repository only after the earlier one settled, failed or not', async () => {
    const events: string[] = [];
    let release!: () => void;
    const first = serialized('/repo', async () => {
      events.push('first started');
      await new Promise<void>(r => {
        release = r;
      });
      events.push('first done');
      throw new Error('first failed');
    });
    const second = serialized('/repo', async () => {
      events.push('second started');
      return 2;
    });
    const other = serialized('/other', async () => {
      events.push('other repository started');
    });
    await other;
    await new Promise(r => setImmediate(r));
    expect(events).toEqual(['first started', 'other repository started']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(events).toEqual([
      'first started',
      'other repository started',
      'first done',
      'second started',
    ]);
  });
});
