package io.rebound.ingest;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The retry sweep and the cluster watch run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IngestConfig {}
