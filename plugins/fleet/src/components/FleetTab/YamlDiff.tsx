import { useTheme } from '@material-ui/core/styles';
import ReactDiffViewer, { DiffMethod } from 'react-diff-viewer-continued';

/**
 * Side-by-side diff of two YAML documents, drawn by react-diff-viewer-continued
 * (line diff, unchanged runs folded as GitHub folds them).
 */
export function YamlDiff(props: {
  before?: string;
  after?: string;
  leftTitle: string;
  rightTitle: string;
}) {
  const theme = useTheme();
  return (
    <ReactDiffViewer
      oldValue={props.before ?? ''}
      newValue={props.after ?? ''}
      splitView
      compareMethod={DiffMethod.LINES}
      leftTitle={props.leftTitle}
      rightTitle={props.rightTitle}
      extraLinesSurroundingDiff={3}
      useDarkTheme={theme.palette.type === 'dark'}
      // the viewer computes in a Web Worker made from a blob: URL, which
      // Backstage's default Content-Security-Policy for the app served by
      // the backend (script-src 'self' 'unsafe-eval', no blob:) refuses with
      // a console error; one app's YAML diffs in milliseconds on the page
      disableWorker
    />
  );
}
