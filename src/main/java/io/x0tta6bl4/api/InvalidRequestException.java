package io.x0tta6bl4.api;

import java.util.List;

/** The request is well-formed but its values are not acceptable; the API answers 400. */
public final class InvalidRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldProblem> errors;

  /**
   * @param detail summary for a person
   * @param errors the inputs at fault; may be empty when the fault is not one field's
   */
  public InvalidRequestException(String detail, List<FieldProblem> errors) {
    super(detail);
    this.errors = List.copyOf(errors);
  }

  /** One field at fault; the detail reads "{field} {message}". */
  public static InvalidRequestException of(String field, String message) {
    return new InvalidRequestException(
        field + " " + message, List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}
