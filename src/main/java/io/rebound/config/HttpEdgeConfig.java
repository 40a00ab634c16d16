package io.rebound.config;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What a request meets before any controller or webhook: a JSON answer for everything Tomcat
 * refuses itself, and a 400 for a query string that cannot be decoded.
 */
@Configuration(proxyBeanMethods = false)
class HttpEdgeConfig {

  @Bean
  FilterRegistrationBean<RequestEncodingFilter> requestEncodingFilter() {
    FilterRegistrationBean<RequestEncodingFilter> registration =
        new FilterRegistrationBean<>(new RequestEncodingFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Bean
  JsonErrorPages jsonErrorPages() {
    return new JsonErrorPages();
  }

  /**
   * Replaces the host's error report valve (Spring Boot adds a plain HTML one) with the JSON one.
   * Ordered last so Boot's valve is there to be replaced.
   */
  static final class JsonErrorPages
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            // the host adds a default (HTML) valve at start unless one of this class is there
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
            Pipeline pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
              if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
              }
            }
            pipeline.addValve(new JsonErrorReportValve());
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
