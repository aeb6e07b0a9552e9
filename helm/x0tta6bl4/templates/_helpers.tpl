{{/* The release's base name: the chart name, or nameOverride. */}}
{{- define "x0tta6bl4.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object names: the release name, with the chart name added unless the release name holds it. */}}
{{- define "x0tta6bl4.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "x0tta6bl4.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "x0tta6bl4.selectorLabels" -}}
app.kubernetes.io/name: {{ include "x0tta6bl4.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end -}}

{{- define "x0tta6bl4.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "x0tta6bl4.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: x0tta6bl4
{{- end -}}

{{- define "x0tta6bl4.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "x0tta6bl4.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret mounted under /run/secrets/x0tta6bl4, or empty when there is none. */}}
{{- define "x0tta6bl4.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if .Values.secrets.create -}}
{{- printf "%s-secrets" (include "x0tta6bl4.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* application-k8s.yml: .Values.config with the roles from .Values.security.roles. */}}
{{- define "x0tta6bl4.applicationConfig" -}}
{{- $config := deepCopy .Values.config -}}
{{- $roles := dict "x0tta6bl4" (dict "security" (dict "roles" (dict "viewer" .Values.security.roles.viewer "operator" .Values.security.roles.operator))) -}}
{{- toYaml (mustMergeOverwrite $config $roles) -}}
{{- end -}}

{{/* A file the chart ships (files/), or a failure naming it when it is missing or empty. */}}
{{- define "x0tta6bl4.requiredFile" -}}
{{- $content := .root.Files.Get .path -}}
{{- if not $content -}}
{{- fail (printf "%s is missing from the chart; it is needed by %s" .path .needBy) -}}
{{- end -}}
{{- $content -}}
{{- end -}}
