package dev.nex7.workflow.definition;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;
import dev.nex7.workflow.catalog.ValidationProblem;

/** The definition has errors, so it cannot be saved as a version or run; every problem is listed. */
public class DefinitionInvalid extends ApiProblem {

    private final List<ValidationProblem> problems;

    public DefinitionInvalid(List<ValidationProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "workflow-invalid", "The workflow is not valid",
                problems.stream().filter(ValidationProblem::isError).count() + " problem(s) must be fixed first; see problems.");
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("problems", problems);
    }
}
