package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.PeerTls;
import io.x0tta6bl4.mapek.Tracing;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the action handlers and the {@code Executor} bean from {@link ExecutorProperties}. */
@Configuration(proxyBeanMethods = false)
class ExecuteConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ExecuteConfiguration.class);

  @Bean
  SpringReadinessSwitch readinessSwitch(
      ApplicationEventPublisher publisher, ApplicationAvailability availability) {
    return new SpringReadinessSwitch(publisher, availability);
  }

  @Bean(name = "Executor", destroyMethod = "close")
  HandlerExecutor executor(
      ExecutorProperties properties,
      Clock clock,
      ReadinessSwitch readinessSwitch,
      ObjectProvider<ActionHandler> contributed,
      ObjectProvider<Knowledge> knowledge,
      ObjectProvider<PeerTls> peerTls,
      ObjectProvider<Tracing> tracingProvider) {
    ExecutorProperties.Webhook webhook = properties.webhook();
    Tracing tracing = tracingProvider.getIfAvailable(() -> Tracing.NONE);
    List<ActionHandler> handlers = new ArrayList<>();
    // handlers of other packages (kubernetes) are beans of their own configuration
    contributed.orderedStream().forEach(handlers::add);
    Collections.addAll(
        handlers,
        new LogActionHandler(),
        new WebhookActionHandler(
            WebhookActionHandler.httpClient(webhook),
            peerTls.getIfAvailable(PeerTls::unavailable),
            webhook,
            properties.actionTimeout(),
            clock,
            Sleeper.THREAD,
            tracing),
        new ReadinessActionHandler(readinessSwitch),
        new GcActionHandler(
            ManagementFactory.getMemoryMXBean(), ManagementFactory.getRuntimeMXBean()),
        new CommandActionHandler(
            properties.command(), properties.actionTimeout(), System.getenv()));
    Knowledge store = knowledge.getIfAvailable();
    Approvals.OutcomeSink sink = store == null ? (id, outcome) -> false : store::completeAwaiting;
    Approvals approvals = new Approvals(properties.approvalTimeout(), sink);
    if (store != null) {
      int resumed = approvals.resume(store);
      if (resumed > 0) {
        log.info("{} actions wait for approval again after the restart", resumed);
      }
    }
    return new HandlerExecutor(
        handlers,
        properties.actionTimeout(),
        properties.maxConcurrent(),
        clock,
        approvals,
        tracing);
  }
}
