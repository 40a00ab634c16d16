package io.rebound.ops;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description at /v3/api-docs (Swagger UI at /swagger-ui.html): every /api/** endpoint
 * springdoc finds in the MVC controllers, plus the webhook endpoints, which are a plain servlet
 * that springdoc cannot see ({@link WebhookPaths}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BEARER = "apiToken";

  @Bean
  OpenAPI reboundOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Rebound")
                .description(
                    "Decision service that turns data-pipeline failures into safe, automatic"
                        + " recoveries. API calls send 'Authorization: Bearer <token>'; the"
                        + " token's role (viewer, operator, approver, admin) decides what it may"
                        + " do. Webhooks prove themselves with their own per-endpoint secret.")
                .version("v1"))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token from rebound.security.api-tokens")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  @Bean
  OpenApiCustomizer webhookPaths() {
    return WebhookPaths::addTo;
  }

  @Bean
  OpenApiCustomizer recordedExamples() {
    return ApiExamples::addTo;
  }
}
