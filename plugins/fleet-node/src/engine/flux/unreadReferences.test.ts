import { snapshotOf } from '../testing/snapshots';
import type { Problem } from '../core/types';
import {
  explainUnread,
  unreadFiles,
  unreadInGenerated,
} from './unreadReferences';

const refused = (file: string, rule = 'file-too-large'): Problem => ({
  severity: 'error',
  rule,
  cluster: null,
  file,
  line: null,
  message: `${file} was refused.`,
});

describe('unreadReferences', () => {
  const snapshot = snapshotOf({
    'apps/web/deploy.yaml': 'kind: Deployment\n',
    'apps/web/job/kustomization.yaml': 'resources: []\n',
  });
  snapshot.problems.push(
    refused('apps/web/huge.yaml'),
    refused('apps/web/job/big.yaml'),
    refused('apps/web/notes.txt'),
    refused('apps/webhooks/x.yaml', 'symlink-escape'),
  );
  const unread = unreadFiles(snapshot);

  it("restates a missing-path naming a refused file with the loader's reason, at the entry", () => {
    const p = {
      severity: 'error' as const,
      rule: 'missing-path',
      file: 'apps/web/kustomization.yaml',
      line: 3,
      message:
        'apps/web/kustomization.yaml: resources.1 huge.yaml does not exist (apps/web/huge.yaml).',
    };
    expect(explainUnread(p, unread)).toEqual({
      ...p,
      rule: 'file-too-large',
      message:
        'apps/web/kustomization.yaml:3 references apps/web/huge.yaml, which was not read: apps/web/huge.yaml was refused.',
    });
    const other = {
      ...p,
      message: 'resources.1 apps/web/huge.yaml.bak does not exist.',
    };
    expect(explainUnread(other, unread)).toBe(other);
  });

  it('lists the refused manifests a generated kustomization would take, not those under a kustomization of their own', () => {
    expect(
      unreadInGenerated(snapshot, 'apps/web', unread).map(p => p.file),
    ).toEqual(['apps/web/huge.yaml']);
    expect(unreadInGenerated(snapshot, 'apps/web/job', unread)).toEqual([]);
  });
});
