package io.x0tta6bl4;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the self-healing controller. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class X0tta6bl4Application {

  public static void main(String[] args) {
    SpringApplication.run(X0tta6bl4Application.class, args);
  }
}
