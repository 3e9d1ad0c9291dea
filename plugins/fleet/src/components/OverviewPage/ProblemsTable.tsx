import { InfoCard, Link, Table, TableColumn } from '@backstage/core-components';
import type { FleetProblem } from '@flux-fleet/backstage-plugin-fleet-common';
import { fileUrl } from '../shared/format';

function columns(
  repositoryUrl: string | null | undefined,
): TableColumn<FleetProblem>[] {
  return [
    { title: 'Severity', field: 'severity', width: '8%' },
    { title: 'Rule', field: 'rule', width: '15%' },
    { title: 'Cluster', render: p => p.cluster ?? 'all', width: '8%' },
    {
      title: 'File',
      render: p => {
        if (!p.file) return '—';
        const text = `${p.file}${p.line ? `:${p.line}` : ''}`;
        const href = fileUrl(repositoryUrl, p);
        return href ? <Link to={href}>{text}</Link> : text;
      },
    },
    { title: 'Message', field: 'message' },
  ];
}

/** The repository checks: every problem with its rule and a link to the file and line. */
export function ProblemsTable(props: {
  problems: FleetProblem[];
  repositoryUrl?: string | null;
}) {
  if (props.problems.length === 0) {
    return <InfoCard title="Repository checks">No problems found.</InfoCard>;
  }
  return (
    <Table
      title={`Repository checks (${props.problems.length})`}
      options={{
        paging: props.problems.length > 20,
        pageSize: 20,
        padding: 'dense',
        search: true,
      }}
      columns={columns(props.repositoryUrl)}
      data={props.problems}
    />
  );
}
