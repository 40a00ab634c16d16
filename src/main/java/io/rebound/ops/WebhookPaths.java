package io.rebound.ops;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook endpoints in the OpenAPI description: one POST per endpoint with how that sender
 * proves itself and every answer it can get (docs/webhooks.md in machine-readable form). The list
 * of endpoints is the webhook servlet's (a test compares it with the servlet's own 404 answer).
 */
final class WebhookPaths {

  static final String TAG = "Webhooks";

  private enum Auth {
    API_KEY,
    GITHUB_SIGNATURE,
    GITLAB_TOKEN
  }

  /** Endpoint id to how it authenticates, in the order docs/webhooks.md lists them. */
  private static final Map<String, Auth> ENDPOINTS = new LinkedHashMap<>();

  static {
    ENDPOINTS.put("azure-monitor", Auth.API_KEY);
    ENDPOINTS.put("databricks", Auth.API_KEY);
    ENDPOINTS.put("synapse", Auth.API_KEY);
    ENDPOINTS.put("azure-functions", Auth.API_KEY);
    ENDPOINTS.put("github", Auth.GITHUB_SIGNATURE);
    ENDPOINTS.put("gitlab", Auth.GITLAB_TOKEN);
    ENDPOINTS.put("jenkins", Auth.API_KEY);
    ENDPOINTS.put("azure-devops", Auth.API_KEY);
    ENDPOINTS.put("circleci", Auth.API_KEY);
    ENDPOINTS.put("generic", Auth.API_KEY);
  }

  /** The prior remediation tool's URLs, kept so its senders need no change. */
  private static final Map<String, String> LEGACY =
      Map.of("/azure-monitor", "azure-monitor", "/databricks-monitor", "databricks");

  private WebhookPaths() {}

  static void addTo(OpenAPI api) {
    api.addTagsItem(
        new Tag()
            .name(TAG)
            .description(
                "Where platforms send failures. Not the API: no bearer token; each endpoint has its"
                    + " own shared secret (rebound.webhooks.<endpoint>.secret). Every answer is"
                    + " JSON; a 202 means the exact body is stored and will be decided."));
    ENDPOINTS.forEach(
        (id, auth) -> api.path("/webhooks/" + id, new PathItem().post(operation(id, auth, false))));
    api.path("/webhooks/jira", new PathItem().post(jira()));
    LEGACY.forEach(
        (path, id) -> api.path(path, new PathItem().post(operation(id, ENDPOINTS.get(id), true))));
  }

  private static Operation operation(String id, Auth auth, boolean legacy) {
    Operation operation =
        new Operation()
            .addTagsItem(TAG)
            .operationId((legacy ? "legacyWebhook-" : "webhook-") + id)
            .summary(
                legacy
                    ? "Same as /webhooks/" + id + " (the prior tool's URL)"
                    : "Receive a " + id + " failure notification")
            .security(List.of())
            .requestBody(
                new RequestBody()
                    .required(true)
                    .description(
                        "The sender's own JSON, unchanged (at most rebound.ingest.max-body-size,"
                            + " default 1 MB)")
                    .content(json(new ObjectSchema().additionalProperties(true), null)))
            .responses(responses());
    parameters(auth).forEach(operation::addParametersItem);
    return operation;
  }

  /** Jira's webhook brings no failure: status changes of Rebound's issues, recorded at once. */
  private static Operation jira() {
    Operation operation =
        new Operation()
            .addTagsItem(TAG)
            .operationId("webhook-jira")
            .summary(
                "Receive Jira's issue updates (status changes people make on Rebound's issues)")
            .security(List.of())
            .requestBody(
                new RequestBody()
                    .required(true)
                    .description("Jira's jira:issue_updated body with its changelog, unchanged")
                    .content(json(new ObjectSchema().additionalProperties(true), null)))
            .responses(
                new ApiResponses()
                    .addApiResponse(
                        "200",
                        answer(
                            "Handled: a status change of one of Rebound's issues is in its"
                                + " incident's audit trail (recorded); anything else is ignored",
                            new ObjectSchema()
                                .addProperty(
                                    "status",
                                    new StringSchema()._enum(List.of("recorded", "ignored")))
                                .addProperty("detail", new StringSchema()),
                            Map.of("status", "recorded", "detail", "OPS-42 is now In Progress")))
                    .addApiResponse("400", error("The body is not a JSON object", "invalid_json"))
                    .addApiResponse(
                        "401", error("Missing or wrong signature or secret", "unauthorized"))
                    .addApiResponse(
                        "413",
                        error(
                            "The body is over rebound.ingest.max-body-size", "payload_too_large")));
    operation.addParametersItem(
        new HeaderParameter()
            .name("X-Hub-Signature")
            .description(
                "sha256=<HMAC of the body with the secret>; Jira sets it when its webhook has a"
                    + " secret (or send the secret as ?token=)")
            .schema(new StringSchema()));
    operation.addParametersItem(
        new QueryParameter()
            .name("token")
            .description("The shared secret, for a Jira webhook registered without a secret")
            .schema(new StringSchema()));
    return operation;
  }

