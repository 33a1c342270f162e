package dev.nex7.workflow.web;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.nex7.platform.web.ApiPaths;
import dev.nex7.platform.web.ProblemWriter;
import dev.nex7.workflow.engine.WebhookResponses;
import dev.nex7.workflow.engine.WorkflowEngine;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code /webhook/*} with {@link WebhookEndpoint}, after the request id and body-size filters
 * and before everything else, and describes it in the API description (springdoc sees controllers
 * only).
 */
@Configuration(proxyBeanMethods = false)
class WebhookEndpointConfiguration {

    /** After {@code RequestIdFilter} (highest precedence) and {@code BodySizeLimitFilter} (+10). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<WebhookEndpoint> webhookEndpoint(WebhookRoutes routes, WorkflowEngine engine, WebhookResponses responses,
            WebhookSignatures signatures, JsonMapper json, ProblemWriter problems) {
        FilterRegistrationBean<WebhookEndpoint> registration = new FilterRegistrationBean<>(
                new WebhookEndpoint(routes, engine, responses, signatures, json, problems));
        registration.setName("webhookEndpoint");
        registration.addUrlPatterns("/webhook/*");
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    ApiPaths webhookDescription() {
        return openApi -> {
            PathItem item = new PathItem();
            for (PathItem.HttpMethod method : List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
                    PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE)) {
                item.operation(method, operation(method));
            }
            openApi.path("/webhook/{token}", item);
        };
    }

    private static Operation operation(PathItem.HttpMethod method) {
        String name = method.name().charAt(0) + method.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        Operation operation = new Operation().operationId("receiveWebhook" + name).addTagsItem("Webhooks")
                .summary("Start the workflow whose webhook URL this is (public; the token is the secret)")
                .description("Runs the active version when the webhook trigger accepts this method. Answers 202 with the execution id, "
                        + "or what its Respond to webhook node sends.")
                .security(List.of())
                .addParametersItem(new PathParameter().name("token").required(true).schema(new StringSchema()))
                .responses(new ApiResponses()
                        .addApiResponse("202", new ApiResponse().description("Started").content(new Content().addMediaType("application/json",
                                new MediaType().schema(new ObjectSchema().addProperty("executionId", new StringSchema().format("uuid"))))))
                        .addApiResponse("401", new ApiResponse().description("The trigger requires a signature and it is missing or wrong"))
                        .addApiResponse("404", new ApiResponse().description("No active workflow listens here"))
                        .addApiResponse("405", new ApiResponse().description("The webhook accepts another method"))
                        .addApiResponse("504", new ApiResponse().description("The workflow did not respond in time (it keeps running)")));
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.DELETE) {
            operation.requestBody(new RequestBody().description("Any body: JSON (by Content-Type) is parsed, anything else is text")
                    .content(new Content().addMediaType("*/*", new MediaType().schema(new ObjectSchema()))));
        }
        return operation;
    }
}
