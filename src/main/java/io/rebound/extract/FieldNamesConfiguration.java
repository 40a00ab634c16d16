package io.rebound.extract;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The field names the extractor reads alert tables with, from the same classification workbook the
 * policy in force comes from: at start the policy folder when one is configured, else the jar's;
 * after that, whichever stored policy version is in force (see {@link FieldNamesInForce}).
 */
@Configuration(proxyBeanMethods = false)
public class FieldNamesConfiguration {

  /** What the node starts with; the policy replaces it when another version goes in force. */
  @Bean
  FieldNamesInForce fieldNames(@Value("${rebound.policy.dir:}") String policyDir) {
    return new FieldNamesInForce(
        policyDir.isBlank()
            ? FieldNamesSheet.shipped()
            : FieldNamesSheet.fromPolicyDirectory(Path.of(policyDir.trim())));
  }
}
