package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.monitor.TargetConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The API's one error handler: every error, Spring MVC's own included, becomes an RFC 9457 problem
 * ({@code application/problem+json}) with a stable {@code type}, a {@code detail} a person
 * understands, {@code instance} = the request path, and {@code errors} for invalid input. A 500
 * never echoes the exception; it is logged with the request id the answer names.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException ex, WebRequest request) {
    return respond(ProblemType.NOT_FOUND.problem(ex.getMessage()), request);
  }

  @ExceptionHandler({TargetConflictException.class, ConflictException.class})
  ResponseEntity<Object> conflict(RuntimeException ex, WebRequest request) {
    return respond(ProblemType.CONFLICT.problem(ex.getMessage()), request);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> invalidRequest(InvalidRequestException ex, WebRequest request) {
    return respond(ProblemType.invalidRequest(ex.getMessage(), ex.errors()), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
    HttpServletRequest servlet = servletRequest(request);
    String id = servlet == null ? UUID.randomUUID().toString() : RequestIds.of(servlet);
    log.error(
        "request {} {} {} failed",
        id,
        servlet == null ? "?" : servlet.getMethod(),
        servlet == null ? "?" : servlet.getRequestURI(),
        ex);
    ProblemDetail problem =
        ProblemType.INTERNAL.problem("internal error, see the controller log for request " + id);
    problem.setProperty("requestId", id);
    return respond(problem, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return respond(UnreadableBodyProblems.of(ex), request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        ex instanceof MethodArgumentTypeMismatchException arg
            ? arg.getName()
            : ex.getPropertyName();
    String message =
        "must be " + TypeNames.describe(ex.getRequiredType()) + ", but was '" + ex.getValue() + "'";
    return respond(
        ProblemType.invalidRequest(name + " " + message, List.of(new FieldProblem(name, message))),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors =
        ex.getParameterValidationResults().stream().flatMap(this::fieldProblems).toList();
    return respond(invalid(errors), request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors =
        ex.getFieldErrors().stream()
            .map(
                e ->
                    new FieldProblem(
                        e.getField(), e.getDefaultMessage() + ", but was " + e.getRejectedValue()))
            .toList();
    return respond(invalid(errors), request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return respond(noResource(request), request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return respond(noResource(request), request);
  }

  /** Spring MVC's own 500s (a response that cannot be written, ...) are unexpected errors too. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (status.value() == 500) {
      return unexpected(ex, request);
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  /** Gives every problem, Spring's included, its stable type and the request path. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
        ProblemType.classify(problem);
      }
      problem.setInstance(instance(request));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
    return createResponseEntity(
        problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
  }

  private Stream<FieldProblem> fieldProblems(ParameterValidationResult result) {
    String name = result.getMethodParameter().getParameterName();
    return result.getResolvableErrors().stream()
        .map(MessageSourceResolvable::getDefaultMessage)
        .map(message -> new FieldProblem(name, message + ", but was " + result.getArgument()));
  }

  private static ProblemDetail invalid(List<FieldProblem> errors) {
    String detail =
        errors.isEmpty()
            ? "request is invalid"
            : errors.get(0).field() + " " + errors.get(0).message();
    return ProblemType.invalidRequest(detail, errors);
  }

  private static ProblemDetail noResource(WebRequest request) {
    HttpServletRequest servlet = servletRequest(request);
    String path = servlet == null ? "this path" : servlet.getRequestURI();
    return ProblemType.NOT_FOUND.problem("no resource at " + path);
  }

  private static URI instance(WebRequest request) {
    HttpServletRequest servlet = servletRequest(request);
    if (servlet == null) {
      return null;
    }
    try {
      return URI.create(servlet.getRequestURI());
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
  }

  private static HttpServletRequest servletRequest(WebRequest request) {
    return request instanceof NativeWebRequest nativeRequest
        ? nativeRequest.getNativeRequest(HttpServletRequest.class)
        : null;
  }
}
