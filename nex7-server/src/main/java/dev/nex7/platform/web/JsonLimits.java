package dev.nex7.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamReadConstraints;

/** Bounds JSON nesting so a deeply nested document cannot exhaust the parser's stack or memory. */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    @Bean
    JsonFactoryBuilderCustomizer nestingDepthLimit(HttpSettings settings) {
        return builder -> builder.streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(settings.maxJsonDepth()).build());
    }
}
