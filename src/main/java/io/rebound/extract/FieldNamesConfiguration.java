package io.rebound.extract;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The field names the extractor reads alert tables with, from the same classification workbook the
 * policy in force comes from: the policy folder when one is configured, else the jar's.
 */
@Configuration(proxyBeanMethods = false)
public class FieldNamesConfiguration {

  @Bean
  FieldNames fieldNames(@Value("${rebound.policy.dir:}") String policyDir) {
    return policyDir.isBlank()
        ? FieldNamesSheet.shipped()
        : FieldNamesSheet.fromPolicyDirectory(Path.of(policyDir.trim()));
  }
}
