package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.monitor.TargetRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The targets the controller watches; changes take effect on the next cycle. */
@RestController
@RequestMapping("/api/v1/targets")
@Tag(name = "targets", description = "What the controller watches and heals")
class TargetController {

  private static final Logger log = LoggerFactory.getLogger(TargetController.class);

  private final TargetRegistry targets;
  private final LoopControl loop;

  TargetController(TargetRegistry targets, LoopControl loop) {
    this.targets = targets;
    this.loop = loop;
  }

  @GetMapping
  @Operation(summary = "Every target, configured and API-created, with its last observed state")
  List<TargetView> list() {
    Optional<CycleReport> last = loop.lastReport();
    Map<String, TargetStatus> seen = new HashMap<>();
    last.ifPresent(r -> r.snapshot().targets().forEach(t -> seen.put(t.target(), t)));
    Instant at = last.map(r -> r.snapshot().takenAt()).orElse(null);
    return targets.list().stream()
        .map(t -> TargetView.of(t, seen.get(t.target().id()), at))
        .toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One target")
  TargetView one(@PathVariable String id) {
    return view(found(id), loop.lastReport());
  }

  @PostMapping
  @Operation(summary = "Create a target (409 when the id is taken)")
  ResponseEntity<TargetView> create(@RequestBody TargetRequest request) {
    Target target = request.toTarget(null);
    targets.create(target);
    log.info("target {} created through the API", target.id());
    return ResponseEntity.created(URI.create("/api/v1/targets/" + target.id()))
        .body(view(found(target.id()), Optional.empty()));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Create or replace an API-created target")
  ResponseEntity<TargetView> put(@PathVariable String id, @RequestBody TargetRequest request) {
    Target target = request.toTarget(id);
    boolean created = targets.put(target);
    log.info("target {} {} through the API", id, created ? "created" : "replaced");
    TargetView body = view(found(id), Optional.empty());
    return created
        ? ResponseEntity.created(URI.create("/api/v1/targets/" + id)).body(body)
        : ResponseEntity.ok(body);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete an API-created target")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!targets.delete(id)) {
      throw new NotFoundException("target '" + id + "' not found");
    }
    log.info("target {} deleted through the API", id);
    return ResponseEntity.noContent().build();
  }

  private TargetRegistry.Registered found(String id) {
    return targets
        .find(id)
        .orElseThrow(() -> new NotFoundException("target '" + id + "' not found"));
  }

  private static TargetView view(TargetRegistry.Registered registered, Optional<CycleReport> last) {
    String id = registered.target().id();
    TargetStatus status =
        last.flatMap(
                r -> r.snapshot().targets().stream().filter(s -> s.target().equals(id)).findFirst())
            .orElse(null);
    return TargetView.of(registered, status, last.map(r -> r.snapshot().takenAt()).orElse(null));
  }
}
