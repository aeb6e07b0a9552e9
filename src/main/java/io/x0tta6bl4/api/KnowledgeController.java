package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Knowledge.ActionRecord;
import io.x0tta6bl4.mapek.Knowledge.AnomalyRecord;
import io.x0tta6bl4.mapek.OutcomeStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What Knowledge recorded: anomalies, actions with their outcomes, and statistics. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "knowledge", description = "Anomalies, actions and statistics recorded by Knowledge")
class KnowledgeController {

  private final Knowledge knowledge;

  KnowledgeController(Knowledge knowledge) {
    this.knowledge = knowledge;
  }

  @GetMapping("/anomalies")
  @Operation(summary = "Confirmed anomalies, newest first, optionally by target and symptom")
  Knowledge.Page<AnomalyRecord> anomalies(
      @RequestParam(required = false) String target,
      @RequestParam(required = false) String symptom,
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be at least 0") int page,
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be between 1 and 500")
          @Max(value = 500, message = "must be between 1 and 500")
          int size) {
    return knowledge.anomalies(
        QueryParams.blankToNull(target), QueryParams.blankToNull(symptom), page, size);
  }

  @GetMapping("/actions")
  @Operation(summary = "Actions the Executor ran or dry-ran, newest first, optionally by status")
  Knowledge.Page<ActionRecord> actions(
      @RequestParam(required = false)
          @Parameter(description = "one of SUCCEEDED, FAILED, DRY_RUN, AWAITING_APPROVAL, SKIPPED")
          String status,
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be at least 0") int page,
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be between 1 and 500")
          @Max(value = 500, message = "must be between 1 and 500")
          int size) {
    return knowledge.actions(
        QueryParams.enumValue(OutcomeStatus.class, "status", status), page, size);
  }

  @GetMapping("/actions/{id}")
  @Operation(summary = "One action with its outcome")
  ActionRecord action(@PathVariable String id) {
    return knowledge
        .action(id)
        .orElseThrow(() -> new NotFoundException("action '" + id + "' not found"));
  }

  @GetMapping("/knowledge/stats")
  @Operation(summary = "Counts, outcome totals, mean cycle time and success rates")
  Knowledge.Stats stats() {
    return knowledge.stats();
  }
}
