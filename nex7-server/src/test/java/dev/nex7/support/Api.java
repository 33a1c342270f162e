package dev.nex7.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests against the running server, JSON in and out. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    /** An answer: status, headers and the body parsed as JSON when it is JSON. */
    public record Response(int status, Map<String, List<String>> headers, String text) {

        public JsonNode json() {
            return text == null || text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        public String problemType() {
            String type = json().path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** Builds one request. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String accessToken) {
            headers.put("Authorization", "Bearer " + accessToken);
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call json(Object value) {
            return raw("application/json", value instanceof String s ? s : JSON.writeValueAsString(value));
        }

        public Call raw(String contentType, String text) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Call body(HttpRequest.BodyPublisher publisher, String contentType) {
            headers.put("Content-Type", contentType);
            body = publisher;
            return this;
        }

        public Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
            headers.forEach(builder::header);
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call patch(String path) {
        return new Call("PATCH", path);
    }

    public Call put(String path) {
        return new Call("PUT", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
