package dev.nex7.platform.web;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs}. The server URL is relative so the document
 * is the same whichever host and port serves it: the web client's types are generated from a
 * committed copy, and a test fails when the two drift apart. Every error answer is documented as
 * {@code application/problem+json} with the {@code Problem} schema.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI nex7OpenApi() {
        return new OpenAPI()
                .info(new Info().title("NEX7 API").version("v1")
                        .description("Errors are RFC 9457 Problem Details (application/problem+json) with stable type URIs."))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes("bearer",
                                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Gives every error response the Problem body, every secured operation its 401, and every
     * operation that takes a body the 400/413/415 any body can earn.
     */
    @Bean
    OpenApiCustomizer problemResponses(ObjectProvider<ApiPaths> extraPaths) {
        return openApi -> {
            extraPaths.orderedStream().forEach(paths -> paths.describe(openApi));
            // Added here, not on the bean: springdoc rebuilds the schema components from the controllers.
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocumentation::answers));
        };
    }

    private static void answers(Operation operation) {
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        if (secured && !operation.getResponses().containsKey("401")) {
            operation.getResponses().addApiResponse("401", new ApiResponse().description("Not signed in"));
        }
        if (operation.getRequestBody() != null) {
            operation.getResponses().putIfAbsent("400",
                    new ApiResponse().description("Malformed JSON, unknown fields or invalid values"));
            operation.getResponses().putIfAbsent("413", new ApiResponse().description("Body over nex7.http.max-body-size"));
            operation.getResponses().putIfAbsent("415", new ApiResponse().description("Body is not application/json"));
        }
        addProblemContent(operation);
    }

    private static void addProblemContent(Operation operation) {
        operation.getResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The request field, as a JSON property path"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("RFC 9457 Problem Details")
                .properties(Map.of(
                        "type", new StringSchema().format("uri").description("Stable identifier of the kind of problem"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema().format("uri"),
                        "requestId", new StringSchema().description("Quote it when reporting a problem"),
                        "errors", new ArraySchema().items(fieldError).description("Invalid fields, on validation problems"),
                        "problems", new ArraySchema().items(new ObjectSchema()
                                        .addProperty("severity", new StringSchema()._enum(List.of("error", "warning")))
                                        .addProperty("code", new StringSchema())
                                        .addProperty("message", new StringSchema())
                                        .addProperty("nodeId", new StringSchema())
                                        .addProperty("pointer", new StringSchema().description("JSON pointer into the definition"))
                                        .required(List.of("severity", "code", "message", "pointer")))
                                .description("Workflow definition problems, when a definition is not valid")))
                .required(List.of("type", "title", "status"));
    }
}
