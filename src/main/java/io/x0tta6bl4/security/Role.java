package io.x0tta6bl4.security;

/** What a caller may do through the API; an operator may do everything a viewer may. */
public enum Role {
  /** Read: GET the loop, cycles, incidents, targets, knowledge. */
  VIEWER,
  /** Also change: pause and resume, run a cycle, targets, policies, approvals. */
  OPERATOR;

  public boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }
}
