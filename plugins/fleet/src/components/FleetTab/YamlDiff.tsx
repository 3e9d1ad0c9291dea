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
    />
  );
}
