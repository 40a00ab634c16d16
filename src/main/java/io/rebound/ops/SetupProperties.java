package io.rebound.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl the address Azure Monitor and Databricks reach this Rebound at
 *     (REBOUND_PUBLIC_URL); without it the setup answers use the address of the request
 */
@ConfigurationProperties("rebound.setup")
record SetupProperties(String publicUrl) {}
