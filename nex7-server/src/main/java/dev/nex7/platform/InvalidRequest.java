package dev.nex7.platform;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The request is well-formed JSON but one or more of its values are not acceptable. */
public class InvalidRequest extends ApiProblem {

    public InvalidRequest(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidRequest(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid",
                "One or more fields are invalid; see errors.", errors);
    }
}
