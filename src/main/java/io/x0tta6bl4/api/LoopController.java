package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.LoopControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The loop's state, interval and mode; pause and resume. */
@RestController
@RequestMapping("/api/v1/loop")
@Tag(name = "loop", description = "State of the MAPE-K loop; pause, resume, interval and mode")
class LoopController {

  private static final Logger log = LoggerFactory.getLogger(LoopController.class);

  private final LoopControl loop;

  LoopController(LoopControl loop) {
    this.loop = loop;
  }

  @GetMapping
  @Operation(summary = "The loop's status, mode, interval and cycle counters")
  LoopView state() {
    return LoopView.of(loop.state());
  }

  @PostMapping("/pause")
  @Operation(summary = "Stop scheduling cycles (a running cycle completes); idempotent")
  LoopView pause() {
    loop.pause();
    log.info("loop paused through the API");
    return LoopView.of(loop.state());
  }

  @PostMapping("/resume")
  @Operation(summary = "Schedule cycles again, the next one at once; idempotent")
  LoopView resume() {
    loop.resume();
    log.info("loop resumed through the API");
    return LoopView.of(loop.state());
  }

  @PatchMapping
  @Operation(
      summary = "Change the interval and/or the mode",
      description =
          "interval: 500ms, 2s, 1m or ISO-8601 (PT2S), between 100ms and 1h; "
              + "mode: active or dry-run. Give at least one.")
  LoopView change(@RequestBody LoopPatch patch) {
    LoopPatch.Change change = patch.validate();
    change
        .interval()
        .ifPresent(
            interval -> {
              loop.changeInterval(interval);
              log.info("loop interval changed to {} through the API", interval);
            });
    change
        .mode()
        .ifPresent(
            mode -> {
              loop.changeMode(mode);
              log.info("loop mode changed to {} through the API", mode);
            });
    return LoopView.of(loop.state());
  }
}
