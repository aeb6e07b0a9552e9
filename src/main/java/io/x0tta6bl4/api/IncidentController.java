package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Knowledge.IncidentDetail;
import io.x0tta6bl4.mapek.Knowledge.IncidentSummary;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents: problems from detection to resolution or escalation, with their timelines. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "incidents", description = "Detected problems, what was done, and how they ended")
class IncidentController {

  private final Knowledge knowledge;

  IncidentController(Knowledge knowledge) {
    this.knowledge = knowledge;
  }

  @GetMapping
  @Operation(summary = "Incidents, newest first; filter by state and target")
  Knowledge.Page<IncidentSummary> incidents(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String target,
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be at least 0") int page,
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be between 1 and 500")
          @Max(value = 500, message = "must be between 1 and 500")
          int size) {
    return knowledge.incidents(
        QueryParams.enumValue(IncidentState.class, "state", state),
        QueryParams.blankToNull(target),
        page,
        size);
  }

  @GetMapping("/{id}")
  @Operation(
      summary =
          "One incident with its timeline: detected, each action and outcome, verified, resolved")
  IncidentDetail incident(@PathVariable String id) {
    return knowledge
        .incident(id)
        .orElseThrow(() -> new NotFoundException("incident '" + id + "' not found"));
  }
}
