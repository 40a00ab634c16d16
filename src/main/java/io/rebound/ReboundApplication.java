package io.rebound;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Rebound: turns data-platform failures into safe, automatic recoveries. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReboundApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReboundApplication.class, args);
  }
}
