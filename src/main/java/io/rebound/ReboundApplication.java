package io.rebound;

import io.rebound.policy.PolicyLintCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Rebound: turns data-platform failures into safe, automatic recoveries. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReboundApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(PolicyLintCommand.NAME)) {
      // ops' CI checks a policy folder: no web server, no database, just the verdict
      System.exit(PolicyLintCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    SpringApplication.run(ReboundApplication.class, args);
  }
}
