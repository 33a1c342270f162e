package dev.nex7.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure a controller can meet into an RFC 9457 answer with a stable type. Nothing of
 * an exception's internals (stack, SQL, class names) reaches the client; unexpected failures are
 * logged with the request id the client sees.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final Map<Integer, String[]> FRAMEWORK_TYPES = Map.of(
            404, new String[] {"not-found", "Not found"},
            405, new String[] {"method-not-allowed", "Method not allowed"},
            406, new String[] {"not-acceptable", "Not acceptable"},
            415, new String[] {"unsupported-media-type", "Unsupported media type"},
            400, new String[] {"malformed-request", "Malformed request"},
            500, new String[] {"internal-error", "Internal error"});

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem failure, HttpServletRequest request) {
        ProblemDetail problem = ProblemWriter.decorate(ProblemWriter.problem(failure), request);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        failure.headers().forEach((name, value) -> answer.header(name, value));
        return answer.body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException failure, HttpServletRequest request) {
        return answer(ProblemWriter.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You do not have the role this action needs."), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException failure, HttpServletRequest request) {
        return answer(ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "Sign in to do this."), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException failure,
            HttpServletRequest request) {
        return answer(ProblemWriter.problem(new InvalidRequest(failure.getName(),
                "is not a valid value")), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
        log.error("Unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), failure);
        return answer(ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side. Quote the request id when reporting it."), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        failure.getBindingResult().getFieldErrors()
                .forEach(e -> errors.add(new ApiProblem.FieldError(e.getField(), e.getDefaultMessage())));
        failure.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new ApiProblem.FieldError(e.getObjectName(), e.getDefaultMessage())));
        return withBody(ProblemWriter.problem(new InvalidRequest(errors)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        failure.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
                .forEach(e -> errors.add(new ApiProblem.FieldError(result.getMethodParameter().getParameterName(),
                        e.getDefaultMessage()))));
        return withBody(ProblemWriter.problem(new InvalidRequest(errors)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withBody(ProblemWriter.problem(new InvalidRequest(failure.getParameterName(),
                "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable c = failure.getCause(); c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof PayloadTooLarge tooLarge) {
                return withBody(ProblemWriter.problem(tooLarge), request);
            }
        }
        Throwable cause = failure.getCause();
        while (cause != null && !(cause instanceof DatabindException)
                && !(cause instanceof StreamConstraintsException)) {
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return withBody(ProblemWriter.problem(new InvalidRequest(path(unknown),
                    "is not a known field")), request);
        }
        if (cause instanceof InvalidFormatException invalid) {
            return withBody(ProblemWriter.problem(new InvalidRequest(path(invalid),
                    "has a value of the wrong type or format")), request);
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return withBody(ProblemWriter.problem(new InvalidRequest(path(databind),
                    "has an invalid value")), request);
        }
        String detail = cause instanceof StreamConstraintsException
                ? "The JSON document is nested too deeply."
                : failure.getMessage() != null && failure.getMessage().startsWith("Required request body is missing")
                        ? "The request needs a JSON body."
                        : "The request body is not valid JSON.";
        return withBody(ProblemWriter.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(status, failure.getMessage());
        String[] known = FRAMEWORK_TYPES.get(status.value());
        if (known != null && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(ApiProblem.TYPE_BASE + known[0]));
            problem.setTitle(known[1]);
        }
        if (failure instanceof NoResourceFoundException) {
            problem.setDetail("There is nothing at this address.");
        }
        if (failure instanceof HttpRequestMethodNotSupportedException
                || failure instanceof HttpMediaTypeNotSupportedException
                || failure instanceof HttpMediaTypeNotAcceptableException) {
            // Their own messages are fine to show; the headers (Allow, Accept) come from the framework.
            problem.setDetail(failure.getMessage());
        }
        decorate(problem, request);
        return super.handleExceptionInternal(failure, problem, headers, status, request);
    }

    private ResponseEntity<Object> withBody(ProblemDetail problem, WebRequest request) {
        decorate(problem, request);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpServletRequest request) {
        ProblemWriter.decorate(problem, request);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static void decorate(ProblemDetail problem, WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            ProblemWriter.decorate(problem, servletRequest);
        }
    }

    private static String path(DatabindException failure) {
        StringBuilder path = new StringBuilder();
        for (var reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
