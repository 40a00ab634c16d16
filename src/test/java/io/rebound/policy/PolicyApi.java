package io.rebound.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The policy API over real HTTP, answers kept whatever their status. */
final class PolicyApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  record Answer(int status, JsonNode body) {}

  private final RestClient http;

  PolicyApi(int port, String token) {
    this.http =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultHeader("Authorization", "Bearer " + token)
            .defaultStatusHandler(s -> true, (request, response) -> {})
            .build();
  }

  Answer get(String path) {
    var r = http.get().uri(path).retrieve().toEntity(String.class);
    return new Answer(r.getStatusCode().value(), parse(r.getBody()));
  }

  byte[] download(String path) {
    var r = http.get().uri(path).retrieve().toEntity(byte[].class);
    if (r.getStatusCode().value() != 200) {
      throw new AssertionError("download " + path + " answered " + r.getStatusCode());
    }
    return r.getBody();
  }

  Answer post(String path) {
    var r = http.post().uri(path).retrieve().toEntity(String.class);
    return new Answer(r.getStatusCode().value(), parse(r.getBody()));
  }

  Answer postJson(String path, String json) {
    var r =
        http.post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json)
            .retrieve()
            .toEntity(String.class);
    return new Answer(r.getStatusCode().value(), parse(r.getBody()));
  }

  /** A webhook delivery: its own secret header instead of the API token. */
  Answer postWebhook(String path, String json, String apiKey) {
    var r =
        http.post()
            .uri(path)
            .header("X-Api-Key", apiKey)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json)
            .retrieve()
            .toEntity(String.class);
    return new Answer(r.getStatusCode().value(), parse(r.getBody()));
  }

  /** Uploads files (name to bytes) as multipart parts, with a message. */
  Answer upload(Map<String, byte[]> files, String message) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    files.forEach(
        (name, bytes) ->
            parts.add(
                "file",
                new ByteArrayResource(bytes) {
                  @Override
                  public String getFilename() {
                    return name;
                  }
                }));
    parts.add("message", message);
    var r =
        http.post()
            .uri("/api/policy/candidates")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(parts)
            .retrieve()
            .toEntity(String.class);
    return new Answer(r.getStatusCode().value(), parse(r.getBody()));
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static JsonNode parse(String body) {
    return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
  }
}
