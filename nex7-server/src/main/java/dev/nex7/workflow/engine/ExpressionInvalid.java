package dev.nex7.workflow.engine;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/** A previewed expression does not parse, or fails against the data: its code and message say why. */
public class ExpressionInvalid extends ApiProblem {

    private final String code;

    public ExpressionInvalid(String code, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "expression-invalid", "The expression cannot be evaluated", message);
        this.code = code;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("code", code);
    }
}
