package io.x0tta6bl4;

import io.x0tta6bl4.mapek.Analyzer;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.LoopMetrics;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.Monitor;
import io.x0tta6bl4.mapek.Tracing;
import io.x0tta6bl4.mapek.execute.HandlerExecutor;
import io.x0tta6bl4.mapek.monitor.TargetRegistry;
import io.x0tta6bl4.mapek.plan.PolicyPlanner;
import io.x0tta6bl4.mapek.plan.TargetGroups;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chains the five phase beans into the loop and ties the loop to the application's lifecycle. */
@Configuration(proxyBeanMethods = false)
class LoopConfiguration {

  @Bean
  MapeKLoop mapeKLoop(
      Monitor monitor,
      Analyzer analyzer,
      PolicyPlanner planner,
      HandlerExecutor executor,
      Knowledge knowledge,
      ObjectProvider<LoopMetrics> metrics,
      ObjectProvider<Tracing> tracing,
      Clock clock,
      LoopProperties properties) {
    checkEveryPolicyActionHasAHandler(planner, executor);
    return new MapeKLoop(
        new MapeKLoop.Phases(monitor, analyzer, planner, executor, knowledge),
        metrics.getIfAvailable(() -> LoopMetrics.NONE),
        tracing.getIfAvailable(() -> Tracing.NONE),
        clock,
        System::nanoTime,
        new MapeKLoop.Settings(properties.interval(), properties.mode(), properties.startPaused()));
  }

  /** Target groups for the planner's blast-radius limits, read from the target registry. */
  @Bean
  TargetGroups targetGroups(TargetRegistry targets) {
    return new TargetGroups() {
      @Override
      public Optional<String> groupOf(String target) {
        return targets.find(target).map(r -> r.target().group());
      }

      @Override
      public int size(String group) {
        return (int) targets.list().stream().filter(r -> group.equals(r.target().group())).count();
      }
    };
  }

  /** A policy naming an action kind no handler runs would fail at the worst moment: fail now. */
  static void checkEveryPolicyActionHasAHandler(PolicyPlanner planner, HandlerExecutor executor) {
    Set<String> unknown = new TreeSet<>(planner.actionKinds());
    unknown.removeAll(executor.kinds());
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          "x0tta6bl4.planner.policies name action kinds no handler runs: "
              + unknown
              + "; known kinds are "
              + executor.kinds());
    }
  }

  /**
   * Starts the loop once the context is ready (Flyway has migrated) and stops it first on close.
   */
  @Bean
  SmartLifecycle mapeKLoopLifecycle(MapeKLoop loop) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        loop.start();
      }

      @Override
      public void stop() {
        loop.stop(Duration.ofSeconds(10));
      }

      @Override
      public boolean isRunning() {
        return loop.isRunning();
      }
    };
  }
}
