package io.x0tta6bl4.mapek.plan;

import java.util.Optional;

/** Which group a target belongs to and how many targets the group has, for blast-radius limits. */
public interface TargetGroups {

  TargetGroups NONE =
      new TargetGroups() {
        @Override
        public Optional<String> groupOf(String target) {
          return Optional.empty();
        }

        @Override
        public int size(String group) {
          return 0;
        }
      };

  Optional<String> groupOf(String target);

  /** Members of the group, 0 when it is unknown. */
  int size(String group);
}
