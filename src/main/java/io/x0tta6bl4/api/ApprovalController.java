package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Knowledge.ActionRecord;
import io.x0tta6bl4.mapek.execute.HandlerExecutor;
import io.x0tta6bl4.mapek.execute.NotAwaitingApprovalException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approvals: an action whose policy step says {@code approval: required} waits as AWAITING_APPROVAL
 * until an operator approves it (it runs at once) or rejects it (SKIPPED).
 */
@RestController
@RequestMapping("/api/v1/actions")
@Tag(name = "approvals", description = "Actions waiting for a person")
class ApprovalController {

  private static final Logger log = LoggerFactory.getLogger(ApprovalController.class);

  private final HandlerExecutor executor;
  private final Knowledge knowledge;

  ApprovalController(HandlerExecutor executor, Knowledge knowledge) {
    this.executor = executor;
    this.knowledge = knowledge;
  }

  /** Why an action is rejected, for the record. */
  record Rejection(String reason) {}

  @GetMapping("/pending")
  @Operation(summary = "Actions waiting for approval, with when each expires")
  List<PendingView> pending() {
    return executor.pendingApprovals().stream()
        .map(
            p ->
                new PendingView(
                    p.action().id(),
                    p.action().kind(),
                    p.action().target(),
                    p.action().reason(),
                    p.expiresAt()))
        .toList();
  }

  /** An action waiting for approval. */
  record PendingView(
      String id, String kind, String target, String reason, java.time.Instant expiresAt) {}

  @PostMapping("/{id}/approve")
  @Operation(summary = "Approve a waiting action: it runs now; answers the action with its outcome")
  ActionRecord approve(@PathVariable String id) {
    try {
      executor.approve(id);
    } catch (NotAwaitingApprovalException e) {
      throw notWaiting(id, e);
    }
    log.info("action {} approved through the API", id);
    return recorded(id);
  }

  @PostMapping("/{id}/reject")
  @Operation(summary = "Reject a waiting action: it is recorded as SKIPPED with the reason")
  ActionRecord reject(@PathVariable String id, @RequestBody(required = false) Rejection rejection) {
    String reason =
        rejection == null || rejection.reason() == null || rejection.reason().isBlank()
            ? "rejected by an operator"
            : rejection.reason();
    try {
      executor.reject(id, reason);
    } catch (NotAwaitingApprovalException e) {
      throw notWaiting(id, e);
    }
    log.info("action {} rejected through the API: {}", id, reason);
    return recorded(id);
  }

  private RuntimeException notWaiting(String id, NotAwaitingApprovalException e) {
    return knowledge.action(id).isPresent()
        ? new ConflictException(e.getMessage())
        : new NotFoundException("action '" + id + "' not found");
  }

  private ActionRecord recorded(String id) {
    return knowledge
        .action(id)
        .orElseThrow(() -> new NotFoundException("action '" + id + "' not found"));
  }
}
