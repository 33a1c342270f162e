package dev.nex7.platform.web;

import java.io.IOException;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the web UI from {@code classpath:/static}. A path that is not a file and not an API
 * address gets {@code index.html}, so the browser's router can show {@code /projects/…} after a
 * reload; API addresses that do not exist stay a 404 Problem.
 */
@Configuration(proxyBeanMethods = false)
class SinglePageApp implements WebMvcConfigurer {

    private static final String[] SERVER_PREFIXES = {"api/", "actuator", "v3/", "swagger-ui", ".well-known/"};

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected Resource getResource(String path, Resource location) throws IOException {
                        Resource resource = super.getResource(path, location);
                        if (resource != null || isServerPath(path) || path.startsWith("assets/")) {
                            return resource;
                        }
                        return super.getResource("index.html", location);
                    }
                });
    }

    private static boolean isServerPath(String path) {
        for (String prefix : SERVER_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
