package dev.nex7.platform;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure that the API reports as an RFC 9457 Problem Details answer. Modules subclass it with
 * exceptions that state a fact ({@code ProjectNotFound}, {@code EmailAlreadyRegistered}); the
 * {@link #type()} URI is stable and documented, the detail never carries secrets.
 */
public abstract class ApiProblem extends RuntimeException {

    /** Base of every NEX7 problem type URI. */
    public static final String TYPE_BASE = "https://nex7.dev/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;

    protected ApiProblem(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    protected ApiProblem(HttpStatus status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(TYPE_BASE + slug);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers the answer carries ({@code Retry-After}, for instance); none by default. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /**
     * Extra members of the Problem Details object (RFC 9457 §3.2 extensions), such as the list of
     * definition problems a failed workflow validation carries; none by default.
     */
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of();
    }

    /** One problem with one field of the request. */
    public record FieldError(String field, String message) {
    }
}
