/*
 * Random kustomization files for the resources editor's property tests
 * (fast-check): comments everywhere a person writes them — head, inline,
 * between entries, on the key, after the list — block lists at the key's
 * column or indented, flow lists on one line or several, entries plain or
 * quoted.
 */
import fc from 'fast-check';

export const LIST = 'clusters/prod/apps/kustomization.yaml';
export const SEED = 20261201;
export const RUNS = 300;

/** A generated kustomization file and what it holds. */
export interface Fixture {
  text: string;
  entries: string[];
  /** Comment tokens, each with the entry whose line it sits on (if any). */
  comments: { token: string; on?: string }[];
  flow: boolean;
}

const entryName = fc.constantFrom(
  '../../../apps/podinfo/base',
  '../../../apps/foo-app/overlays/prod',
  'namespace.yaml',
  './local',
  '../../../infrastructure/controllers/ingress-nginx',
  'app with space',
  'odd#hash',
);

/** Random kustomization files (LF line ends, one document). */
export const fixture: fc.Arbitrary<Fixture> = fc
  .record({
    entries: fc.uniqueArray(entryName, { minLength: 1, maxLength: 6 }),
    quotes: fc.array(fc.constantFrom('', '"', "'"), {
      minLength: 6,
      maxLength: 6,
    }),
    inline: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    between: fc.array(fc.constantFrom('none', 'comment', 'blank'), {
      minLength: 6,
      maxLength: 6,
    }),
    style: fc.constantFrom('block0', 'block2', 'block4', 'flow1', 'flowN'),
    head: fc.boolean(),
    keyComment: fc.boolean(),
    kind: fc.boolean(),
    tail: fc.constantFrom('none', 'patches', 'images'),
    finalNewline: fc.boolean(),
  })
  .map(f => {
    let n = 0;
    const comments: Fixture['comments'] = [];
    const c = (on?: string) => {
      const token = `c${n++}`;
      comments.push({ token, on });
      return `# ${token}`;
    };
    // the generator quotes `#` always, though only ` #` starts a comment
    const show = (e: string, i: number) => {
      const q = f.quotes[i] || (e.includes('#') ? '"' : '');
      return `${q}${e}${q}`;
    };
    const lines: string[] = [];
    if (f.head) lines.push(c(), '');
    if (f.kind)
      lines.push(
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
      );
    if (f.style.startsWith('block')) {
      const pad = ' '.repeat(Number(f.style.slice(5)));
      lines.push(`resources:${f.keyComment ? ` ${c()}` : ''}`);
      f.entries.forEach((e, i) => {
        if (i > 0 && f.between[i] === 'comment') lines.push(`${pad}${c()}`);
        if (i > 0 && f.between[i] === 'blank') lines.push('');
        lines.push(`${pad}- ${show(e, i)}${f.inline[i] ? ` ${c(e)}` : ''}`);
      });
    } else if (f.style === 'flow1') {
      const items = f.entries.map(show).join(', ');
      lines.push(`resources: [${items}]${f.keyComment ? ` ${c()}` : ''}`);
    } else {
      lines.push('resources: [');
      f.entries.forEach((e, i) => {
        if (i > 0 && f.between[i] === 'comment') lines.push(`  ${c()}`);
        const comma = i < f.entries.length - 1 ? ',' : '';
        lines.push(`  ${show(e, i)}${comma}${f.inline[i] ? ` ${c(e)}` : ''}`);
      });
      lines.push(']');
    }
    if (f.tail === 'patches') lines.push(`patches: [] ${c()}`);
    if (f.tail === 'images')
      lines.push(
        c(),
        'images:',
        '  - name: podinfo',
        `    newTag: "6.9.0" ${c()}`,
      );
    const text = lines.join('\n') + (f.finalNewline ? '\n' : '');
    return {
      text,
      entries: f.entries,
      comments,
      flow: !f.style.startsWith('block'),
    };
  });
