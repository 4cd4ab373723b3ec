package org.ccextractor.sampleplatform.errorsummary.problem;

import java.util.Map;

/** An expected failure of a request, carrying its HTTP status and the body to answer with. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final Problem problem;

    public ApiProblem(int status, Problem problem) {
        super(problem.message(), null, false, false);
        this.status = status;
        this.problem = problem;
    }

    /** 400 naming every bad parameter, each with what it must be. */
    public static ApiProblem validation(Map<String, String> fields) {
        return new ApiProblem(400, new Problem("validation_error", "Request failed schema validation.",
                Map.of("fields", fields)));
    }

    public static ApiProblem notFound(String resource, long id) {
        String name = Character.toUpperCase(resource.charAt(0)) + resource.substring(1);
        return new ApiProblem(404, new Problem("not_found", name + " " + id + " not found.",
                Map.of("resource", resource, "id", id)));
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
