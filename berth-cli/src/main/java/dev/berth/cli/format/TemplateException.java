package dev.berth.cli.format;

/**
 * A template that does not parse or fails while executing. The message is shaped like Go's
 * text/template errors ({@code template: :1:2: executing "" at <.Foo>: ...}) because users
 * compare it with what the docker CLI prints.
 */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message, null, false, false);
  }
}
