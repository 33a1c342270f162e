package dev.nex7.deployment;

import java.util.List;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The built-in analyzers exactly as the application wires them (the same component scan of
 * {@code dev.nex7.deployment.analysis}), without starting the application.
 */
public final class Analyzers {

    private static final List<LogAnalyzer> BUILT_IN = scan();

    private Analyzers() {
    }

    public static List<LogAnalyzer> builtIn() {
        return BUILT_IN;
    }

    /** A log analysis over the built-in analyzers with the default settings. */
    public static LogAnalysis analysis() {
        return new LogAnalysis(BUILT_IN, DeploymentSettings.defaults());
    }

    private static List<LogAnalyzer> scan() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
                "dev.nex7.deployment.analysis")) {
            return List.copyOf(context.getBeansOfType(LogAnalyzer.class).values());
        }
    }
}
