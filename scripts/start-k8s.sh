#!/usr/bin/env bash
# Deploys x0tta6bl4 to the Kubernetes cluster of kubectl's current context: the kustomize base
# (k8s/) by default, or the Helm chart (helm/x0tta6bl4) with --helm. docs/deployment.md explains
# the prerequisites (the image in a registry the cluster pulls from, SPIRE with the SPIFFE CSI
# driver, the Secrets) and what to do after.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: scripts/start-k8s.sh [--dry-run] [--servicemonitor] [--helm] [--timeout DURATION]

Applies k8s/ (kubectl apply -k) to the cluster of kubectl's current context, in namespace
x0tta6bl4, and waits for the rollout.

  --dry-run         print what would be applied and change nothing (needs no cluster)
  --servicemonitor  also create a ServiceMonitor (needs the Prometheus operator's CRDs)
  --helm            install or upgrade the Helm chart instead (helm upgrade --install)
  --timeout D       how long to wait for the rollout (default 180s)
  -h, --help        this text

Environment:
  IMAGE=repo/x0tta6bl4:tag   the image to run (default x0tta6bl4:3.1.0, which the cluster must be
                             able to pull or already have, e.g. `kind load docker-image`)
USAGE
}

dry_run=false
servicemonitor=false
use_helm=false
timeout=180s
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --servicemonitor) servicemonitor=true ;;
    --helm) use_helm=true ;;
    --timeout)
      [ $# -ge 2 ] || { echo "start-k8s.sh: --timeout needs a duration such as 300s" >&2; exit 2; }
      timeout="$2"
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "start-k8s.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

namespace=x0tta6bl4
image="${IMAGE:-}"

fail() {
  echo "start-k8s.sh: $*" >&2
  exit 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 not found: $2"
}

need kubectl "install kubectl (https://kubernetes.io/docs/tasks/tools/) and point it at your cluster"
if $use_helm; then
  need helm "install Helm 3 (https://helm.sh/docs/intro/install/), or run without --helm to use kubectl apply -k"
fi

# A kustomization under target/ that adds the image and the ServiceMonitor to k8s/ (kustomize
# accepts only relative paths to other kustomizations).
kustomization_dir() {
  local dir=target/k8s-apply
  mkdir -p "$dir"
  {
    echo "apiVersion: kustomize.config.k8s.io/v1beta1"
    echo "kind: Kustomization"
    echo "resources:"
    echo "  - ../../k8s"
    if $servicemonitor; then
      echo "components:"
      echo "  - ../../k8s/components/servicemonitor"
    fi
    if [ -n "$image" ]; then
      echo "images:"
      echo "  - name: x0tta6bl4"
      echo "    newName: \"${image%:*}\""
      if [ "${image##*:}" != "$image" ] && [[ "${image##*:}" != */* ]]; then
        echo "    newTag: \"${image##*:}\""
      fi
    fi
  } >"$dir/kustomization.yaml"
  echo "$dir"
}

helm_args() {
  local args=(x0tta6bl4 helm/x0tta6bl4 --namespace "$namespace")
  if $servicemonitor; then
    args+=(--set serviceMonitor.enabled=true)
  fi
  if [ -n "$image" ]; then
    if [ "${image##*:}" != "$image" ] && [[ "${image##*:}" != */* ]]; then
      args+=(--set "image.repository=${image%:*}" --set "image.tag=${image##*:}")
    else
      args+=(--set "image.repository=$image")
    fi
  fi
  printf '%s\n' "${args[@]}"
}

if $dry_run; then
  if $use_helm; then
    mapfile -t args < <(helm_args)
    exec helm template "${args[@]}"
  fi
  exec kubectl kustomize "$(kustomization_dir)"
fi

context="$(kubectl config current-context 2>/dev/null)" ||
  fail "kubectl has no current context: set KUBECONFIG or run kubectl config use-context NAME"
kubectl version --request-timeout=10s >/dev/null 2>&1 ||
  fail "the cluster of context '$context' does not answer: check the context (kubectl config current-context), the VPN or the cluster itself (kubectl cluster-info)"
echo "cluster: context $context"

# What the pod needs from the cluster; without it the pod would wait forever in ContainerCreating.
if ! kubectl get csidriver csi.spiffe.io >/dev/null 2>&1; then
  echo "WARNING: no CSIDriver csi.spiffe.io in this cluster: install SPIRE with the SPIFFE CSI driver" >&2
  echo "         (docs/deployment.md), or the pod cannot mount the Workload API socket and will not start." >&2
fi
if $servicemonitor && ! kubectl get crd servicemonitors.monitoring.coreos.com >/dev/null 2>&1; then
  fail "--servicemonitor needs the Prometheus operator's CRDs (kubectl get crd servicemonitors.monitoring.coreos.com); install the operator or drop --servicemonitor"
fi

if $use_helm; then
  mapfile -t args < <(helm_args)
  helm upgrade --install "${args[@]}" --create-namespace --wait --timeout "$timeout"
else
  kubectl apply -k "$(kustomization_dir)"
  if ! kubectl -n "$namespace" get secret x0tta6bl4-secrets >/dev/null 2>&1; then
    echo "note: no Secret x0tta6bl4-secrets in namespace $namespace: the API token and webhook secret are unset (k8s/base/secret.example.yaml)"
  fi
  kubectl -n "$namespace" rollout status deployment/x0tta6bl4 --timeout="$timeout" ||
    fail "the rollout did not finish in $timeout: kubectl -n $namespace describe pod -l app.kubernetes.io/name=x0tta6bl4; kubectl -n $namespace logs deploy/x0tta6bl4"
fi
echo "x0tta6bl4 is running in namespace $namespace. Metrics and health:"
echo "  kubectl -n $namespace port-forward svc/x0tta6bl4-metrics 9090:9090 && curl -s localhost:9090/health/readiness"
