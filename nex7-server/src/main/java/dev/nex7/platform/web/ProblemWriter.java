package dev.nex7.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import dev.nex7.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds every Problem Details answer NEX7 gives, so that filters, the security layer and
 * controllers answer alike: a stable {@code type}, the request path as {@code instance}, and the
 * request id.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ApiProblem.TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail problem(ApiProblem failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(failure.status(), failure.getMessage());
        problem.setType(failure.type());
        problem.setTitle(failure.title());
        if (!failure.errors().isEmpty()) {
            problem.setProperty("errors", failure.errors());
        }
        failure.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Adds what every answer carries: the path as instance and the request id. */
    public static ProblemDetail decorate(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        String requestId = RequestIdFilter.current(request);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiProblem failure) throws IOException {
        failure.headers().forEach(response::setHeader);
        write(request, response, problem(failure));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
            String title, String detail) throws IOException {
        write(request, response, problem(status, slug, title, detail));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        decorate(problem, request);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Field errors as they appear in the {@code errors} member. */
    public static List<ApiProblem.FieldError> errors(ProblemDetail problem) {
        Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
        if (errors instanceof List<?> list) {
            return list.stream().filter(ApiProblem.FieldError.class::isInstance).map(ApiProblem.FieldError.class::cast)
                    .toList();
        }
        return List.of();
    }
}
