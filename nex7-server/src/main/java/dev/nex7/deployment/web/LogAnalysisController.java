package dev.nex7.deployment.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.deployment.LogAnalysis;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Analyses a pasted or uploaded log for any signed-in user. Nothing is stored. The body is bounded
 * by {@code nex7.http.max-body-size} like every other; text in another charset than UTF-8 says so
 * in its {@code Content-Type}.
 */
@RestController
@Tag(name = "Deployments")
class LogAnalysisController {

    private final LogAnalysis analysis;

    LogAnalysisController(LogAnalysis analysis) {
        this.analysis = analysis;
    }

    @PostMapping(path = "/api/logs/analyze", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "analyzeLog", summary = "Find the failures in a build or runtime log",
            description = "Reads tsc, ESLint, webpack/Vite, Next.js, npm/pnpm/yarn, Node, Vercel, Maven/Gradle and "
                    + "Python output (ANSI colours and CI timestamps are fine) and returns typed findings, the root "
                    + "cause first.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))))
    @ApiResponse(responseCode = "200", description = "The findings, the root one first")
    @ApiResponse(responseCode = "400", description = "The log is empty")
    @ApiResponse(responseCode = "413", description = "The log is larger than nex7.http.max-body-size")
    @ApiResponse(responseCode = "415", description = "The body is not text/plain")
    LogAnalysisView analyze(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        String log = body == null ? "" : new String(body, charset(request.getContentType()));
        if (log.isBlank()) {
            throw new EmptyLog();
        }
        return LogAnalysisView.of(analysis.analyze(log));
    }

    /**
     * The charset the body's {@code Content-Type} declares, or UTF-8. (The servlet request's own
     * character encoding is forced to UTF-8 by Spring Boot, so it cannot say.)
     */
    private static Charset charset(String contentType) {
        try {
            Charset declared = MediaType.parseMediaType(contentType).getCharset();
            return declared == null ? StandardCharsets.UTF_8 : declared;
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
