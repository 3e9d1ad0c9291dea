import {
  entryLabel,
  fileUrl,
  imageName,
  imageTag,
  promoteUrl,
  skewed,
} from './format';

describe('format', () => {
  it('reads tags, digests and names of images', () => {
    expect(imageTag('ghcr.io/stefanprodan/podinfo:6.9.0')).toBe('6.9.0');
    expect(imageTag('localhost:5000/nginx')).toBe('latest');
    expect(imageTag('nginx@sha256:0123456789abcdef0123')).toBe(
      'sha256:0123456789ab',
    );
    expect(imageName('ghcr.io/stefanprodan/podinfo:6.9.0')).toBe('podinfo');
  });

  it('names the entry by base or overlay', () => {
    expect(entryLabel('apps/podinfo/base', 'apps/podinfo')).toBe('base');
    expect(entryLabel('apps/podinfo/overlays/prod', 'apps/podinfo')).toBe(
      'overlay prod',
    );
    expect(entryLabel('apps/podinfo', 'apps/podinfo')).toBe('definition root');
    expect(entryLabel(undefined)).toBe('—');
  });

  it('links files only when the repository host is known', () => {
    expect(
      fileUrl('https://github.com/o/r/tree/abc/', {
        file: 'a/b.yaml',
        line: 3,
      }),
    ).toBe('https://github.com/o/r/tree/abc/a/b.yaml#L3');
    expect(fileUrl(null, { file: 'a/b.yaml', line: 3 })).toBeUndefined();
  });

  it('opens the promote template with the form filled', () => {
    const url = new URL(promoteUrl('foo-app', ['prod']), 'http://x');
    expect(url.pathname).toBe('/create/templates/default/promote-app');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      app: 'foo-app',
      to: ['prod'],
    });
  });

  it('flags values that differ between clusters', () => {
    expect(skewed([1, 2, undefined])).toBe(true);
    expect(skewed([['a'], ['a'], undefined])).toBe(false);
  });
});
