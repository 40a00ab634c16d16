package io.rebound.policy;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the policy compile when the service is launched, before the application context reads its
 * configuration classes: that reading (component scan, auto-configuration conditions) is seconds of
 * the start, and the compile is the longest single task of it, so it gets those seconds too. {@link
 * PolicyCompileAhead} takes the running compile over. Added by the main method only, so test
 * contexts that never build the policy engine do not compile a policy for nothing.
 */
public final class PolicyCompileAtLaunch implements ApplicationListener<ApplicationPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    ConfigurableApplicationContext context = event.getApplicationContext();
    context
        .getBeanFactory()
        .registerSingleton(
            PolicyCompileAhead.STARTED_AT_LAUNCH,
            PolicyCompileAhead.start(PolicyCompileAhead.directory(context.getEnvironment())));
  }
}
