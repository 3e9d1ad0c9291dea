/*
 * The usage text, on its own so that `fleet --help` loads nothing else.
 */

/** The usage text printed by `fleet --help` and on usage errors. */
export const USAGE = `Usage: fleet <command> [options]

Commands:
  kustomize <dir> [--repo <dir>]          kustomize build of one directory (Flux load rules); YAML on stdout
  build --repo <dir> --cluster <name>     everything Flux would apply to that cluster; YAML on stdout
  matrix --repo <dir> [--format table|json]
                                          what runs where (--json: --format json)
  check --repo <dir> [--format text|json] rule violations; exit 1 if any has severity error
  promote --repo <dir> --app <name> --to <cluster>[,<cluster>] [--strategy reference|overlay|common]
          [--from <cluster>] [--remove] [--enforce] [--dry-run]
                                          edit the repository in place; exit 1 when refused
                                          (--enforce: a Kyverno policy also goes Audit → Enforce)
  diff --repo <dir> --base <rev> [--head <rev>] [--format text|json|markdown]
                                          what every cluster gains, changes, loses between revisions

Every command but kustomize takes --cluster-path NAME=PATH (repeatable) for
clusters no discovery rule finds: NAME is built from the repository directory PATH.

Exit status: 0 success, 1 a failed build or check, 2 a usage error.
`;
