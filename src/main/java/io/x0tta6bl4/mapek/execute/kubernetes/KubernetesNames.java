package io.x0tta6bl4.mapek.execute.kubernetes;

import java.util.regex.Pattern;

/** The name rules of the API server (RFC 1123), checked before any request is sent. */
final class KubernetesNames {

  static final String LABEL_RULE =
      "a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or"
          + " digit, at most 63 characters)";
  static final String SUBDOMAIN_RULE =
      "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a"
          + " letter or digit, at most 253 characters)";

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
  private static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

  private KubernetesNames() {}

  /** Namespaces are labels. */
  static boolean isLabel(String name) {
    return name != null && name.length() <= 63 && LABEL_PATTERN.matcher(name).matches();
  }

  /** Pods, Deployments and StatefulSets are named by subdomains. */
  static boolean isSubdomain(String name) {
    return name != null && name.length() <= 253 && SUBDOMAIN_PATTERN.matcher(name).matches();
  }
}
