package io.x0tta6bl4.api;

/**
 * One invalid input of a request, as listed under {@code errors} in a 400 problem.
 *
 * @param field the JSON field, query parameter or path variable, e.g. {@code interval}
 * @param message what is wrong with it, including the value that was given
 */
public record FieldProblem(String field, String message) {}
