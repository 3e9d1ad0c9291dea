import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import type { FleetOverviewResponse } from '@flux-fleet/backstage-plugin-fleet-common';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';

/** The clusters the app (name or unit id) does not run on: the promotion targets. */
export function absentClusters(
  overview: FleetOverviewResponse,
  app: string | undefined,
): string[] {
  const row = overview.rows.find(r => r.name === app || r.id === app);
  return overview.clusters.map(c => c.name).filter(c => !row?.clusters[c]);
}

/**
 * Scaffolder field `FleetClusterPicker`: the clusters where the app chosen in
 * the form's `app` field (or `ui:options.appField`) is absent. The value is an
 * array, or a string when the schema's type is `string`.
 */
export function FleetClusterPicker(
  props: FieldExtensionComponentProps<string[] | string, { appField?: string }>,
) {
  const {
    formData,
    onChange,
    schema,
    required,
    rawErrors,
    uiSchema,
    formContext,
  } = props;
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () => fleetApi.getOverview(),
    [fleetApi],
  );
  const appField = uiSchema?.['ui:options']?.appField ?? 'app';
  const app: string | undefined = formContext?.formData?.[appField];
  const multiple = schema.type !== 'string';
  let selected: string[] = [];
  if (Array.isArray(formData)) selected = formData;
  else if (formData) selected = [formData];
  if (loading) return <Progress />;
  const options = value ? absentClusters(value, app) : [];
  const toggle = (cluster: string, on: boolean) => {
    if (!multiple) {
      onChange(on ? cluster : undefined);
      return;
    }
    onChange(
      on
        ? [...selected.filter(c => c !== cluster), cluster]
        : selected.filter(c => c !== cluster),
    );
  };
  let help = schema.description ?? 'Clusters where the app does not run yet';
  if (error) help = `The fleet could not be read: ${error.message}`;
  else if (!app) help = 'Choose the app first';
  else if (options.length === 0) help = `${app} already runs on every cluster`;
  return (
    <FormControl
      margin="normal"
      required={required}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
    >
      <FormLabel>{schema.title ?? 'Clusters'}</FormLabel>
      <FormGroup row>
        {options.map(cluster => (
          <FormControlLabel
            key={cluster}
            label={cluster}
            control={
              <Checkbox
                checked={selected.includes(cluster)}
                onChange={e => toggle(cluster, e.target.checked)}
              />
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>{help}</FormHelperText>
    </FormControl>
  );
}
