package dev.nex7.platform.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs}. The server URL is relative so the document
 * is the same whichever host and port serves it: the web client's types are generated from a
 * committed copy, and a test fails when the two drift apart.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI nex7OpenApi() {
        return new OpenAPI()
                .info(new Info().title("NEX7 API").version("v1")
                        .description("Errors are RFC 9457 Problem Details (application/problem+json) with stable type URIs."))
                .servers(List.of(new Server().url("/")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
