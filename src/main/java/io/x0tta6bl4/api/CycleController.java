package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Knowledge.CycleDetail;
import io.x0tta6bl4.mapek.Knowledge.CycleSummary;
import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.Snapshot;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recorded cycles, running one now, and the newest snapshot. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "cycles", description = "Cycles the loop ran, and what the Monitor saw last")
class CycleController {

  static final String CYCLES = "/api/v1/cycles";

  private static final Logger log = LoggerFactory.getLogger(CycleController.class);

  private final LoopControl loop;
  private final Knowledge knowledge;

  CycleController(LoopControl loop, Knowledge knowledge) {
    this.loop = loop;
    this.knowledge = knowledge;
  }

  @GetMapping("/cycles")
  @Operation(summary = "Recorded cycles, newest first")
  Knowledge.Page<CycleSummary> cycles(
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be at least 0") int page,
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be between 1 and 500")
          @Max(value = 500, message = "must be between 1 and 500")
          int size) {
    return knowledge.cycles(page, size);
  }

  @GetMapping("/cycles/{id}")
  @Operation(summary = "One cycle with its anomalies, plan and outcomes")
  CycleDetail cycle(@PathVariable long id) {
    return knowledge
        .cycle(id)
        .orElseThrow(() -> new NotFoundException("cycle " + id + " not found"));
  }

  @PostMapping("/cycles")
  @Operation(summary = "Run one cycle now and return it (waits for a running cycle first)")
  ResponseEntity<CycleDetail> runOnce() {
    CycleReport report = loop.runOnce();
    log.info("cycle {} run through the API", report.id());
    return ResponseEntity.created(URI.create(CYCLES + "/" + report.id()))
        .body(CycleDetail.of(report));
  }

  @GetMapping("/snapshot")
  @Operation(summary = "What the Monitor saw in the newest cycle this process ran")
  Snapshot snapshot() {
    return loop.lastReport()
        .map(CycleReport::snapshot)
        .orElseThrow(() -> new NotFoundException("no cycle has run yet"));
  }
}