  private static List<Parameter> parameters(Auth auth) {
    List<Parameter> parameters = new ArrayList<>();
    switch (auth) {
      case API_KEY -> {
        parameters.add(
            new HeaderParameter()
                .name("X-Api-Key")
                .description("The endpoint's shared secret (or send it as ?token=)")
                .schema(new StringSchema()));
        parameters.add(
            new QueryParameter()
                .name("token")
                .description(
                    "The shared secret, for senders that cannot set headers (Azure Monitor"
                        + " action groups)")
                .schema(new StringSchema()));
      }
      case GITHUB_SIGNATURE ->
          parameters.add(
              new HeaderParameter()
                  .name("X-Hub-Signature-256")
                  .required(true)
                  .description(
                      "sha256=<HMAC of the body with the secret>; GitHub sets it when the webhook"
                          + " has a secret")
                  .schema(new StringSchema()));
      case GITLAB_TOKEN ->
          parameters.add(
              new HeaderParameter()
                  .name("X-Gitlab-Token")
                  .required(true)
                  .description("The hook's secret token")
                  .schema(new StringSchema()));
    }
    return parameters;
  }

  private static ApiResponses responses() {
    return new ApiResponses()
        .addApiResponse(
            "202",
            answer(
                "Stored; it will be decided in the background. GET /api/deliveries/{deliveryId}"
                    + " shows the incident once processed.",
                accepted(),
                Map.of("deliveryId", "01a23c2b-408f-7040-af6c-166d9caea4b9", "status", "accepted")))
        .addApiResponse(
            "400", error("The body is not JSON (kept in the inbox as REJECTED)", "invalid_json"))
        .addApiResponse(
            "401",
            error(
                "Missing or wrong secret or signature (kept as REJECTED, with the reason)",
                "unauthorized"))
        .addApiResponse(
            "413",
            error(
                "The body is over rebound.ingest.max-body-size (its first 64 KB are kept)",
                "payload_too_large"))
        .addApiResponse(
            "422",
            error(
                "JSON of no known shape; detail says what was expected and which fields came",
                "unknown_payload"))
        .addApiResponse(
            "503",
            error("The database could not take the delivery now; the sender should retry", null));
  }

  private static ApiResponse error(String description, String errorExample) {
    Map<String, Object> example = new LinkedHashMap<>();
    if (errorExample != null) {
      example.put("error", errorExample);
      example.put("detail", "What went wrong, for the person configuring the sender");
    }
    return answer(description, errorSchema(), example.isEmpty() ? null : example);
  }

  private static ApiResponse answer(String description, Schema<?> schema, Object example) {
    return new ApiResponse().description(description).content(json(schema, example));
  }

  private static Content json(Schema<?> schema, Object example) {
    MediaType media = new MediaType().schema(schema);
    if (example != null) {
      media.example(example);
    }
    return new Content().addMediaType("application/json", media);
  }

  private static Schema<?> accepted() {
    return new ObjectSchema()
        .addProperty("deliveryId", new StringSchema().format("uuid"))
        .addProperty(
            "incidentId",
            new StringSchema()
                .format("uuid")
                .nullable(true)
                .description("Always null here: the decision is made after the answer"))
        .addProperty("status", new StringSchema()._enum(List.of("accepted")));
  }

  private static Schema<?> errorSchema() {
    return new ObjectSchema()
        .addProperty("error", new StringSchema())
        .addProperty("detail", new StringSchema())
        .addProperty(
            "deliveryId",
            new StringSchema().format("uuid").description("Set when the delivery was kept"));
  }
}
