package dev.nex7.platform.web;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * Describes endpoints the API description cannot see because no controller serves them (a servlet
 * filter that answers by itself, say). Applied before the common error answers are added, so the
 * operations get the same Problem bodies as every other.
 */
@FunctionalInterface
public interface ApiPaths {

    void describe(OpenAPI openApi);
}
