import { renderTemplate, TemplateError } from './goTemplate';

const inputs = {
  tenant: 'team-a',
  replicas: 2,
  apps: ['web', 'api'],
  labels: { tier: 'back', env: 'prod' },
  empty: '',
};

describe('renderTemplate', () => {
  it('prints fields through inputs, .inputs and $', () => {
    expect(
      renderTemplate(
        'n: << inputs.tenant >>/<< .inputs.replicas >>/<< $.inputs.labels.tier >>',
        inputs,
      ),
    ).toBe('n: team-a/2/back');
  });

  it('runs pipelines with sprig functions, as the Flux Operator documents them', () => {
    expect(
      renderTemplate(
        '<< inputs.tenant | upper | quote >> << inputs.empty | default "none" >> << printf "%s-%d" inputs.tenant inputs.replicas >>',
        inputs,
      ),
    ).toBe('"TEAM-A" none team-a-2');
  });

  it('trims whitespace at <<- and ->>', () => {
    expect(renderTemplate('a  <<- inputs.tenant ->>  b', inputs)).toBe(
      'ateam-ab',
    );
  });

  it('branches with if, else if and else', () => {
    const t =
      '<< if eq inputs.tenant "x" >>x<< else if gt inputs.replicas 1 >>many<< else >>one<< end >>';
    expect(renderTemplate(t, inputs)).toBe('many');
  });

  it('ranges over lists with variables and over maps in key order', () => {
    expect(
      renderTemplate(
        '<< range $i, $a := inputs.apps >>[<< $i >>:<< $a >>]<< end >><< range $k, $v := inputs.labels >><< $k >>=<< $v >>;<< end >>',
        inputs,
      ),
    ).toBe('[0:web][1:api]env=prod;tier=back;');
  });

  it('sets dot with with and skips it for an empty value', () => {
    expect(
      renderTemplate(
        '<< with inputs.labels >><< .tier >><< end >><< with inputs.empty >>x<< else >>none<< end >>',
        inputs,
      ),
    ).toBe('backnone');
  });

  it('reports functions outside the subset instead of guessing', () => {
    expect(() =>
      renderTemplate('<< inputs.tenant | sha1sum >>', inputs),
    ).toThrow(new TemplateError("function 'sha1sum' is not supported"));
    expect(() => renderTemplate('<< define "x" >><< end >>', inputs)).toThrow(
      TemplateError,
    );
  });
});
